import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { PRESETS, storedSourceJson } from '../src/feed/html/presets.ts'
import { parseHtmlSource } from '../src/feed/html/source-config.ts'
import { createFeedProcessor } from '../src/feed/ingest-thread.ts'
import { createPoller } from '../src/feed/poller.ts'
import { loadTopicRules } from '../src/feed/topics.ts'
import { createLogger } from '../src/logger.ts'
import { startFeedServer } from '../tests/support/feed-server.ts'
import { NORTHVALE_RELEASES, rssDocument } from '../tests/support/northvale.ts'
import { listingPage, type OfficeArticle, officeSourceConfig } from '../tests/support/press-office.ts'
import { openTestStore } from '../tests/support/test-store.ts'
import type { BenchRow } from './search.bench.ts'

/**
 * Issue 20's hostile press page: one listing of `items` items whose article pages never answer, polled beside an
 * ordinary RSS feed at POLL_CONCURRENCY 4 with a tick every `tickMs`. With a 15 s timeout and round 2's code this
 * cost about 4.4 hours per poll, and no other feed was polled meanwhile. The time budget and the timeout are
 * scaled down (`budgetMs`, `timeoutMs`) so that the run is short; what is measured is how the bounds behave:
 * the hostile poll's length and article requests, how often the ordinary feed was polled meanwhile, the event loop.
 */
export async function runHostileSourceBench(options: {
  items: number
  timeoutMs: number
  budgetMs: number
  tickMs: number
}): Promise<BenchRow[]> {
  const server = await startFeedServer()
  const dir = mkdtempSync(join(tmpdir(), 'pressbot-hostile-'))
  const store = openTestStore(join(dir, 'pressbot.db'))
  const topicRules = loadTopicRules()
  // The ingestion worker, as the service runs it (cheerio and the pages' parsing off the main thread).
  const processor = createFeedProcessor({ store, topicRules, timeoutMs: 60_000 })
  const delay = monitorEventLoopDelay({ resolution: 10 })
  try {
    const base = server.url('').replace(/\/$/, '')
    const hostile: OfficeArticle[] = Array.from({ length: options.items }, (_, i) => ({
      id: 50_000 + options.items - i,
      language: 'en' as const,
      title: `Item ${i}`,
      published: '2026-11-01T09:00',
      paragraphs: ['Never served.'],
    }))
    server.route('/en/news/category/all/1', {
      body: listingPage('en', hostile),
      headers: { 'content-type': 'text/html' },
    })
    for (const article of hostile) server.route(`/en/articles/view/${article.id}`, () => {}) // never answers
    server.route('/rss', {
      body: rssDocument(NORTHVALE_RELEASES),
      headers: { 'content-type': 'application/rss+xml' },
    })
    const config = officeSourceConfig(base, 'en', PRESETS['president.az']!.source)
    const parsed = parseHtmlSource({ ...config, listing: `${base}/en/news/category/all/1` })
    if (!parsed.ok) throw new Error(parsed.error)
    store.feeds.add({ url: `${base}/en/news/category/all/1`, sourceConfig: storedSourceJson(parsed.source) })
    const ordinary = store.feeds.add({ url: server.url('/rss') }).feed
    const poller = createPoller({
      ...store,
      topicRules,
      processor,
      logger: createLogger({ level: 'silent' }),
      concurrency: 4,
      timeoutMs: options.timeoutMs,
      maxBytes: 10 * 1024 * 1024,
      htmlRequestDelayMs: 0,
      allowPrivate: true, // the local server
      htmlLimits: { budgetMs: options.budgetMs },
    })
    const articleRequests = () => server.requests.filter((r) => r.path.includes('/articles/')).length
    const ordinaryPolls = () => server.requests.filter((r) => r.path === '/rss').length
    await processor.start()
    delay.enable()
    const started = performance.now()
    const first = poller.pollDue()
    let done = false
    void first.then(() => {
      done = true
    })
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, options.tickMs))
      if (!done) void poller.pollDue() // a cron tick: starts what is due and not being polled
    }
    const [hostileReport] = (await first).filter((r) => r.feed.id !== ordinary.id)
    const firstMs = performance.now() - started
    delay.disable()
    const firstArticles = articleRequests()
    const polledMeanwhile = ordinaryPolls()
    await poller.pollAll() // second poll: each article's first failure is retried
    const secondArticles = articleRequests() - firstArticles
    const third = await poller.pollAll() // third poll: those that failed twice wait
    const thirdArticles = articleRequests() - firstArticles - secondArticles
    await poller.stop()
    const outcome = hostileReport?.outcome
    const deferred = outcome?.kind === 'stored' ? outcome.deferred : undefined
    const waiting = third.find((r) => r.feed.id !== ordinary.id)?.outcome
    return [
      {
        bench: 'hostile',
        metric: `${options.items} items, articles never answer (timeout ${options.timeoutMs} ms, budget ${options.budgetMs} ms): the source's poll`,
        value: `${(firstMs / 1000).toFixed(1)} s, ${firstArticles} article requests, ${deferred ?? '?'} left for later`,
      },
      {
        bench: 'hostile',
        metric: `the ordinary feed beside it, a tick every ${options.tickMs} ms: polls meanwhile`,
        value: String(polledMeanwhile),
      },
      {
        bench: 'hostile',
        metric: 'event-loop delay during that poll (p99 / max)',
        value: `${(delay.percentile(99) / 1e6).toFixed(0)} / ${(delay.max / 1e6).toFixed(0)} ms`,
      },
      {
        bench: 'hostile',
        metric: 'article requests of the 2nd and 3rd polls (articles that failed twice wait 30 min)',
        value: `${secondArticles}, ${thirdArticles} (waiting: ${waiting?.kind === 'stored' ? waiting.waiting : '?'})`,
      },
    ]
  } finally {
    store.close()
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
