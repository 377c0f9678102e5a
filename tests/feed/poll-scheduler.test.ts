import { mkdtempSync, rmSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PRESETS, storedSourceJson } from '../../src/feed/html/presets.ts'
import { parseHtmlSource } from '../../src/feed/html/source-config.ts'
import { createPollScheduler, type PollScheduler } from '../../src/feed/poll-scheduler.ts'
import { createPoller } from '../../src/feed/poller.ts'
import { loadTopicRules } from '../../src/feed/topics.ts'
import { createLogger } from '../../src/logger.ts'
import { type FeedServer, startFeedServer } from '../support/feed-server.ts'
import { NORTHVALE_RELEASES, rssDocument } from '../support/northvale.ts'
import { officeSourceConfig } from '../support/press-office.ts'
import { createSimulatedClock, type SimulatedClock } from '../support/simulated-clock.ts'
import { openTestStore, type TestStore } from '../support/test-store.ts'

const logger = createLogger({ level: 'silent' })
const topicRules = loadTopicRules()
const S = 1000

/** An RSS document of the Northvale releases, with a channel <ttl> when given (minutes). */
const rssWithTtl = (ttl?: number) =>
  ttl === undefined
    ? rssDocument(NORTHVALE_RELEASES)
    : rssDocument(NORTHVALE_RELEASES).replace('<channel>', `<channel><ttl>${ttl}</ttl>`)

