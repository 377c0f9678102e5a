import { sign } from '@telegram-apps/init-data-node'
import type { FastifyInstance } from 'fastify'
import { Bot } from 'grammy'
import { createConfig } from '../../../src/config.ts'
import { createLogger } from '../../../src/logger.ts'
import { buildHttp } from '../../../src/web/build-http.ts'
import { seed } from '../../bot/seed.ts'
import { openTestStore, type TestStore } from '../../support/test-store.ts'

const CONSOLE_TOKEN = '123456:console-harness-token-abcdefghij'
export const ADMIN_ID = 4242
export const READER_ID = 5151

/** initData as Telegram signs it when `userId` opens the Mini App, `ageSeconds` ago (the bot token by default). */
export function signInitData(
  userId: number,
  options: { ageSeconds?: number; token?: string; languageCode?: string } = {},
): string {
  return sign(
    {
      user: { id: userId, first_name: 'Tamar', language_code: options.languageCode ?? 'en' },
    } as Parameters<typeof sign>[0],
    options.token ?? CONSOLE_TOKEN,
    new Date(Date.now() - (options.ageSeconds ?? 5) * 1000),
  )
}

export const authorization = (initData: string) => ({ authorization: `tma ${initData}` })

export type ConsoleHarness = {
  store: TestStore
  app: FastifyInstance
  feedId: number
  failingFeedId: number
  calls: { pollDue: number; wakeSender: number }
}

/**
 * The HTTP side as the service builds it, with a bot token and one admin: the seeded press office's feed, a second
 * one that keeps failing, and three subscribers (two English, one Russian). `env` adds settings.
 */
export async function buildConsoleHarness(
  env: Record<string, string> = {},
  sender: { stats(): { ratePerSecond: number } } = { stats: () => ({ ratePerSecond: 0 }) },
): Promise<ConsoleHarness> {
  const store = openTestStore()
  const { feedId } = seed(store)
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
      BOT_TOKEN: CONSOLE_TOKEN,
      ADMIN_IDS: String(ADMIN_ID),
      PUBLIC_URL: 'http://127.0.0.1:8080',
      ...env,
    },
    { botToken: true },
  )
  const calls = { pollDue: 0, wakeSender: 0 }
  const app = await buildHttp({
    config,
    bot: new Bot(CONSOLE_TOKEN),
    store,
    sender,
    logger: createLogger({ level: 'silent', pretty: false }),
    console: { pollDue: () => void calls.pollDue++, wakeSender: () => void calls.wakeSender++ },
  })
  return { store, app, feedId, failingFeedId: failing.id, calls }
}
