import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { sign } from '@telegram-apps/init-data-node'
import type { FastifyInstance } from 'fastify'
import { Api, Bot } from 'grammy'
import type { Message, Update, User } from 'grammy/types'
import pino from 'pino'
import { afterEach, beforeEach } from 'vitest'
import { type App, type AppOptions, createApp } from '../../src/app.ts'
import type { FloodLimit } from '../../src/bot/context.ts'
import { createBot } from '../../src/bot/index.ts'
import { type Config, createConfig } from '../../src/config.ts'
import type { Clock } from '../../src/delivery/clock.ts'
import { createSender, type Sender, type SenderOptions } from '../../src/delivery/sender.ts'
import { createLogger, type Logger } from '../../src/logger.ts'
import type { ArchiveLinks } from '../../src/web/archive/links.ts'
import { buildHttp } from '../../src/web/build-http.ts'
import {
  type ApiErrorShape,
  type FakeBotApi,
  type FakeBotApiOptions,
  type MessageUpdateOptions,
  startFakeBotApi,
} from './fake-bot-api.ts'
import { FAKE_TOKEN } from './fake-token.ts'
import { type FeedServer, startFeedServer } from './feed-server.ts'
import {
  BRIDGE_EN,
  BRIDGE_RU,
  HOSTILE_PAGE,
  LIRANIA_FEED,
  LIRANIA_SEEDED_AT,
  seedLirania,
} from './lirania.ts'
import { NORTHVALE_RELEASES, rssDocument } from './northvale.ts'
import { storeReleases } from './releases.ts'
import { createSimulatedClock, type SimulatedClock } from './simulated-clock.ts'
import { openTestStore, type TestStore } from './test-store.ts'

/**
 * The one place tests build pressbot against the fake Bot API (real HTTP) and a store with the real migrations:
 * - `createBotHarness`: the bot alone, driven update by update (`say`, `tap`);
 * - `createSenderHarness`: the delivery sender alone, over rows a test stores (see ./releases.ts);
 * - `createSubscriptionHarness`: both on one store, commands in and pushes out;
 * - `useAppHarness`: the whole app as `pressbot start` builds it, with a feed server and a database file;
 * - `buildWebHarness` / `useWebHarness` and `buildConsoleHarness`: the HTTP side alone over a seeded archive
 *   (`app.inject`, no socket), without and with the admin console.
 * Release fixtures come from ./releases.ts (and the Lirania samples in ./lirania.ts); what the fake Bot API
 * received is read with ./sent-messages.ts; rows are counted or seeded with ./test-store.ts.
 */

export const ADMIN_ID = 900
export const USER_ID = 501
/** A group chat of the bot tests, one of its admins, and a member who is not one. */
export const GROUP = -100777
export const GROUP_ADMIN = 1001
export const MEMBER = 1002

/** A logger as the program builds it (token redaction on) that keeps its lines, to assert what was logged. */
export function memoryLogger(level = 'warn'): { logger: Logger; lines: string[] } {
  const lines: string[] = []
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      lines.push(...chunk.toString().split('\n').filter(Boolean))
      callback()
    },
  })
  return { logger: createLogger({ level, destination, pretty: false, secrets: [FAKE_TOKEN] }), lines }
}

/** A raw Api (no auto-retry) pointed at the fake Bot API, as the sender gets it. */
export function rawApi(apiRoot: string): Api {
  return new Api(FAKE_TOKEN, { apiRoot })
}

