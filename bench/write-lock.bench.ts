import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { openStore } from '../src/db/index.ts'
import { createInlineProcessor, createWorkerProcessor } from '../src/feed/ingest-thread.ts'
import { createPoller } from '../src/feed/poller.ts'
import { loadTopicRules } from '../src/feed/topics.ts'
import { type BatchLimits, createBatchSizer, DEFAULT_BATCH_LIMITS } from '../src/feed/worker/batch-sizer.ts'
import type { FeedProcessor } from '../src/feed/worker/protocol.ts'
import { createLogger } from '../src/logger.ts'
import { startFeedServer } from '../tests/support/feed-server.ts'
import { rssDocument, type SampleRelease } from '../tests/support/northvale.ts'
import type { BenchRow } from './sender.bench.ts'
import { percentile } from './synthetic.ts'

/** Round 2's batches: 200 items, whatever their size. */
const BY_COUNT: BatchLimits = {
  maxItems: 200,
  maxChars: Number.POSITIVE_INFINITY,
  targetMs: Number.POSITIVE_INFINITY,
}

/** A feed of `items` releases of about `chars` characters of body each (distinct words, as real text has). */
function heavyFeed(items: number, chars: number): string {
  const releases: SampleRelease[] = Array.from({ length: items }, (_, i) => {
    const words: string[] = []
    let length = 0
    for (let w = 0; length < chars; w++) {
      const word = `harbour${(i * 7919 + w * 104_729) % 50_000}`
      words.push(w % 12 === 11 ? `${word}.</p><p>` : word)
      length += word.length + 1
    }
    return {
      guid: `heavy-${i}`,
      title: `Governor Halvorsen's long statement number ${i}`,
      link: `https://press.northvale.example/heavy/${i}`,
      pubDate: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toUTCString(),
      html: `<p>${words.join(' ')}</p>`,
    }
  })
  return rssDocument(releases)
}

type Run = { batches: Array<{ chars: number; ms: number }>; waits: number[]; loopP99: number; pollMs: number }

/**
 * One first poll of the feed on a database file. `inline`: the job runs on this thread with a batch sizer that
 * records each commit (its duration is the write lock's hold); `worker`: as the service runs it, while this thread
 * writes one row every 5 ms on its own connection, as the bot does, each write timed (its wait for the lock).
 */
async function ingestOnce(body: string, limits: BatchLimits, mode: 'inline' | 'worker'): Promise<Run> {
  const server = await startFeedServer()
  const dir = mkdtempSync(join(tmpdir(), 'pressbot-lock-'))
  const path = join(dir, 'pressbot.db')
  const store = openStore(path)
  const topicRules = loadTopicRules()
  const batches: Run['batches'] = []
  let processor: FeedProcessor
  if (mode === 'inline') {
    const sizer = createBatchSizer(limits)
    const recording = {
      full: sizer.full,
      committed: (chars: number, ms: number) => {
        batches.push({ chars, ms })
        sizer.committed(chars, ms)
      },
      get maxChars() {
        return sizer.maxChars
      },
    }
    processor = createInlineProcessor({ ...store, topicRules, batchSizer: recording })
  } else
    processor = createWorkerProcessor({
      databasePath: path,
      topicRules,
      timeoutMs: 600_000,
      batchLimits: limits,
    })
  const poller = createPoller({
    ...store,
    topicRules,
    logger: createLogger({ level: 'silent' }),
    concurrency: 1,
    timeoutMs: 120_000,
    maxBytes: 100 * 1024 * 1024,
    allowPrivate: true, // a local server
    processor,
  })
  const waits: number[] = []
  const delay = monitorEventLoopDelay({ resolution: 10 })
  try {
    await processor.start()
    server.route('/feed', { body, headers: { 'content-type': 'application/rss+xml' } })
    const feed = store.feeds.add({ url: server.url('/feed') }).feed
    const started = performance.now()
    delay.enable()
    const timer =
      mode === 'worker'
        ? setInterval(() => {
            const at = performance.now()
            store.feeds.setHealthAlerted(feed.id, null) // a one-row write, waiting for the lock like the bot's
            waits.push(performance.now() - at)
          }, 5)
        : undefined
    const [report] = await poller.pollAll()
    clearInterval(timer)
    delay.disable()
    if (report?.outcome.kind !== 'stored')
      throw new Error(`write-lock: poll failed: ${JSON.stringify(report?.outcome)}`)
    return { batches, waits, loopP99: delay.percentile(99) / 1e6, pollMs: performance.now() - started }
  } finally {
    await poller.stop()
    store.close()
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * The write lock the ingestion worker holds per batch, and what the bot's connection waits for it meanwhile,
 * for a feed of long items (default 200 items of 65,000 characters: 13 M, the case issue 20 reproduced), with
 * round 2's count-only batches and with today's character- and time-sized ones.
 */
export async function runWriteLockBench(options: { items: number; chars: number }): Promise<BenchRow[]> {
  const body = heavyFeed(options.items, options.chars)
  const label = `${options.items} items × ${options.chars.toLocaleString('en')} chars`
  const rows: BenchRow[] = []
  for (const [name, limits] of [
    ['by count (round 2)', BY_COUNT],
    ['by characters and time', DEFAULT_BATCH_LIMITS],
  ] as const) {
    const inline = await ingestOnce(body, limits, 'inline')
    const largest = inline.batches.reduce((a, b) => (b.ms > a.ms ? b : a), { chars: 0, ms: 0 })
    const worker = await ingestOnce(body, limits, 'worker')
    const waits = [...worker.waits].sort((a, b) => a - b)
    rows.push(
      {
        bench: 'write-lock',
        metric: `${label}, ${name}: batches; longest lock hold (its characters)`,
        value: `${inline.batches.length}; ${largest.ms.toFixed(0)} ms (${largest.chars.toLocaleString('en')})`,
        target: name === 'by count (round 2)' ? undefined : '~100 ms',
        ok: name === 'by count (round 2)' ? undefined : largest.ms < 150,
      },
      {
        bench: 'write-lock',
        metric: `${label}, ${name}, in the worker: bot-connection writes (n), wait p99 / max; event loop p99`,
        value: `${waits.length}, ${percentile(waits, 99).toFixed(0)} / ${(waits.at(-1) ?? 0).toFixed(0)} ms; ${worker.loopP99.toFixed(0)} ms`,
      },
      {
        bench: 'write-lock',
        metric: `${label}, ${name}: the first poll in the worker`,
        value: `${(worker.pollMs / 1000).toFixed(1)} s`,
      },
    )
  }
  return rows
}
