import { buildPublishedFeed, type FeedFormat } from '../src/publish/archive-feed.ts'
import { renderAtom } from '../src/publish/atom.ts'
import { renderJsonFeed } from '../src/publish/json-feed.ts'
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
  const request = (format: FeedFormat, selection: { language?: string; topicSlug?: string }) => {
    const topic = selection.topicSlug ? store.topics.bySlug(selection.topicSlug) : undefined
    if (selection.topicSlug && !topic) throw new Error(`publish: no release in topic ${selection.topicSlug}`)
    const releases = store.published.latest({ limit: 50, language: selection.language, topicId: topic?.id })
    if (releases.length === 0) throw new Error(`publish: an empty feed for ${JSON.stringify(selection)}`)
    const feed = buildPublishedFeed({
      scope: { kind: 'all' },
      format,
      baseUrl: 'https://news.example',
      releases,
    })
    return format === 'atom' ? renderAtom(feed) : renderJsonFeed(feed)
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
  return rows
}