/** A bot over a fresh in-memory store (or the one given), talking to a fresh fake Bot API over real HTTP. */
export async function createBotHarness(
  options: {
    floodLimit?: FloodLimit
    adminIds?: number[]
    requestTimeoutSeconds?: number
    store?: TestStore
    archive?: ArchiveLinks
    consoleUrl?: string
  } = {},
) {
  const api = await startFakeBotApi()
  const store: TestStore = options.store ?? openTestStore(':memory:')
  // Plain pino, without the program's redaction: a test that the bot never logs its token must see a leak.
  const logs: string[] = []
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) })
  let wakes = 0
  const bot = createBot(FAKE_TOKEN, {
    store,
    adminIds: options.adminIds ?? [ADMIN_ID],
    logger,
    apiRoot: api.apiRoot,
    botInfo: api.botInfo,
    wakeSender: () => {
      wakes++
    },
    senderStats: () => ({ ratePerSecond: 25 }),
    // Tests send many updates at once from one user; only the flood test keeps the real limit.
    floodLimit: options.floodLimit ?? { limit: 10_000, timeFrameMs: 60_000 },
    requestTimeoutSeconds: options.requestTimeoutSeconds,
    archive: options.archive,
    consoleUrl: options.consoleUrl,
  })

  // Records the messages Telegram (the fake) returned for sendMessage, to know their message ids.
  const results: Message[] = []
  bot.api.config.use(async (prev, method, payload, signal) => {
    const response = await prev(method, payload, signal)
    if (method === 'sendMessage' && response.ok) results.push(response.result as Message)
    return response
  })

  /**
   * Sends a message update through the bot. Returns the payloads of what it sent back (`sent`, `last`) and the
   * messages as Telegram stored them (`messages`, with their ids).
   */
  async function say(chatId: number, text: string, opts: MessageUpdateOptions = {}) {
    const before = api.callsOf('sendMessage').length
    const resultsBefore = results.length
    await bot.handleUpdate(api.message(chatId, text, opts))
    const sent = api.callsOf('sendMessage').slice(before)
    return {
      sent: sent.map((c) => c.payload),
      last: sent.at(-1)?.payload,
      messages: results.slice(resultsBefore),
    }
  }

  /** Taps a button (callback data) on a message the bot sent; returns the callback answer and any edit. */
  async function tap(chatId: number, data: string, opts: { messageId?: number; from?: Partial<User> } = {}) {
    const answersBefore = api.callsOf('answerCallbackQuery').length
    const editsBefore = api.callsOf('editMessageText').length
    const markupBefore = api.callsOf('editMessageReplyMarkup').length
    await bot.handleUpdate(api.callbackQuery(chatId, data, opts) as Update)
    return {
      answer: api.callsOf('answerCallbackQuery').slice(answersBefore).at(-1)?.payload,
      edit: api.callsOf('editMessageText').slice(editsBefore).at(-1)?.payload,
      markup: api.callsOf('editMessageReplyMarkup').slice(markupBefore).at(-1)?.payload,
    }
  }

  return {
    api,
    store,
    bot,
    logs,
    say,
    tap,
    wakes: () => wakes,
    async close() {
      if (bot.isRunning()) await bot.stop()
      await api.close()
      store.close()
    },
  }
}

export type BotHarness = Awaited<ReturnType<typeof createBotHarness>>

/** A fake Bot API, an in-memory store and a sender factory, torn down together. */
export async function createSenderHarness(fakeOptions: FakeBotApiOptions = {}) {
  const fake = await startFakeBotApi(fakeOptions)
  const store = openTestStore(':memory:')
  const log = memoryLogger()
  const senders: Sender[] = []
  return {
    fake,
    store,
    log,
    api: rawApi(fake.apiRoot),
    /** A sender with test-friendly defaults (fast retries); every option can be overridden. */
    sender(options: Partial<SenderOptions> = {}, clock?: Clock): Sender {
      const sender = createSender(
        { api: rawApi(fake.apiRoot), store, logger: log.logger, ...(clock ? { clock } : {}) },
        {
          ratePerSecond: 1000,
          paidBroadcast: false,
          concurrency: 16,
          maxAttempts: 3,
          retryBaseMs: 50,
          idlePollMs: 100,
          ...options,
        },
      )
      senders.push(sender)
      return sender
    },
    async close(): Promise<void> {
      for (const sender of senders) await sender.stop(1_000)
      await fake.close()
      store.close()
    },
  }
}

export type SenderHarness = Awaited<ReturnType<typeof createSenderHarness>>

export type Send = { chatId: number; text: string; at: number }

