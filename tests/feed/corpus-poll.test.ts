import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../src/db/index.ts'
import { type FeedServer, startFeedServer } from '../support/feed-server.ts'
import { localPoller } from '../support/local-poller.ts'
import { hasSharedFeeds, SHARED_FEEDS_NOTE, sharedFeedsDir } from '../support/shared-feeds.ts'

const realDir = join(sharedFeedsDir, 'real')

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? listFiles(path) : [path]
  })
}

/** feedparser's cases state the HTTP headers they assume in "Header: Name: value" comment lines. */
function declaredHeaders(bytes: Buffer): Record<string, string> {
  const head = bytes.subarray(0, 2000).toString('latin1')
  const headers: Record<string, string> = {}
  for (const match of head.matchAll(/^Header:\s*([\w-]+):\s*(.+?)\s*$/gm))
    headers[match[1]!.toLowerCase()] = match[2]!
  return headers
}

describe.skipIf(!hasSharedFeeds)(`every real-world feed polled over HTTP (${SHARED_FEEDS_NOTE})`, () => {
  let server: FeedServer
  let store: Store
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown) => unhandled.push(reason)
  const files = hasSharedFeeds
    ? listFiles(realDir).filter((f) => !/\.(tsv|md)$/.test(f) && !f.includes('/expected/'))
    : []

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled)
    server = await startFeedServer()
    store = openStore(':memory:')
    for (const file of files) {
      const rel = relative(realDir, file)
      const bytes = readFileSync(file)
      server.route(`/${rel}`, { body: bytes, headers: declaredHeaders(bytes) })
      store.feeds.add({ url: server.url(`/${encodeURI(rel)}`) })
    }
  })
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled)
    store.close()
    await server.close()
  })

  it('ends every feed with releases stored or a clear recorded error, at least as often as rss-parser', async () => {
    const poller = localPoller(store, {
      concurrency: 4,
      timeoutMs: 10_000,
      maxBytes: 10 * 1024 * 1024,
    })
    const reports = await poller.pollAll()
    expect(reports).toHaveLength(files.length)
    expect(unhandled).toEqual([])

    const perFolder = new Map<string, { stored: number; empty: number; error: number }>()
    const outcomes = new Map<string, 'ok' | 'error'>()
    for (const { feed, outcome } of reports) {
      const rel = decodeURI(new URL(feed.url).pathname.slice(1))
      const folder = rel.split('/').slice(0, -1).join('/') || '.'
      const tally = perFolder.get(folder) ?? { stored: 0, empty: 0, error: 0 }
      if (outcome.kind === 'error') {
        // A clear error: one line, saying what went wrong.
        expect(outcome.error, rel).toMatch(/\w{3,}/)
        expect(outcome.error.includes('\n'), rel).toBe(false)
        expect(store.feeds.get(feed.id)!.lastError, rel).toBe(outcome.error)
        tally.error++
      } else if (outcome.kind === 'stored' && outcome.added > 0) tally.stored++
      else tally.empty++
      outcomes.set(rel, outcome.kind === 'error' ? 'error' : 'ok')
      perFolder.set(folder, tally)
    }
    console.log(
      ['folder                                  stored  empty  error']
        .concat(
          [...perFolder]
            .sort()
            .map(
              ([f, t]) =>
                `${f.padEnd(40)}${String(t.stored).padStart(6)}${String(t.empty).padStart(7)}${String(t.error).padStart(7)}`,
            ),
        )
        .join('\n'),
    )

    // rss-parser on its own, over the same files (its results were recorded in the corpus).
    const baseline = readFileSync(join(realDir, 'rss-parser-3.13.0-results.tsv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t'))
      .map(([path, result]) => ({ path: path!, ok: result === 'ok' }))
    const baselineOk = baseline.filter((b) => b.ok)
    const ours = [...outcomes.values()].filter((o) => o === 'ok').length
    console.log(
      `parsed: pressbot ${ours} of ${outcomes.size} files; rss-parser alone ${baselineOk.length} of ${baseline.length}`,
    )
    expect(ours).toBeGreaterThanOrEqual(baselineOk.length)
    const lost = baselineOk.filter((b) => outcomes.get(b.path) === 'error').map((b) => b.path)
    expect(lost).toEqual([])
    // rss-parser reads no JSON; pressbot reads every JSON Feed of the corpus.
    const json = [...outcomes].filter(([path]) => path.endsWith('.json'))
    expect(json.length).toBeGreaterThan(0)
    expect(json.filter(([, outcome]) => outcome === 'error')).toEqual([])
  }, 120_000)

  it('makes every stored release searchable', () => {
    const count = store.releases.count()
    expect(count).toBeGreaterThan(1000)
    expect(store.search.search('podcast', { limit: 5 }).hits.length).toBeGreaterThan(0)
  })
})
