import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { adminCommands, publicCommands } from '../../src/bot/commands.ts'
import { shown } from '../support/sent-messages.ts'
import { ADMIN_ID, type BotHarness, createBotHarness, USER_ID } from '../support/test-app.ts'

/**
 * Every command the "/" menu and /help announce has a handler: sent bare in a private chat, it gets an answer of
 * its own (its result or its usage), never the fallback's "I don't know /x". A command added to commands.ts
 * without its feature (or a feature renamed away from it) fails here.
 */
let h: BotHarness
beforeEach(async () => {
  h = await createBotHarness()
})
afterEach(() => h.close())

async function answerTo(chatId: number, command: string): Promise<string> {
  const before = h.api.calls.length
  await h.say(chatId, `/${command}`)
  const replies = h.api.calls
    .slice(before)
    .filter((c) => ['sendMessage', 'sendPhoto', 'sendDocument'].includes(c.method))
  return replies.map((c) => shown(c.payload)).join('\n')
}

describe('the announced commands', () => {
  it.each(publicCommands.map((c) => c.command))('/%s reaches its handler', async (command) => {
    const reply = await answerTo(USER_ID, command)
    expect(reply).not.toBe('')
    expect(reply).not.toMatch(/^I don't know \//)
  })

  it.each(adminCommands.map((c) => c.command))('/%s reaches its handler for an admin', async (command) => {
    const reply = await answerTo(ADMIN_ID, command)
    expect(reply).not.toBe('')
    expect(reply).not.toMatch(/^I don't know \//)
  })

  it('answers an unknown command with the fallback (so the checks above can fail)', async () => {
    expect(await answerTo(USER_ID, 'no_such_command')).toMatch(/^I don't know \/no_such_command/)
  })
})
