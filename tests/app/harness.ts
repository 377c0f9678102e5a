import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterEach, beforeEach } from 'vitest'
import { type App, type AppOptions, createApp } from '../../src/app.ts'
import { type Config, createConfig } from '../../src/config.ts'
import { createLogger } from '../../src/logger.ts'
import { type FakeBotApi, startFakeBotApi } from '../support/fake-bot-api.ts'
import { type FeedServer, startFeedServer } from '../support/feed-server.ts'
import { NORTHVALE_RELEASES, rssDocument } from '../support/northvale.ts'

export const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_'
export const ADMIN = 9001

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

export type AppHarness = {
  api: FakeBotApi
  feeds: FeedServer
  dir: string
  logs: ReturnType<typeof logSink>
  /** The app started by `start`, stopped after each test unless a test stopped it and cleared this. */
  app: App | undefined
  /** Builds and starts the app as `pressbot start` would, with a feed at feeds.url('/rss') and PORT=0. */
  start(env?: Record<string, string>, overrides?: Partial<Config>, options?: AppOptions): Promise<App>
}

/**
 * Per test: a fake Bot API, a feed server serving the Northvale feed, a temporary directory for the database
 * and a log sink; afterwards everything is stopped and removed.
 */
export function useAppHarness(): AppHarness {
  const h = { app: undefined } as AppHarness
  beforeEach(async () => {
    h.api = await startFakeBotApi()
    h.feeds = await startFeedServer()
    h.feeds.route('/rss', {
      body: rssDocument(NORTHVALE_RELEASES),
      headers: { 'content-type': 'application/rss+xml' },
    })
    h.dir = mkdtempSync(join(tmpdir(), 'pressbot-app-'))
    h.logs = logSink()
  })
  afterEach(async () => {
    await h.app?.stop().catch(() => undefined)
    h.app = undefined
    await h.api.close()
    await h.feeds.close()
    rmSync(h.dir, { recursive: true, force: true })
  })
  h.start = async (env = {}, overrides = {}, options = {}) => {
    const parsed = createConfig(
      {
        BOT_TOKEN: TOKEN,
        ADMIN_IDS: String(ADMIN),
        TELEGRAM_API_ROOT: h.api.apiRoot,
        DATABASE_PATH: join(h.dir, 'pressbot.db'),
        FEED_URLS: h.feeds.url('/rss'),
        FEED_ALLOW_PRIVATE: 'true', // the feed server is on loopback
        POLL_SCHEDULE: '0 0 1 1 *', // the test triggers polls itself
        PORT: '0',
        ...env,
      },
      { botToken: true },
    )
    h.app = await createApp({ ...parsed, ...overrides }, h.logs.logger, {
      botInfo: h.api.botInfo,
      ...options,
    })
    await h.app.start()
    return h.app
  }
  return h
}