describe('poll scheduler', () => {
  let server: FeedServer
  let dir: string
  let store: TestStore
  let clock: SimulatedClock
  /** Simulated seconds since the start at which each path was requested. */
  let hits: Map<string, number[]>
  let pending: number
  let scheduler: PollScheduler | undefined

  beforeEach(async () => {
    server = await startFeedServer()
    dir = mkdtempSync(join(tmpdir(), 'pressbot-schedule-'))
    store = openTestStore(join(dir, 'test.db'))
    clock = createSimulatedClock(Date.UTC(2026, 11, 7, 12))
    hits = new Map()
    pending = 0
  })
  afterEach(async () => {
    await scheduler?.stop()
    scheduler = undefined
    store.close()
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  /** Serves `path` with `respond`, noting the simulated time of each request. */
  const serve = (path: string, respond: (res: ServerResponse) => void | Promise<void>) =>
    server.route(path, async (_req, res) => {
      hits.set(path, [...(hits.get(path) ?? []), clock.monotonic() / S])
      await respond(res)
    })
  const rss =
    (headers: Record<string, string> = {}, ttl?: number) =>
    (res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', ...headers }).end(rssWithTtl(ttl))
    }

  const startScheduler = (options: { startGapMs?: number } = {}) => {
    const poller = createPoller({
      ...store,
      topicRules,
      logger,
      concurrency: 4,
      timeoutMs: 2_000,
      maxBytes: 1_000_000,
      allowPrivate: true, // a local server
      htmlRequestDelayMs: 0,
      now: clock.now,
    })
    // Counts the polls under way, so the test lets each one end (over real HTTP) before time moves on.
    const tracked = {
      pollFeeds: (feeds: Parameters<typeof poller.pollFeeds>[0]) => {
        pending++
        return poller.pollFeeds(feeds).finally(() => pending--)
      },
      isPolling: poller.isPolling,
    }
    scheduler = createPollScheduler({ feeds: store.feeds, poller: tracked, logger, clock, ...options })
    scheduler.start()
    return scheduler
  }

  /** Lets the polls under way end, and what follows them (the next due time, the timer) run. */
  const settle = async () => {
    await vi.waitFor(() => expect(pending).toBe(0), { timeout: 5_000, interval: 2 })
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve))
  }

  /** Runs simulated time up to `seconds` after the start, every poll on the way ending before time moves on. */
  const runUntil = async (seconds: number) => {
    let reached = false
    clock.setTimer(
      () => {
        reached = true
      },
      seconds * S - clock.monotonic(),
    )
    await settle()
    while (!reached && clock.advance()) await settle()
  }

  it('polls a feed with <ttl> 1 (minute) and --every 30s every 60 s, never faster', async () => {
    serve('/ttl', rss({}, 1))
    const feed = store.feeds.add({ url: server.url('/ttl'), pollIntervalMs: 30 * S }).feed
    startScheduler()
    await runUntil(250)
    expect(hits.get('/ttl')).toEqual([0, 60, 120, 180, 240])
    expect(store.feeds.get(feed.id)!.ttlMs).toBe(60 * S)
  })

  it('polls a feed with <ttl>60</ttl> and --every 30s hourly: <ttl> is in minutes', async () => {
    serve('/hourly', rss({}, 60))
    store.feeds.add({ url: server.url('/hourly'), pollIntervalMs: 30 * S })
    startScheduler()
    await runUntil(2 * 3600 + 10)
    expect(hits.get('/hourly')).toEqual([0, 3600, 7200])
  })

  it('keeps a 30 s grid without drift, and honours the <ttl> stored when the server answers 304', async () => {
    let calls = 0
    serve('/etag', (res) => {
      calls++
      if (calls === 1) {
        res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(rssWithTtl(2))
      } else res.writeHead(304).end()
    })
    serve('/plain', rss())
    store.feeds.add({ url: server.url('/etag'), pollIntervalMs: 30 * S })
    store.feeds.add({ url: server.url('/plain'), pollIntervalMs: 30 * S })
    startScheduler({ startGapMs: 0 })
    await runUntil(370)
    expect(hits.get('/plain')).toEqual([0, 30, 60, 90, 120, 150, 180, 210, 240, 270, 300, 330, 360])
    // <ttl>2</ttl> came with the first answer; the 304s that follow carry no document, and still wait 2 minutes.
    expect(hits.get('/etag')).toEqual([0, 120, 240, 360])
  })

  it('respects Retry-After on an error and Cache-Control max-age on a success', async () => {
    serve('/busy', (res) => {
      res.writeHead(503, { 'retry-after': '600' }).end('come back later')
    })
    serve('/cached', rss({ 'cache-control': 'public, max-age=120' }))
    const busy = store.feeds.add({ url: server.url('/busy'), pollIntervalMs: 30 * S }).feed
    store.feeds.add({ url: server.url('/cached'), pollIntervalMs: 30 * S })
    startScheduler({ startGapMs: 0 })
    await runUntil(1250)
    // The backoff alone would have asked again after 1, then 2 minutes; the server said 10.
    expect(hits.get('/busy')).toEqual([0, 600, 1200])
    expect(store.feeds.get(busy.id)!.lastError).toMatch(/503/)
    expect(hits.get('/cached')).toEqual([0, 120, 240, 360, 480, 600, 720, 840, 960, 1080, 1200])
  })

  it('respects Retry-After on the listing of a press page', async () => {
    serve('/en/news/category/all/1', (res) => {
      res.writeHead(429, { 'retry-after': '300' }).end('slow down')
    })
    const base = server.url('').replace(/\/$/, '')
    const parsed = parseHtmlSource(officeSourceConfig(base, 'en', PRESETS['president.az']!.source))
    if (!parsed.ok) throw new Error(parsed.error)
    store.feeds.add({
      url: `${base}/en/news/category/all/1`,
      sourceConfig: storedSourceJson(parsed.source),
      pollIntervalMs: 60 * S,
    })
    startScheduler()
    await runUntil(650)
    expect(hits.get('/en/news/category/all/1')).toEqual([0, 300, 600])
  })

  it('never starts a poll beside one still running, and skips the ticks it missed instead of piling up', async () => {
    let release: () => void = () => {}
    let hold = true
    serve('/slow', async (res) => {
      if (hold) await new Promise<void>((resolve) => (release = resolve))
      rss()(res)
    })
    store.feeds.add({ url: server.url('/slow'), pollIntervalMs: 30 * S })
    startScheduler()
    await vi.waitFor(() => expect(hits.get('/slow')).toEqual([0]))
    // Three intervals pass while the first poll hangs: the scheduler wakes but starts nothing beside it.
    const reached = { done: false }
    clock.setTimer(() => (reached.done = true), 100 * S)
    while (!reached.done && clock.advance()) for (let i = 0; i < 3; i++) await new Promise(setImmediate)
    expect(hits.get('/slow')).toEqual([0])
    hold = false
    release()
    await settle()
    // The poll ended at 100 s: the next is on the grid after it (120 s), and one only.
    await runUntil(170)
    expect(hits.get('/slow')).toEqual([0, 120, 150])
  })

  it('tries again at the next rescan, not at every start gap, while the database refuses writes', async () => {
    serve('/a', rss())
    store.feeds.add({ url: server.url('/a'), pollIntervalMs: 60 * S })
    // A full disk: every write fails, the poll's and the next due time's.
    store.db.$client.pragma('query_only = ON')
    startScheduler()
    await runUntil(65)
    expect(hits.get('/a')).toEqual([0, 30, 60])
    store.db.$client.pragma('query_only = OFF')
    await runUntil(200)
    // Writable again: polled at the next rescan, then on its 60 s grid from there.
    expect(hits.get('/a')).toEqual([0, 30, 60, 90, 150])
  })

  it('resumes each grid from the stored due times after a restart', async () => {
    serve('/a', rss())
    const feed = store.feeds.add({ url: server.url('/a'), pollIntervalMs: 60 * S }).feed
    startScheduler()
    await runUntil(70)
    expect(hits.get('/a')).toEqual([0, 60])
    await scheduler!.stop()

    // A new process 20 s later, with the same database: the feed is due at 120 s, not at once.
    store.close()
    store = openTestStore(join(dir, 'test.db'))
    expect(store.feeds.get(feed.id)!.pollDueAt).toBe(clock.now() - 70 * S + 120 * S)
    await runUntil(90)
    startScheduler()
    await runUntil(190)
    expect(hits.get('/a')).toEqual([0, 60, 120, 180])
  })

  it('spreads the first polls of many sources, and their later polls keep the spread', async () => {
    for (let i = 0; i < 30; i++) {
      serve(`/s${i}`, rss())
      store.feeds.add({ url: server.url(`/s${i}`), pollIntervalMs: 60 * S })
    }
    startScheduler({ startGapMs: 100 })
    await runUntil(65)
    const starts = [...hits.values()].map((times) => times[0]!).sort((a, b) => a - b)
    expect(starts).toHaveLength(30)
    // Ten a second: no two in the same tenth of a second, three seconds for thirty.
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeCloseTo(0.1, 5)
    for (const times of hits.values()) expect(times[1]! - times[0]!).toBeCloseTo(60, 5)
  })

  it('polls the feeds without an interval at each POLL_SCHEDULE tick and at start, not between', async () => {
    serve('/default', rss())
    serve('/fast', rss())
    store.feeds.add({ url: server.url('/default') })
    store.feeds.add({ url: server.url('/fast'), pollIntervalMs: 30 * S })
    const running = startScheduler({ startGapMs: 0 })
    await runUntil(100)
    expect(hits.get('/default')).toEqual([0])
    running.tick() // what node-cron does at each POLL_SCHEDULE time
    await runUntil(130)
    expect(hits.get('/default')).toEqual([0, 100])
    expect(hits.get('/fast')).toEqual([0, 30, 60, 90, 120])
  })
})
