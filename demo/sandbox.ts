/**
 * The demo's world: a fake Telegram Bot API, a local feed server, and the real app wired to both, with its
 * database and log in a temp dir. Nothing leaves 127.0.0.1 and no token is needed.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { User } from 'grammy/types'
import { type App, createApp } from '../src/app.ts'
import { createConfig } from '../src/config.ts'
import { createLogger } from '../src/logger.ts'
import { type FakeBotApi, startFakeBotApi } from '../tests/support/fake-bot-api.ts'
import { type FeedServer, startFeedServer } from '../tests/support/feed-server.ts'
import { routeOffice } from '../tests/support/press-office.ts'
import { type DemoFeed, type DemoPage, northvaleFeed, officePages, presidentFeed } from './feeds.ts'

/** Looks like a @BotFather token so config accepts it; the fake Bot API accepts any token. */
const DEMO_TOKEN = '123456789:DEMO-sandbox-token-not-real_000'

/** The person at the terminal: a private chat whose id is their user id, and the bot's admin. */
const DEMO_USER: User & { username: string } = {
  id: 424242,
  is_bot: false,
  first_name: 'Demo',
  username: 'demo_user',
  language_code: 'en',
}

export type SandboxOptions = {
  /** Where president-az.jsonl may be; the feed is skipped when it is not there. */
  sharedReleasesDir: URL
  /** The app's log level (the log goes to a file in the temp dir). */
  logLevel?: string
  /** The app's cron schedule; every 5 s by default, so a push arrives while the person watches. */
  pollSchedule?: string
  /** The person's Telegram language (`language_code`), e.g. 'ru' or 'az'; 'en' by default. */
  language?: string
}

export type Sandbox = {
  fake: FakeBotApi
  /** The person at the terminal, with the Telegram language they chose (`--lang`). */
  user: User & { username: string }
  app: App
  /** The feeds being served, Northvale first. */
  feeds: readonly (DemoFeed & { url: string })[]
  /** The press pages without a feed (the Northvale office's site in three languages), read as HTML. */
  pages: readonly DemoPage[]
  /** The president.az feed was not found: why, for the banner. */
  missing: string | undefined
  logPath: string
  /** Every feed has been polled once (its items stored as backfill) or has failed. */
  backfilled(): boolean
  /** The demo user's chat is subscribed (/start). */
  subscribed(): boolean
  /** Serves the late release on the Northvale feed; false when that was already done. */
  publishLate(): boolean
  latePublished(): boolean
  /** Stops the app, closes both servers and removes the temp dir. Safe to call twice. */
  close(): Promise<void>
}

const rss = (feed: DemoFeed, version: number) => ({
  body: feed.body,
  // An ETag makes the app's conditional GETs visible in the log: unchanged polls are 304s.
  headers: { 'content-type': 'application/rss+xml; charset=utf-8', etag: `"${feed.path}-v${version}"` },
})

/** Starts the fake Bot API, the feed server and the real app; the app is started too. */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const dir = mkdtempSync(join(tmpdir(), 'pressbot-demo-'))
  const logPath = join(dir, 'pressbot.log')
  const logStream = createWriteStream(logPath)
  const fake = await startFakeBotApi({
    botInfo: { first_name: 'Pressbot Demo', username: 'pressbot_demo_bot' },
  })
  const server: FeedServer = await startFeedServer()

  const served = [northvaleFeed(), presidentFeed(options.sharedReleasesDir)].filter(
    (feed): feed is DemoFeed => feed !== undefined,
  )
  for (const feed of served) server.route(feed.path, rss(feed, 1))
  const feeds = served.map((feed) => ({ ...feed, url: server.url(feed.path) }))
  routeOffice(server)
  const pages = officePages(server.url('').replace(/\/$/, ''))

  let app: App | undefined
  try {
    const config = createConfig(
      {
        BOT_TOKEN: DEMO_TOKEN,
        TELEGRAM_API_ROOT: fake.apiRoot,
        DATABASE_PATH: join(dir, 'pressbot.db'),
        FEED_URLS: feeds.map((feed) => feed.url).join(','),
        FEED_ALLOW_PRIVATE: 'true', // the demo's feed server is on loopback
        ADMIN_IDS: String(DEMO_USER.id),
        POLL_SCHEDULE: options.pollSchedule ?? '*/5 * * * * *',
        LOG_LEVEL: options.logLevel ?? 'info',
        // Everything is local: no need to pause between page requests; the office's listings have one page.
        HTML_REQUEST_DELAY_MS: '0',
        HTML_BACKFILL_PAGES: '1',
        // Nothing else from the environment: a real BOT_TOKEN or DATABASE_PATH in it must not leak in here.
      },
      { botToken: true },
    )
    const logger = createLogger({
      level: config.logLevel,
      destination: logStream,
      pretty: false,
      secrets: [DEMO_TOKEN],
    })
    app = await createApp(config, logger, { botInfo: fake.botInfo })
    for (const page of pages) app.store.feeds.add({ url: page.url, sourceConfig: page.sourceConfig })
    await app.start()
  } catch (error) {
    await app?.stop().catch(() => undefined)
    await Promise.all([fake.close(), server.close()])
    logStream.end()
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  const running: App = app

  let published = false
  let closing: Promise<void> | undefined
  return {
    fake,
    user: { ...DEMO_USER, language_code: options.language ?? DEMO_USER.language_code },
    app: running,
    feeds,
    pages,
    missing:
      feeds.length > 1 ? undefined : 'no ../shared/feeds/releases/president-az.jsonl next to this clone',
    logPath,
    backfilled: () =>
      running.store.feeds.list().every((feed) => feed.backfilledAt !== null || feed.consecutiveErrors > 0),
    subscribed: () => running.store.chats.get(DEMO_USER.id)?.status === 'active',
    publishLate() {
      if (published) return false
      published = true
      server.route(northvaleFeed().path, rss(northvaleFeed(true), 2))
      return true
    },
    latePublished: () => published,
    close() {
      // One shutdown, however many ask for it (the end of a run and a signal may race): all wait for it.
      closing ??= (async () => {
        // The app first: it stops taking updates and finishes its sends against servers that are still up.
        await running.stop().catch(() => undefined)
        await fake.close()
        await server.close()
        await new Promise<void>((resolve) => logStream.end(resolve))
        rmSync(dir, { recursive: true, force: true })
      })()
      return closing
    },
  }
}
