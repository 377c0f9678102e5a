import { afterEach, describe, expect, it } from 'vitest'
import { shown } from '../../support/sent-messages.ts'
import { ADMIN_ID, type BotHarness, createBotHarness, USER_ID } from '../../support/test-app.ts'

const URL = 'https://press.lirania.example/console'
let h: BotHarness
afterEach(() => h.close())

describe('/console', () => {
  it("gives an admin a web_app button that opens the console, in the admin's language", async () => {
    h = await createBotHarness({ consoleUrl: URL })
    const { last } = await h.say(ADMIN_ID, '/console')
    expect(last?.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Console', web_app: { url: URL } }]] })
    h.store.chats.subscribe({ id: ADMIN_ID, type: 'private', title: null, locale: 'ru' })
    const russian = await h.say(ADMIN_ID, '/console')
    expect(russian.last?.reply_markup).toEqual({
      inline_keyboard: [[{ text: 'Консоль', web_app: { url: URL } }]],
    })
  })

  it('is unknown to anyone else, and says what it needs when there is no usable PUBLIC_URL', async () => {
    h = await createBotHarness({ consoleUrl: URL })
    const reader = await h.say(USER_ID, '/console')
    expect(shown(reader.last)).toBe("I don't know /console. Try /help.")
    expect(JSON.stringify(reader.sent)).not.toContain('web_app')
    await h.close()
    h = await createBotHarness()
    const without = await h.say(ADMIN_ID, '/console')
    expect(shown(without.last)).toMatch(/needs PUBLIC_URL \(https, as Telegram requires\)/)
    expect(without.last?.reply_markup).toBeUndefined()
  })
})
