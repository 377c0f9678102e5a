import { openStore } from '../src/db/index.ts'
import { PRESETS, storedSourceJson } from '../src/feed/html/presets.ts'
import { parseHtmlSource } from '../src/feed/html/source-config.ts'
import { createPoller } from '../src/feed/poller.ts'
import { loadTopicRules } from '../src/feed/topics.ts'
import { createLogger } from '../src/logger.ts'
import { startFeedServer } from '../tests/support/feed-server.ts'
import { type OfficeArticle, officeSourceConfig, routeOffice } from '../tests/support/press-office.ts'
import type { BenchRow } from './search.bench.ts'
import { prng, sourceSentences } from './synthetic.ts'

/** `count` English articles of five real release sentences each, one a day. */
function articles(count: number): OfficeArticle[] {
  const sentences = sourceSentences()
  const random = prng(7)
  const pick = () => sentences[Math.floor(random() * sentences.length)]!
  return Array.from({ length: count }, (_, i) => ({
    id: 9000 + i,
    language: 'en' as const,
    title: pick().slice(0, 120),
    published: new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 16),
    paragraphs: Array.from({ length: 5 }, pick),
    image: `/images/${i}.jpg`,
  }))
}

/**
 * A press page without a feed, crawled from the local server with HTML_REQUEST_DELAY_MS=0: the first poll reads
 * `pages` listing pages and every article; re-polls of unchanged pages (with and without ETag) fetch no article.
 */
export async function runHtmlBench(options: { pages: number; perPage: number }): Promise<BenchRow[]> {
  const server = await startFeedServer()
  const store = openStore(':memory:')
  try {
    const count = options.pages * options.perPage
    const office = articles(count)
    routeOffice(server, office, options.perPage)
    const base = server.url('').replace(/\/$/, '')
    const parsed = parseHtmlSource(officeSourceConfig(base, 'en', PRESETS['president.az']!.source))
    if (!parsed.ok) throw new Error(parsed.error)
    store.feeds.add({ url: `${base}/en/news/category/all/1`, sourceConfig: storedSourceJson(parsed.source) })
    const poller = createPoller({
      ...store,
      topicRules: loadTopicRules(),
      logger: createLogger({ level: 'silent' }),
      concurrency: 1,
      timeoutMs: 60_000,
      maxBytes: 10 * 1024 * 1024,
      htmlRequestDelayMs: 0,
      allowPrivate: true, // the local page server
      htmlBackfillPages: options.pages,
      // Throughput, not the per-poll cap (50 articles): every article of the pages in one poll.
      htmlLimits: { articlesPerPoll: count },
    })
    const articleRequests = () => server.requests.filter((r) => r.path.includes('/articles/')).length
    const [first] = await poller.pollAll()
    if (first?.outcome.kind !== 'stored' || first.outcome.added !== count)
      throw new Error(`html: first poll stored ${JSON.stringify(first?.outcome)}, not ${count} articles`)
    const fetched = articleRequests()
    const [notModified] = await poller.pollAll()
    // The same pages, served without validators: listings are read and compared, no article is fetched again.
    const withoutEtag = {
      route: (path: string, response: { body: string; headers: Record<string, string> }) =>
        server.route(path, {
          body: response.body,
          headers: { 'content-type': response.headers['content-type']! },
        }),
    }
    routeOffice(withoutEtag, office, options.perPage)
    const before = articleRequests()
    const [unchanged] = await poller.pollAll()
    if (unchanged?.outcome.kind !== 'stored' || unchanged.outcome.added + unchanged.outcome.updated > 0)
      throw new Error(`html: unchanged re-poll stored changes: ${JSON.stringify(unchanged?.outcome)}`)
    return [
      {
        bench: 'html',
        metric: `first poll: ${options.pages} listing pages + ${fetched} articles, fetch, parse, clean, store`,
        value: `${first.ms} ms = ${Math.round((count / first.ms) * 1000)} articles/s`,
      },
      { bench: 'html', metric: 're-poll, listing answered 304', value: `${notModified!.ms} ms` },
      {
        bench: 'html',
        metric: 're-poll, same pages without ETag: articles fetched',
        value: `${articleRequests() - before} (${unchanged.ms} ms)`,
      },
    ]
  } finally {
    store.close()
    await server.close()
  }
}