/**
 * The sender on a simulated clock: every sendMessage is recorded with the simulated time it arrived at the fake
 * Bot API, on its monotonic reading (time stands still while requests are on the wire: it moves only once the
 * sender waits on its clock).
 */
export function simulatedSender(
  env: SenderHarness,
  options: Parameters<SenderHarness['sender']>[0],
  answer: (send: number) => ApiErrorShape | undefined = () => undefined,
) {
  const clock = createSimulatedClock()
  const sends: Send[] = []
  env.fake.failWhen((method, payload) => {
    if (method !== 'sendMessage') return undefined
    sends.push({ chatId: Number(payload.chat_id), text: String(payload.text), at: clock.monotonic() - start })
    return answer(sends.length - 1)
  })
  const start = clock.monotonic()
  const sender = env.sender(options, clock)
  return { clock, sender, sends }
}

/** Runs the sender until `untilMs` of simulated time have passed, or no row is left to send. */
export async function runSimulated(
  env: SenderHarness,
  sender: Sender,
  clock: SimulatedClock,
  untilMs = Number.POSITIVE_INFINITY,
) {
  const end = clock.monotonic() + untilMs
  const unsettled = env.store.db.$client.prepare(
    "SELECT 1 FROM deliveries WHERE status IN ('pending', 'sending') LIMIT 1",
  )
  sender.start()
  await sender.idle()
  while (clock.monotonic() < end && unsettled.get() !== undefined) {
    if (!clock.advance()) throw new Error('the sender is waiting on nothing')
    await sender.idle()
  }
}

/** The bot harness plus a real sender on the same store and fake Bot API: commands in, pushes out. */
export async function createSubscriptionHarness(
  store?: TestStore,
): Promise<BotHarness & { sender: Sender; admins: (...ids: number[]) => void }> {
  const h = await createBotHarness(store ? { store } : {})
  const sender = createSender(
    { api: rawApi(h.api.apiRoot), store: h.store, logger: memoryLogger().logger },
    {
      ratePerSecond: 1000,
      paidBroadcast: false,
      concurrency: 1,
      maxAttempts: 2,
      perChatIntervalMs: 0,
      groupPerMinute: 0,
      idlePollMs: 50,
    },
  )
  sender.start()
  const close = h.close
  return {
    ...h,
    sender,
    /** getChatMember answers "administrator" (allowed to post) for these users, "member" for the rest. */
    admins(...ids: number[]) {
      h.api.setAdmins(...ids)
    },
    async close() {
      await sender.stop(1_000)
      await close()
    },
  }
}

export type AppHarness = {
  api: FakeBotApi
  feeds: FeedServer
  dir: string
  logs: ReturnType<typeof memoryLogger>
  /** The app started by `start`, stopped after each test unless a test stopped it and cleared this. */
  app: App | undefined
  /** Builds and starts the app as `pressbot start` would, with a feed at feeds.url('/rss') and PORT=0. */
  start(env?: Record<string, string>, overrides?: Partial<Config>, options?: AppOptions): Promise<App>
}

/**
 * Per test (it registers its own beforeEach and afterEach): a fake Bot API, a feed server serving the Northvale
 * feed, a temporary directory for the database and a log sink; afterwards everything is stopped and removed.
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
    h.logs = memoryLogger('debug')
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
        BOT_TOKEN: FAKE_TOKEN,
        ADMIN_IDS: String(ADMIN_ID),
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

/** The archive's public address in the web tests (pages link to it). */
export const PUBLIC_URL = 'https://archive.lirania.example'

export type WebHarness = {
  store: TestStore
  app: FastifyInstance
  ids: { bridgeEn: number; bridgeRu: number; hostile: number }
}

/**
 * The HTTP side over the Lirania archive (the samples, the two-language bridge release and a hostile one), in
 * memory: buildHttp as the service builds it, not listening (tests call `app.inject`). No bot token.
 */
