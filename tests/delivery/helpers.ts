import { Writable } from 'node:stream'
import { Api } from 'grammy'
import type { Store } from '../../src/db/index.ts'
import type { ReleaseInput } from '../../src/db/releases-repository.ts'
import type { Clock } from '../../src/delivery/clock.ts'
import { createSender, type Sender, type SenderOptions } from '../../src/delivery/sender.ts'
import { createLogger, type Logger } from '../../src/logger.ts'
import { type ApiErrorShape, type FakeBotApiOptions, startFakeBotApi } from '../support/fake-bot-api.ts'
import { createSimulatedClock, type SimulatedClock } from '../support/simulated-clock.ts'
import { openTestStore, type TestStore } from '../support/test-store.ts'

/** A token shaped like a real one, so the log redaction would catch it. */
export const TEST_TOKEN = '123456789:AAFakeTokenForPressbotSenderTests_abcdef'

/** A logger that keeps its lines, so tests can assert what was (and wasn't) logged. */
export function memoryLogger(level = 'warn'): { logger: Logger; lines: string[] } {
  const lines: string[] = []
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      lines.push(chunk.toString())
      callback()
    },
  })
  return { logger: createLogger({ level, destination, pretty: false, secrets: [TEST_TOKEN] }), lines }
}

/** A raw Api (no auto-retry) pointed at the fake Bot API, as the sender should get it. */
export function rawApi(apiRoot: string): Api {
  return new Api(TEST_TOKEN, { apiRoot })
}

/** Inserts `count` active private chats with ids start, start + 1, …, each subscribed to everything. */
export function seedChats(store: TestStore, count: number, start = 1): void {
  store.db.$client
    .prepare(
      `INSERT INTO chats (id, type, status)
       WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
       SELECT ? + i, 'private', 'active' FROM n`,
    )
    .run(count, start)
  // Each chat receives through its whole-chat subscription (thread 0).
  store.db.$client
    .prepare('INSERT INTO subscriptions (chat_id) SELECT id FROM chats WHERE id BETWEEN ? AND ?')
    .run(start, start + count - 1)
}

let guidCounter = 0

/** An invented release of the (fictional) Northvale Port Authority press office. */
export function release(overrides: Partial<ReleaseInput> = {}): ReleaseInput {
  guidCounter++
  const title = overrides.title ?? `Port Authority opens berth ${guidCounter} at Kessby harbour`
  const summary =
    overrides.summary ??
    'The Northvale Port Authority opened a new deep-water berth. Ferries to Grey Sound will call twice a day.'
  return {
    guid: `npa-${guidCounter}`,
    url: `https://ports.northvale.example/releases/${guidCounter}`,
    title,
    publishedAt: Date.UTC(2026, 9, 5, 10, 30),
    language: 'en',
    body: summary,
    summary,
    imageUrl: null,
    contentHash: `hash:${title}:${summary}`,
    topics: [{ slug: 'foreign-policy', name: 'Foreign policy' }],
    ...overrides,
  }
}

/** Stores releases through the real path (storeFeedItems), which fans them out to the outbox. */
export function publish(store: Store, items: ReleaseInput[]): number[] {
  const { feed } = store.feeds.add({
    url: 'https://ports.northvale.example/feed.xml',
    name: 'Northvale Port Authority',
  })
  return store.releases.storeFeedItems(feed.id, items, { backfill: false, now: Date.now() }).newIds
}

/** sendMessage/sendPhoto calls per chat id. */
export function perChat(calls: ReadonlyArray<{ payload: Record<string, unknown> }>): Map<number, number> {
  const counts = new Map<number, number>()
  for (const call of calls) {
    const id = Number(call.payload.chat_id)
    counts.set(id, (counts.get(id) ?? 0) + 1)
  }
  return counts
}

export function statusCounts(store: TestStore): Record<string, number> {
  const rows = store.db.$client
    .prepare('SELECT status, count(*) AS n FROM deliveries GROUP BY status')
    .all() as Array<{ status: string; n: number }>
  return Object.fromEntries(rows.map((r) => [r.status, r.n]))
}

/** A fake Bot API, an in-memory store and a sender factory, torn down together. */
export async function setup(fakeOptions: FakeBotApiOptions = {}) {
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

export type TestEnv = Awaited<ReturnType<typeof setup>>

export type Send = { chatId: number; text: string; at: number }

/**
 * The sender on a simulated clock: every sendMessage is recorded with the simulated time it arrived at the fake
 * Bot API, on its monotonic reading (time stands still while requests are on the wire: it moves only once the
 * sender waits on its clock).
 */
export function simulatedSender(
  env: TestEnv,
  options: Parameters<TestEnv['sender']>[0],
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
  env: TestEnv,
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
