import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type App, createApp } from '../../src/app.ts'
import { type Config, createConfig } from '../../src/config.ts'
import { createLogger } from '../../src/logger.ts'
import { type FakeBotApi, startFakeBotApi } from '../support/fake-bot-api.ts'
import { type FeedServer, startFeedServer } from '../support/feed-server.ts'
import { NORTHVALE_LATE_RELEASE, NORTHVALE_RELEASES, rssDocument } from '../support/northvale.ts'

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_'
const USER = 5001
const ADMIN = 9001

/** Collects log lines, to check what an operator would read (and that the token is never in it). */
function logSink() {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean))
      done()
    },
  })
  return {
    lines,
    logger: createLogger({ level: 'debug', destination: stream, pretty: false, secrets: [TOKEN] }),
  }
}

describe('the composed app (what `pressbot start` runs) against a fake Bot API and a feed server', () => {
  let api: FakeBotApi
  let feeds: FeedServer
  let dir: string
  let app: App | undefined
  let logs: ReturnType<typeof logSink>

  beforeEach(async () => {
    api = await startFakeBotApi()
    feeds = await startFeedServer()
    feeds.route('/rss', {
      body: rssDocument(NORTHVALE_RELEASES),
      headers: { 'content-type': 'application/rss+xml' },
    })
    dir = mkdtempSync(join(tmpdir(), 'pressbot-app-'))
    logs = logSink()
  })
  afterEach(async () => {
    await app?.stop().catch(() => undefined)
    app = undefined
    await api.close()
    await feeds.close()
    rmSync(dir, { recursive: true, force: true })
  })

  async function startApp(extra: Record<string, string> = {}, overrides: Partial<Config> = {}) {
    const parsed = createConfig(
      {
        BOT_TOKEN: TOKEN,
        ADMIN_IDS: String(ADMIN),
        TELEGRAM_API_ROOT: api.apiRoot,
        DATABASE_PATH: join(dir, 'pressbot.db'),
        FEED_URLS: feeds.url('/rss'),
        POLL_SCHEDULE: '0 0 1 1 *', // the test triggers polls itself
        PORT: '0',
        ...extra,
      },
      { botToken: true },
    )
    const config = { ...parsed, ...overrides }
    app = await createApp(config, logs.logger, { botInfo: api.botInfo })
    await app.start()
    return app
  }

  it('subscribes a user, pushes a new release from the feed, and serves health and metrics', async () => {
    const running = await startApp()
    // The first poll at start stores the feed as backfill: nothing is pushed.
    await expect.poll(() => running.store.releases.count()).toBe(NORTHVALE_RELEASES.length)
    const commands = await api.waitForCalls('setMyCommands', 2)
    expect(commands.map((c) => c.payload.scope)).toContainEqual(expect.objectContaining({ chat_id: ADMIN }))

    api.pushUpdate(api.message(USER, '/start'))
    const [welcome] = await api.waitForCalls('sendMessage', 1, 5000)
    expect(welcome!.payload).toMatchObject({ chat_id: USER })
    expect(running.store.chats.get(USER)?.status).toBe('active')

    api.pushUpdate(api.message(USER, '/search harbour'))
    const replies = await api.waitForCalls('sendMessage', 2, 5000)
    expect(String(replies[1]!.payload.text)).toMatch(/Harbour/)

    feeds.route('/rss', {
      body: rssDocument([...NORTHVALE_RELEASES, NORTHVALE_LATE_RELEASE]),
      headers: { 'content-type': 'application/rss+xml' },
    })
    await running.poller.pollDue()
    const pushes = await api.waitForCalls('sendMessage', 3, 10_000)
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
    expect(metrics).toMatch(/^pressbot_feed_poll_duration_seconds\{feed="http/m)
  })

  it('stops cleanly: no more updates taken, database closed, token never logged', async () => {
    const running = await startApp()
    await api.waitForCalls('getUpdates', 1, 5000)
    await running.stop()
    app = undefined
    expect(running.bot.isRunning()).toBe(false)
    expect(running.store.db.$client.open).toBe(false)
    const polls = api.counts.getUpdates ?? 0
    api.pushUpdate(api.message(USER, '/start'))
    await new Promise((r) => setTimeout(r, 300))
    expect(api.counts.getUpdates ?? 0).toBe(polls)
    expect(logs.lines.length).toBeGreaterThan(0)
    for (const line of logs.lines) expect(line).not.toContain(TOKEN)
  })

  it('takes updates by webhook with the secret checked', async () => {
    const running = await startApp(
      {
        BOT_MODE: 'webhook',
        WEBHOOK_URL: 'https://bot.northvale.example/telegram/hook',
        WEBHOOK_SECRET: 'northvale-secret',
        PORT: '8443',
      },
      // Webhook mode wants a fixed PORT; the test lets the system pick a free one.
      { port: 0 },
    )
    const [setWebhook] = await api.waitForCalls('setWebhook', 1)
    expect(setWebhook!.payload).toMatchObject({
      url: 'https://bot.northvale.example/telegram/hook',
      secret_token: 'northvale-secret',
    })
    const url = `http://127.0.0.1:${running.http!.port}/telegram/hook`
    const update = JSON.stringify(api.message(USER, '/start'))
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
    await api.waitForCalls('sendMessage', 1)
    expect(api.counts.getUpdates ?? 0).toBe(0)
  })
})
