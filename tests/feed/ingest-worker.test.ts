import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createWorkerProcessor } from '../../src/feed/ingest-thread.ts'
import { createPoller } from '../../src/feed/poller.ts'
import { loadTopicRules } from '../../src/feed/topics.ts'
import { createLogger } from '../../src/logger.ts'
import { type FeedServer, startFeedServer } from '../support/feed-server.ts'
import { manyReleases, NORTHVALE_RELEASES, rssDocument } from '../support/northvale.ts'
import { openTestStore, type TestStore } from '../support/test-store.ts'

const topicRules = loadTopicRules()
const rss = (body: string, headers: Record<string, string> = {}) => ({
  body,
  headers: { 'content-type': 'application/rss+xml', ...headers },
})

describe('feed processing in the ingestion worker', () => {
  let server: FeedServer
  let dir: string
  let store: TestStore
  let path: string
  const stops: Array<() => Promise<void>> = []
  beforeEach(async () => {
    server = await startFeedServer()
    dir = mkdtempSync(join(tmpdir(), 'pressbot-worker-'))
    path = join(dir, 'test.db')
    store = openTestStore(path)
  })
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop()
    store.close()
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const pollerWith = (timeoutMs: number, queued: number[][] = []) => {
    const poller = createPoller({
      ...store,
      topicRules,
      logger: createLogger({ level: 'silent' }),
      concurrency: 1,
      timeoutMs: 10_000,
      maxBytes: 50_000_000,
      allowPrivate: true, // the feed server is on loopback
      processor: createWorkerProcessor({ databasePath: path, topicRules, timeoutMs }),
      onDeliveriesQueued: (ids) => queued.push(ids),
    })
    stops.push(() => poller.stop())
    return poller
  }

  it('stores what the worker processed and wakes the sender after each committed batch of new releases', async () => {
    server.route('/rss', rss(rssDocument(NORTHVALE_RELEASES)))
    store.feeds.add({ url: server.url('/rss') })
    store.chats.subscribe({ id: 501, type: 'private', title: null })
    const queued: number[][] = []
    const poller = pollerWith(60_000, queued)
    const [first] = await poller.pollAll()
    expect(first!.outcome).toMatchObject({ kind: 'stored', added: 4, backfill: true })
    expect(queued).toEqual([]) // the first poll is the archive: nothing is pushed

    // 450 new items: batches of at most 200 (fewer when their text is long), each queued for the subscriber as
    // soon as it is committed.
    server.route('/rss', rss(rssDocument([...NORTHVALE_RELEASES, ...manyReleases(450)])))
    const [second] = await poller.pollAll()
    expect(second!.outcome).toMatchObject({ kind: 'stored', added: 450, unchanged: 4, backfill: false })
    expect(queued.length).toBeGreaterThanOrEqual(3)
    expect(Math.max(...queued.map((ids) => ids.length))).toBeLessThanOrEqual(200)
    expect(queued.flat()).toHaveLength(450)
    const pending = store.db.$client
      .prepare("SELECT count(*) AS n FROM deliveries WHERE chat_id = 501 AND status = 'pending'")
      .get() as { n: number }
    expect(pending.n).toBe(450)
  })

  it('stops a feed that takes longer than FEED_PROCESS_TIMEOUT_MS, counts it against that feed, and goes on with the next in a fresh worker', {
    timeout: 180_000,
  }, async () => {
    // 20,000 items take seconds to parse and store; the small feed after it takes milliseconds.
    server.route('/big', rss(rssDocument(manyReleases(20_000)), { etag: '"big-1"' }))
    server.route('/rss', rss(rssDocument(NORTHVALE_RELEASES)))
    const big = store.feeds.add({ url: server.url('/big') }).feed
    const small = store.feeds.add({ url: server.url('/rss') }).feed
    const reports = await pollerWith(1_000).pollAll()

    const stopped = 'processing took longer than 1 s (FEED_PROCESS_TIMEOUT_MS); stopped'
    expect(reports.map((r) => r.outcome)).toMatchObject([
      { kind: 'error', error: stopped },
      { kind: 'stored', added: 4 },
    ])
    const bigRow = store.feeds.get(big.id)!
    expect(bigRow).toMatchObject({ lastError: stopped, consecutiveErrors: 1, etag: null, backfilledAt: null })
    expect(bigRow.nextPollAt).toBeGreaterThan(Date.now()) // backoff
    // Whatever was committed stays; the rest, and the validators, wait for the next poll.
    const stored = store.db.$client
      .prepare('SELECT count(*) AS n FROM releases WHERE feed_id = ?')
      .get(big.id) as { n: number }
    expect(stored.n).toBeLessThan(20_000)
    expect(store.feeds.get(small.id)).toMatchObject({ consecutiveErrors: 0, lastError: null })
  })
  it('stores a feed of few but long items in several short transactions, not in one', async () => {
    server.route('/rss', rss(rssDocument(NORTHVALE_RELEASES)))
    store.feeds.add({ url: server.url('/rss') })
    store.chats.subscribe({ id: 501, type: 'private', title: null })
    const queued: number[][] = []
    const poller = pollerWith(60_000, queued)
    await poller.pollAll()
    // Twelve new releases of about 60,000 characters each: 720,000 characters, far under 200 items.
    const long = manyReleases(12, 'nv-long').map((release, i) => ({
      ...release,
      html: Array.from(
        { length: 600 },
        (_, n) => `<p>Paragraph ${n} of release ${i} on the harbour works.</p>`,
      )
        .join('')
        .repeat(2),
    }))
    server.route('/rss', rss(rssDocument([...NORTHVALE_RELEASES, ...long])))
    const [second] = await poller.pollAll()
    expect(second!.outcome).toMatchObject({ kind: 'stored', added: 12 })
    expect(queued.length).toBeGreaterThanOrEqual(3)
    const chars = store.db.$client.prepare(
      'SELECT sum(length(title) + length(body) + length(summary)) AS n FROM releases WHERE id IN (SELECT value FROM json_each(?))',
    )
    for (const batch of queued)
      expect((chars.get(JSON.stringify(batch)) as { n: number }).n).toBeLessThan(400_000)
  })
})
