import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openStore } from '../src/db/index.ts'
import { createFeedProcessor } from '../src/feed/ingest-thread.ts'
import { createPoller } from '../src/feed/poller.ts'
import { loadTopicRules } from '../src/feed/topics.ts'
import { createLogger } from '../src/logger.ts'
import { startFeedServer } from '../tests/support/feed-server.ts'
import { rssDocument, type SampleRelease } from '../tests/support/northvale.ts'
import type { BenchRow } from './search.bench.ts'
import { prng, sourceSentences } from './synthetic.ts'

const GIANTBOMB = fileURLToPath(
  new URL('../../shared/feeds/real/rss-parser/giantbomb-podcast.rss', import.meta.url),
)

/** A synthetic feed of `count` items, each a few real release sentences. */
export function syntheticFeed(count: number): string {
  const sentences = sourceSentences()
  const random = prng(11)
  const pick = () => sentences[Math.floor(random() * sentences.length)]!
  const items: SampleRelease[] = Array.from({ length: count }, (_, i) => ({
    guid: `synthetic-${i}`,
    title: pick().slice(0, 100),
    link: `https://press.northvale.example/r/${i}`,
    pubDate: new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toUTCString(),
    html: Array.from({ length: 5 }, () => `<p>${pick()}</p>`).join(''),
  }))
  return rssDocument(items)
}

/**
 * Polls one feed three times as the service does: the document is fetched here and processed by the ingestion
 * worker (loaded beforehand: its start-up is paid once per service start, not per poll) on a database file.
 */
async function measureFeed(name: string, body: string): Promise<BenchRow[]> {
  const server = await startFeedServer()
  const dir = mkdtempSync(join(tmpdir(), 'pressbot-ingest-'))
  const store = openStore(join(dir, 'pressbot.db'))
  const topicRules = loadTopicRules()
  const processor = createFeedProcessor({ store, topicRules, timeoutMs: 600_000 })
  const poller = createPoller({
    ...store,
    topicRules,
    logger: createLogger({ level: 'silent' }),
    concurrency: 1,
    timeoutMs: 60_000,
    maxBytes: 50 * 1024 * 1024,
    allowPrivate: true, // a local server
    processor,
  })
  try {
    await processor.start()
    const withEtag = { body, headers: { 'content-type': 'application/rss+xml', etag: '"v1"' } }
    server.route('/feed', withEtag)
    store.feeds.add({ url: server.url('/feed') })
    const [first] = await poller.pollAll()
    if (first?.outcome.kind !== 'stored')
      throw new Error(`${name}: first poll failed: ${JSON.stringify(first?.outcome)}`)
    const items = first.outcome.added
    const [notModified] = await poller.pollAll()
    // Same content, but the server stops sending a validator: a full download, parse and compare, storing nothing.
    server.route('/feed', { body, headers: { 'content-type': 'application/rss+xml' } })
    const [sameContent] = await poller.pollAll()
    if (sameContent?.outcome.kind !== 'stored' || sameContent.outcome.unchanged !== items) {
      throw new Error(`${name}: same-content re-poll stored changes: ${JSON.stringify(sameContent?.outcome)}`)
    }
    const kb = Math.round(Buffer.byteLength(body) / 1024)
    return [
      {
        bench: 'ingest',
        metric: `${name}: first poll (${items} items, ${kb} KB): fetch, parse, clean, summarise, tag, store`,
        value: `${first.ms} ms = ${Math.round((items / first.ms) * 1000)} items/s`,
      },
      { bench: 'ingest', metric: `${name}: re-poll answered 304`, value: `${notModified!.ms} ms` },
      { bench: 'ingest', metric: `${name}: re-poll, same content, 200`, value: `${sameContent.ms} ms` },
    ]
  } finally {
    await poller.stop()
    store.close()
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Parse-plus-store throughput on the largest real feed and on a synthetic one, and the cost of re-polls. */
export async function runIngestBench(options: {
  syntheticItems: number
  /** Also the largest real feed of ../shared when it is there (default true). */
  realFeed?: boolean
}): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  const realFeed = options.realFeed ?? true
  if (realFeed && existsSync(GIANTBOMB)) {
    rows.push(...(await measureFeed('giantbomb-podcast.rss (real)', readFileSync(GIANTBOMB, 'utf8'))))
  } else if (realFeed) {
    rows.push({
      bench: 'ingest',
      metric: 'giantbomb-podcast.rss (real)',
      value: 'skipped: ../shared/feeds absent',
    })
  }
  rows.push(
    ...(await measureFeed(
      `synthetic ${options.syntheticItems.toLocaleString('en')}-item feed`,
      syntheticFeed(options.syntheticItems),
    )),
  )
  return rows
}
