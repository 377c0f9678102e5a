import { describe, expect, it } from 'vitest'
import { FAKE_TOKEN } from '../support/fake-token.ts'
import { NORTHVALE_LATE_RELEASE, NORTHVALE_RELEASES, rssDocument } from '../support/northvale.ts'
import { buttons, dataOf } from '../support/sent-messages.ts'
import { ADMIN_ID, useAppHarness } from '../support/test-app.ts'

const USER = 5001

describe('the composed app (what `pressbot start` runs) against a fake Bot API and a feed server', () => {
  const h = useAppHarness()

  it('subscribes a user, pushes a new release from the feed, and serves health and metrics', async () => {
    const running = await h.start()
    // The first poll at start stores the feed as backfill: nothing is pushed.
    await running.poller.pollDue() // joins the start-up poll
    expect(running.store.releases.count()).toBe(NORTHVALE_RELEASES.length)
    const commands = await h.api.waitForCalls('setMyCommands', 2)
    expect(commands.map((c) => c.payload.scope)).toContainEqual(
      expect.objectContaining({ chat_id: ADMIN_ID }),
    )

    h.api.pushUpdate(h.api.message(USER, '/start'))
    const [welcome] = await h.api.waitForCalls('sendMessage', 1, 5000)
    expect(welcome!.payload).toMatchObject({ chat_id: USER })
    expect(running.store.chats.get(USER)?.status).toBe('active')

    h.api.pushUpdate(h.api.message(USER, '/search harbour'))
    const replies = await h.api.waitForCalls('sendMessage', 2, 5000)
    expect(String(replies[1]!.payload.text)).toMatch(/Harbour/)

    h.feeds.route('/rss', {
      body: rssDocument([...NORTHVALE_RELEASES, NORTHVALE_LATE_RELEASE]),
      headers: { 'content-type': 'application/rss+xml' },
    })
    await running.poller.pollDue()
    const pushes = await h.api.waitForCalls('sendMessage', 3, 10_000)
    const push = pushes[2]!
    expect(push.payload.chat_id).toBe(USER)
    expect(String(push.payload.text)).toContain(NORTHVALE_LATE_RELEASE.title)
    expect(JSON.stringify(push.payload.reply_markup)).toContain(NORTHVALE_LATE_RELEASE.link)

    const port = running.http!.port
    const health = await fetch(`http://127.0.0.1:${port}/healthz`)
    expect(health.status).toBe(200)
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()
    expect(metrics).toMatch(/^pressbot_messages_sent_total\{kind="release"\} 1$/m)
    expect(metrics).toMatch(/^pressbot_chats\{status="active"\} 1$/m)
    expect(metrics).toMatch(
      /^pressbot_feed_poll_duration_seconds\{feed_id="1",feed="Office of the Governor of Northvale[^"]*"\} /m,
    )
  })

  it('stops cleanly: no more updates taken, database closed, token never logged', async () => {
    const running = await h.start()
    await h.api.waitForCalls('getUpdates', 1, 5000)
    await running.stop()
    h.app = undefined
    expect(running.bot.isRunning()).toBe(false)
    expect(() => running.store.maintenance.ping()).toThrow(/not open/)
    // Nothing asks for updates any more: no long poll is open, and grammY polls only from its running loop.
    expect(h.api.pollWaiting()).toBe(false)
    expect(h.logs.lines.length).toBeGreaterThan(0)
    for (const line of h.logs.lines) expect(line).not.toContain(FAKE_TOKEN)
  })

  it('serves commands, buttons, inline queries, the admin split and the flood limit over long polling', async () => {
    const running = await h.start({ FLOOD_LIMIT: '6', FLOOD_WINDOW_MS: '60000' })
    await running.poller.pollDue() // joins the start-up poll
    expect(running.store.releases.count()).toBe(NORTHVALE_RELEASES.length)
    /** Pushes a message through getUpdates and returns the bot's next sendMessage. */
    const say = async (chatId: number, text: string) => {
      const before = h.api.callsOf('sendMessage').length
      h.api.pushUpdate(h.api.message(chatId, text))
      return (await h.api.waitForCalls('sendMessage', before + 1, 5000))[before]!.payload
    }
    /** Taps a button on the chat's last message and returns the answer to the tap. */
    const tap = async (chatId: number, data: string) => {
      const before = h.api.callsOf('answerCallbackQuery').length
      h.api.pushUpdate(h.api.callbackQuery(chatId, data))
      return (await h.api.waitForCalls('answerCallbackQuery', before + 1, 5000))[before]!.payload
    }
    const text = (payload: Record<string, unknown>) => String(payload.text)

    await say(USER, '/start')
    const topics = await say(USER, '/topics')
    expect(text(topics)).toMatch(/<b>Topics<\/b>/)
    const [label, data] = buttons(topics)[0]!
    expect((await tap(USER, data)).text).toBe(`Following ${label}`)
    expect(running.store.chats.topicSlugs(USER)).toHaveLength(1)
    expect(text(await say(USER, '/latest 2'))).toMatch(/^🆕 <b>Latest releases<\/b>\n\n1\. /u)
    expect(text(await say(USER, '/topic nonsense-topic'))).toMatch(/^No topic “nonsense-topic”/)

    const reader = USER + 1
    await say(reader, '/start')
    const settings = await say(reader, '/settings')
    expect((await tap(reader, dataOf(settings, 'Only what I follow'))).text).toBe(
      'You follow no topics, sources or alerts yet: pick topics with /topics, sources with /sources, or save an /alert.',
    )
    expect(running.store.chats.subscription(reader)?.mode).toBe('topics')

    const before = h.api.callsOf('answerInlineQuery').length
    h.api.pushUpdate(h.api.inlineQuery(reader, 'harbour'))
    const [inline] = (await h.api.waitForCalls('answerInlineQuery', before + 1, 5000)).slice(before)
    expect(JSON.stringify(inline!.payload.results)).toContain('Northvale Harbour Authority')

    expect(text(await say(ADMIN_ID, '/stats'))).toMatch(/Chats/)
    // Admin commands are unknown to everyone else: the same answer as for a command that does not exist.
    const unknown = text(await say(reader, '/frobnicate'))
    expect(text(await say(reader, '/stats'))).toBe(unknown.replace('/frobnicate', '/stats'))

    const flooder = USER + 2
    const sent = h.api.callsOf('sendMessage').length
    for (let n = 0; n < 12; n++) h.api.pushUpdate(h.api.message(flooder, '/help'))
    await h.api.waitForCalls('sendMessage', sent + 7, 5000)
    // Every one of the twelve is accounted for: six answered, the other six dropped, by the flood limiter (it says
    // so at debug level) or by the chat's queue cap behind a reply on the wire (it says so too).
    const dropped = () =>
      h.logs.lines.filter((l) => l.includes('flood: update dropped') || l.includes('dropped an update'))
        .length
    await expect.poll(dropped).toBe(6)
    const toFlooder = h.api.callsOf('sendMessage').filter((c) => c.payload.chat_id === flooder)
    expect(toFlooder).toHaveLength(7) // six answers, one warning, then silence
    expect(text(await say(reader, '/help'))).toMatch(/Commands/) // others are unaffected
  })

  it('takes updates by webhook with the secret checked', async () => {
    const running = await h.start(
      {
        BOT_MODE: 'webhook',
        WEBHOOK_URL: 'https://bot.northvale.example/telegram/hook',
        WEBHOOK_SECRET: 'northvale-secret',
        PORT: '8443',
      },
      // Webhook mode wants a fixed PORT; the test lets the system pick a free one.
      { port: 0 },
    )
    const [setWebhook] = await h.api.waitForCalls('setWebhook', 1)
    expect(setWebhook!.payload).toMatchObject({
      url: 'https://bot.northvale.example/telegram/hook',
      secret_token: 'northvale-secret',
    })
    const url = `http://127.0.0.1:${running.http!.port}/telegram/hook`
    const update = JSON.stringify(h.api.message(USER, '/start'))
    const forged = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'wrong' },
      body: update,
    })
    expect(forged.status).toBe(401)
    expect(running.store.chats.get(USER)).toBeUndefined()
    const real = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'northvale-secret' },
      body: update,
    })
    expect(real.status).toBe(200)
    expect(running.store.chats.get(USER)?.status).toBe('active')
    await h.api.waitForCalls('sendMessage', 1)
    expect(h.api.counts.getUpdates ?? 0).toBe(0)
  })
})
