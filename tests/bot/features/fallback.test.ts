import type { Update } from 'grammy/types'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { commandOf } from '../../../src/bot/features/fallback.ts'
import { seedLirania } from '../../support/lirania.ts'
import { buttons, dataOf, shown } from '../../support/sent-messages.ts'
import { type BotHarness, createBotHarness, GROUP, USER_ID } from '../../support/test-app.ts'

let h: BotHarness
beforeEach(async () => {
  h = await createBotHarness()
  seedLirania(h.store)
})
afterEach(() => h.close())

describe('fallback', () => {
  it('answers unknown commands with a hint, in groups only when addressed to the bot', async () => {
    expect(shown((await h.say(USER_ID, '/foo')).last)).toBe("I don't know /foo. Try /help.")
    expect(shown((await h.say(USER_ID, '/foo@pressbot_test_bot bar')).last)).toBe(
      "I don't know /foo. Try /help.",
    )
    expect((await h.say(GROUP, '/foo', { chatType: 'supergroup' })).sent).toHaveLength(0)
    expect((await h.say(GROUP, '/start@another_bot', { chatType: 'supergroup' })).sent).toHaveLength(0)
    expect(shown((await h.say(GROUP, '/foo@pressbot_test_bot', { chatType: 'supergroup' })).last)).toBe(
      "I don't know /foo. Try /help.",
    )
  })

  it('answers plain text in private with a search hint whose button runs the search', async () => {
    const { last } = await h.say(USER_ID, 'tidal   turbines')
    expect(shown(last)).toBe(
      'To search releases, send /search <words>, or tap the button to search for “tidal turbines”. /help lists every command.',
    )
    expect(buttons(last).map(([label]) => label)).toEqual(['🔎 Search “tidal turbines”'])
    const tapped = await h.tap(USER_ID, dataOf(last, 'Search'))
    expect(shown(tapped.edit)).toMatch(/^🔎 1–1 of 1 for “tidal turbines”\n\n1\. Tidal energy pilot/)
    expect((await h.say(GROUP, 'hello group', { chatType: 'supergroup' })).sent).toHaveLength(0)
  })

  it('cuts a long plain-text preview between emoji, never through one', async () => {
    const { last } = await h.say(USER_ID, `ferry ${'😀'.repeat(50)}`)
    // 100 and 40 UTF-16 units at most; a cut through a surrogate pair would show as U+FFFD or fail the request.
    expect(shown(last)).toBe(
      `To search releases, send /search <words>, or tap the button to search for “ferry ${'😀'.repeat(46)}…”. /help lists every command.`,
    )
    expect(buttons(last).map(([label]) => label)).toEqual([`🔎 Search “ferry ${'😀'.repeat(16)}…”`])
  })

  it('tells a user who sends a sticker what the bot understands', async () => {
    const update = h.api.message(USER_ID, 'x') as Update & { message: Record<string, unknown> }
    delete update.message.text
    update.message.sticker = {
      file_id: 's',
      file_unique_id: 's',
      type: 'regular',
      width: 1,
      height: 1,
      is_animated: false,
      is_video: false,
    }
    await h.bot.handleUpdate(update)
    expect(h.api.lastPayload('sendMessage')?.text).toBe(
      'I understand text commands only. Send /help to see them.',
    )
  })

  it('apologises instead of staying silent when a handler fails', async () => {
    h.api.failNext('sendMessage', 1, { error_code: 400, description: 'Bad Request: something odd' })
    await h.say(USER_ID, '/latest')
    expect(h.api.lastPayload('sendMessage')?.text).toBe(
      'Sorry, something went wrong. Please try again later.',
    )
    expect(h.logs.join('\n')).toContain('handler failed')
    expect(h.logs.join('\n')).not.toContain('TEST_token')
  })
})

describe('commandOf', () => {
  it('commandOf', () => {
    expect(commandOf('/foo bar', 'Bot')).toEqual({ command: '/foo', addressed: false })
    expect(commandOf('/foo@bot', 'Bot')).toEqual({ command: '/foo', addressed: true })
    expect(commandOf('/foo@other_bot', 'Bot')).toBeUndefined()
    expect(commandOf('hello', 'Bot')).toBeUndefined()
  })
})