export async function buildWebHarness(env: Record<string, string> = {}): Promise<WebHarness> {
  const store = openTestStore()
  seedLirania(store)
  storeReleases(store, [BRIDGE_EN, BRIDGE_RU, HOSTILE_PAGE], {
    feed: LIRANIA_FEED,
    backfill: true,
    now: LIRANIA_SEEDED_AT,
  })
  const config = createConfig({ DATABASE_PATH: ':memory:', PUBLIC_URL, ...env }, { botToken: false })
  const app = await buildHttp({
    config,
    bot: new Bot(FAKE_TOKEN),
    store,
    sender: { stats: () => ({ ratePerSecond: 0 }) },
    logger: createLogger({ level: 'silent', pretty: false }),
  })
  const idOf = (guid: string) =>
    store.db.$client.prepare('SELECT id FROM releases WHERE guid = ?').pluck().get(guid) as number
  return {
    store,
    app,
    ids: { bridgeEn: idOf('bridge-en'), bridgeRu: idOf('bridge-ru'), hostile: idOf('hostile-web') },
  }
}

/** A fresh web harness before each test (it registers its own beforeEach and afterEach), closed after. */
export function useWebHarness(env: Record<string, string> = {}): WebHarness {
  const h = {} as WebHarness
  beforeEach(async () => {
    Object.assign(h, await buildWebHarness(env))
  })
  afterEach(async () => {
    await h.app.close()
    h.store.close()
  })
  return h
}

/** initData as Telegram signs it when `userId` opens the Mini App, `ageSeconds` ago (the bot's token by default). */
export function signInitData(
  userId: number,
  options: { ageSeconds?: number; token?: string; languageCode?: string } = {},
): string {
  return sign(
    {
      user: { id: userId, first_name: 'Tamar', language_code: options.languageCode ?? 'en' },
    } as Parameters<typeof sign>[0],
    options.token ?? FAKE_TOKEN,
    new Date(Date.now() - (options.ageSeconds ?? 5) * 1000),
  )
}

/** The header the console's script sends with Telegram's initData. */
export const authorization = (initData: string) => ({ authorization: `tma ${initData}` })

export type ConsoleHarness = {
  store: TestStore
  app: FastifyInstance
  feedId: number
  failingFeedId: number
  calls: { pollDue: number; wakeSender: number }
}

/**
 * The HTTP side with the admin console, as the service builds it with a bot token and one admin (ADMIN_ID): the
 * Lirania feed, a second one that keeps failing, and three subscribers (two English, one Russian). `env` adds
 * settings.
 */
export async function buildConsoleHarness(
  env: Record<string, string> = {},
  sender: { stats(): { ratePerSecond: number } } = { stats: () => ({ ratePerSecond: 0 }) },
): Promise<ConsoleHarness> {
  const store = openTestStore()
  const { feedId } = seedLirania(store)
  const failing = store.feeds.add({
    url: 'https://broken.lirania.example/rss',
    name: 'Lirania Fisheries',
  }).feed
  store.feeds.recordFailure(
    failing.id,
    Date.now(),
    'HTTP 503 Service Unavailable\n<html>maintenance until 18:00</html>',
  )
  store.feeds.recordFailure(
    failing.id,
    Date.now(),
    'HTTP 503 Service Unavailable\n<html>maintenance until 18:00</html>',
  )
  for (const [id, locale] of [
    [101, 'en'],
    [102, 'en'],
    [103, 'ru'],
  ] as const)
    store.chats.subscribe({ id, type: 'private', title: null, locale })
  const config = createConfig(
    {
      DATABASE_PATH: ':memory:',
      BOT_TOKEN: FAKE_TOKEN,
      ADMIN_IDS: String(ADMIN_ID),
      PUBLIC_URL: 'http://127.0.0.1:8080',
      ...env,
    },
    { botToken: true },
  )
  const calls = { pollDue: 0, wakeSender: 0 }
  const app = await buildHttp({
    config,
    bot: new Bot(FAKE_TOKEN),
    store,
    sender,
    logger: createLogger({ level: 'silent', pretty: false }),
    console: { pollDue: () => void calls.pollDue++, wakeSender: () => void calls.wakeSender++ },
  })
  return { store, app, feedId, failingFeedId: failing.id, calls }
}
