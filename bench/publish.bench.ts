import { createLogger } from '../src/logger.ts'
import type { FeedFormat } from '../src/publish/archive-feed.ts'
import { createFeedRequestHandler } from '../src/publish/feed-request.ts'
import { openTestStore } from '../tests/support/test-store.ts'
import type { BenchRow } from './sender.bench.ts'
import { fillReleases, percentile } from './synthetic.ts'

/**
 * The published feeds (/feeds/…) over a synthetic archive: the repository query plus rendering, what one request
 * costs before HTTP. A tenth of the archive is in a second language, one release in 5,000 in a third; one topic
 * holds a third of the archive, one 1/60, one 1/5,000 (the two query plans of published-repository.ts).
 */
export function runPublishBench(options: { releases: number; samples: number }): BenchRow[] {
  const store = openTestStore(':memory:')
  const topics = [
    ['third', 3],
    ['sixtieth', 60],
    ['rare', 5000],
  ] as const
  // Release n (1-based, as the ids): every tenth in Russian, one in 5,000 in Azerbaijani; tagged by the writer.
  fillReleases(store, options.releases, (release, i) => {
    const n = i + 1
    return {
      ...release,
      language: n % 10 === 0 ? 'ru' : n % 5000 === 1 ? 'az' : 'en',
      topics: topics.filter(([, every]) => n % every === 0).map(([slug]) => ({ slug, name: slug })),
    }
  })
  const handle = feedHandler(store)
  const request = (format: FeedFormat, selection: { language?: string; topicSlug?: string }) => {
    const scope = selection.language
      ? `lang/${selection.language}`
      : selection.topicSlug
        ? `topic/${selection.topicSlug}`
        : 'all'
    const response = handle({
      method: 'GET',
      path: `/feeds/${scope}.${format}`,
      host: 'news.example',
      ifNoneMatch: undefined,
    })
    if (response.status !== 200) throw new Error(`publish: ${scope} answered ${response.status}`)
    return response.body
  }
  const measure = (fn: () => unknown) => {
    fn()
    const samples = Array.from({ length: options.samples }, () => {
      const t = performance.now()
      fn()
      return performance.now() - t
    }).sort((a, b) => a - b)
    return `${percentile(samples, 50).toFixed(2)} ms (p95 ${percentile(samples, 95).toFixed(2)})`
  }
  const n = options.releases.toLocaleString('en')
  const rows: BenchRow[] = [
    {
      bench: 'publish',
      metric: `/feeds/all.atom, ${n} releases, median`,
      value: measure(() => request('atom', {})),
    },
    { bench: 'publish', metric: '/feeds/all.json, median', value: measure(() => request('json', {})) },
    {
      bench: 'publish',
      metric: '/feeds/lang/{en: 90 %, az: 0.02 %}.atom, median',
      value: `${measure(() => request('atom', { language: 'en' }))}; ${measure(() => request('atom', { language: 'az' }))}`,
    },
    ...topics.map(([slug]) => ({
      bench: 'publish',
      metric: `/feeds/topic/${slug}.atom, median`,
      value: measure(() => request('atom', { topicSlug: slug })),
    })),
  ]
  store.close()
  return [...rows, ...hugeBodies(measure)]
}

const feedHandler = (store: ReturnType<typeof openTestStore>) =>
  createFeedRequestHandler({
    store,
    publicUrl: 'https://news.example',
    logger: createLogger({ level: 'silent' }),
  })

/**
 * Issue 20's case: 50 releases of 2 MB of body each (stored before bodies were capped: written here by SQL),
 * /feeds/all.atom answered in full, and again with the ETag it gave (If-None-Match).
 */
function hugeBodies(measure: (fn: () => unknown) => string): BenchRow[] {
  const store = openTestStore(':memory:')
  fillReleases(store, 50)
  store.db.$client.exec(`UPDATE releases SET body = printf('%.*c', 2000000, 'x') || ' end'`)
  const handle = feedHandler(store)
  const get = (ifNoneMatch?: string) =>
    handle({ method: 'GET', path: '/feeds/all.atom', host: 'news.example', ifNoneMatch })
  const full = get()
  const etag = full.headers.etag!
  const rows: BenchRow[] = [
    {
      bench: 'publish',
      metric: `/feeds/all.atom over 50 bodies of 2 MB: 200 (${Math.round(Buffer.byteLength(full.body ?? '') / 1024)} KB), median`,
      value: measure(() => get()),
    },
    {
      bench: 'publish',
      metric: '… the same with its If-None-Match: 304, median',
      value: measure(() => {
        if (get(etag).status !== 304) throw new Error('publish: If-None-Match did not give a 304')
      }),
    },
  ]
  store.close()
  return rows
}
