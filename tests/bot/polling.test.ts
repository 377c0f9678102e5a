import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { createBot, notifyAdmins, registerCommands } from '../../src/bot/index.ts'
import { apiErrors } from '../support/fake-bot-api.ts'
import { createHarness, type Harness, shown, TOKEN, USER_ID } from './harness.ts'
import { seed } from './seed.ts'

let h: Harness
afterEach(() => h.close())

describe('end to end over long polling', () => {
  it('takes updates from getUpdates and answers them', async () => {
    h = await createHarness()
    seed(h.store)
    void h.bot.start({ drop_pending_updates: false })
    h.api.pushUpdate(h.api.message(USER_ID, '/start'))
    h.api.pushUpdate(h.api.message(USER_ID, '/search tidal'))
    const calls = await h.api.waitForCalls('sendMessage', 2, 5_000)
    expect(shown(calls[0]?.payload)).toContain('Subscribed!')
    expect(shown(calls[1]?.payload)).toMatch(/^🔎 1–1 of 1 for “tidal”/)
    await h.bot.stop()
    expect(h.store.chats.get(USER_ID)?.status).toBe('active')
    // The token travels only in the request path, never in what we log.
    expect(h.api.tokens.has(TOKEN)).toBe(true)
    expect(h.logs.join('\n')).not.toContain(TOKEN)
  })

  it('retries a reply after a short 429 (bounded auto-retry on replies)', async () => {
    h = await createHarness()
    h.api.failNext('sendMessage', 1, apiErrors.tooManyRequests(1))
    const started = Date.now()
    await h.say(USER_ID, '/help')
    expect(h.api.callsOf('sendMessage')).toHaveLength(2)
    expect(Date.now() - started).toBeGreaterThanOrEqual(900)
  })

  it('gives up on a reply after a long retry_after instead of hanging', async () => {
    h = await createHarness()
    h.api.failNext('sendMessage', 1, apiErrors.tooManyRequests(3600))
    await h.say(USER_ID, '/help')
    // retry_after is past maxDelaySeconds: no waiting, the refused reply fails and the user gets the apology.
    const sent = h.api.callsOf('sendMessage').map((c) => c.payload.text)
    expect(sent).toHaveLength(2)
    expect(sent[1]).toBe('Sorry, something went wrong. Please try again later.')
    expect(h.logs.join('\n')).toContain('handler failed')
  })
})

describe('bounded reply retries on network errors and timeouts', () => {
  const APOLOGY = 'Sorry, something went wrong. Please try again later.'
  const texts = () => h.api.callsOf('sendMessage').map((c) => c.payload.text)

  it('sends the reply again after a dropped connection', async () => {
    h = await createHarness()
    h.api.dropNext('sendMessage', 1)
    await h.say(USER_ID, '/help')
    const sent = texts()
    expect(sent).toHaveLength(2)
    expect(sent[1]).toBe(sent[0])
    expect(sent[1]).not.toBe(APOLOGY)
  })

  it('gives up after 3 attempts when the network keeps failing, instead of retrying forever', async () => {
    h = await createHarness()
    h.api.dropNext('sendMessage', 100)
    await h.say(USER_ID, '/help')
    // 3 attempts at the reply, then 3 at the apology; the handler is done, nothing more is tried.
    expect(h.api.counts.sendMessage).toBe(6)
    expect(h.logs.join('\n')).toContain('handler failed')
  })

  it('does not repeat a reply that timed out (Telegram may have sent it), and the handler ends', async () => {
    h = await createHarness({ requestTimeoutSeconds: 1 })
    const release = h.api.holdWhen((method) => method === 'sendMessage')
    await h.say(USER_ID, '/help')
    release()
    // One attempt at the reply and one at the apology, each abandoned after the timeout.
    expect(texts()).toHaveLength(2)
    expect(texts()[1]).toBe(APOLOGY)
    expect(h.logs.join('\n')).toMatch(/Network request for 'sendMessage' failed/)
  })
})

describe('registerCommands and notifyAdmins', () => {
  it('publishes public commands for everyone and admin commands for each admin', async () => {
    h = await createHarness()
    await registerCommands(h.bot.api, [900, 901])
    const calls = h.api.callsOf('setMyCommands').map((c) => c.payload)
    expect(calls).toHaveLength(3)
    const names = (payload: Record<string, unknown> | undefined) =>
      ((payload?.commands ?? []) as Array<{ command: string }>).map((c) => c.command)
    expect(calls[0]?.scope).toEqual({ type: 'default' })
    expect(names(calls[0])).toContain('search')
    expect(names(calls[0])).not.toContain('stats')
    expect(calls[1]?.scope).toEqual({ type: 'chat', chat_id: 900 })
    expect(names(calls[1])).toEqual(expect.arrayContaining(['search', 'stats', 'broadcast', 'feed_add']))
    expect(calls[2]?.scope).toEqual({ type: 'chat', chat_id: 901 })
  })

  it('still sets the menu of the other admins when one admin’s chat is unknown', async () => {
    h = await createHarness()
    h.api.failWhen((method, payload) =>
      method === 'setMyCommands' && (payload.scope as { chat_id?: number })?.chat_id === 900
        ? apiErrors.chatNotFound()
        : undefined,
    )
    await expect(registerCommands(h.bot.api, [900, 901])).rejects.toThrow(
      'could not set the admin command menu for 900 (Bad Request: chat not found)',
    )
    expect(h.api.callsOf('setMyCommands').map((c) => (c.payload.scope as { type: string }).type)).toEqual([
      'default',
      'chat',
      'chat',
    ])
  })

  it('notifies every admin and survives one who blocked the bot', async () => {
    h = await createHarness()
    h.api.failWhen((method, payload) =>
      method === 'sendMessage' && payload.chat_id === 900 ? apiErrors.blocked() : undefined,
    )
    await notifyAdmins(h.bot.api, [900, 901], '⚠️ Feed <b>x</b> is failing', pino({ level: 'silent' }))
    const sent = h.api.callsOf('sendMessage').map((c) => c.payload)
    expect(sent.map((p) => p.chat_id)).toEqual([900, 901])
    expect(shown(sent[1])).toBe('⚠️ Feed x is failing')
  })

  it('createBot works without botInfo until init (getMe) is called', async () => {
    h = await createHarness()
    const bot = createBot(TOKEN, {
      store: h.store,
      adminIds: [],
      logger: pino({ level: 'silent' }),
      apiRoot: h.api.apiRoot,
      wakeSender: () => {},
      senderStats: () => ({ ratePerSecond: 1 }),
    })
    await bot.init()
    expect(bot.botInfo.username).toBe('pressbot_test_bot')
  })
})
