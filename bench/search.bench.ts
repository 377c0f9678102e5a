import { openTestStore } from '../tests/support/test-store.ts'
import { fillReleases, percentile, prng, sourceSentences } from './synthetic.ts'

export type BenchRow = { bench: string; metric: string; value: string; target?: string }

/**
 * Search latency over a synthetic archive, FTS5 (what /search and `pressbot search` run) beside a LIKE scan
 * over the same rows, in the same process.
 */
export function runSearchBench(options: { releases: number; queries: number }): BenchRow[] {
  const store = openTestStore(':memory:')
  const fillStart = performance.now()
  fillReleases(store, options.releases)
  const fillMs = performance.now() - fillStart

  // Queries: one or two words from the corpus, as people type them.
  const words = [...new Set(sourceSentences().flatMap((s) => s.match(/\p{L}{5,}/gu) ?? []))]
  const random = prng(7)
  const queries = Array.from({ length: options.queries }, () => {
    const w = () => words[Math.floor(random() * words.length)]!
    return random() < 0.5 ? w() : `${w()} ${w()}`
  })

  const time = (fn: (q: string) => void) => {
    const samples = queries.map((q) => {
      const t = performance.now()
      fn(q)
      return performance.now() - t
    })
    return samples.sort((a, b) => a - b)
  }
  for (const q of queries.slice(0, 20)) store.search.search(q, { limit: 5 }) // warm the page cache
  const fts = time((q) => store.search.search(q, { limit: 5 }))
  if (!queries.some((q) => store.search.search(q, { limit: 1 }).hits.length > 0))
    throw new Error('search: no query found a release') // the archive or the index did not build
  // The same page the bot shows (five newest matches and the total for paging), without the index: a scan.
  const like = store.db.$client.prepare(
    `SELECT id, title FROM releases WHERE title LIKE @p OR summary LIKE @p OR body LIKE @p
     ORDER BY published_at DESC LIMIT 5`,
  )
  const likeTotal = store.db.$client.prepare(
    'SELECT count(*) AS n FROM releases WHERE title LIKE @p OR summary LIKE @p OR body LIKE @p',
  )
  const likeQueries = Math.min(options.queries, 50)
  const likeSamples = queries.slice(0, likeQueries).map((q) => {
    const t = performance.now()
    const p = `%${q.split(' ')[0]}%`
    like.all({ p })
    likeTotal.get({ p })
    return performance.now() - t
  })
  likeSamples.sort((a, b) => a - b)
  store.close()

  const ms = (v: number) => `${v.toFixed(2)} ms`
  const n = options.releases.toLocaleString('en')
  return [
    {
      bench: 'search',
      metric: `build archive of ${n} releases (with FTS triggers)`,
      value: `${(fillMs / 1000).toFixed(1)} s`,
    },
    {
      bench: 'search',
      metric: `FTS5 p50 (${queries.length} queries, limit 5)`,
      value: ms(percentile(fts, 50)),
    },
    { bench: 'search', metric: 'FTS5 p95', value: ms(percentile(fts, 95)), target: '< 10 ms' },
    { bench: 'search', metric: 'FTS5 p99', value: ms(percentile(fts, 99)) },
    {
      bench: 'search',
      metric: `LIKE scan p50 (${likeQueries} queries, first word; page + total)`,
      value: ms(percentile(likeSamples, 50)),
    },
    { bench: 'search', metric: 'LIKE scan p95', value: ms(percentile(likeSamples, 95)) },
    {
      bench: 'search',
      metric: 'LIKE p50 / FTS5 p50',
      value: `${(percentile(likeSamples, 50) / percentile(fts, 50)).toFixed(0)}x`,
    },
  ]
}
