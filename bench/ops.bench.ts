/**
 * Operations benchmark (`npm run bench -- --only ops`): what /metrics and /stats cost on the bot's event loop
 * with a large outbox, and what pruning old deliveries costs. The outbox holds 2,000,000
 * deliveries (--quick: 200,000) queued by the program's fan-out, then aged over 60 days: nearly all settled,
 * 20,000 pending, 5,000 sent in the last hour, over 100 feeds. Then one pruning pass with a 30-day retention.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import type { ReleaseInput } from '../src/db/releases-repository.ts'
import { createRetention } from '../src/delivery/retention.ts'
import { createLogger } from '../src/logger.ts'
import { renderMetrics } from '../src/metrics.ts'
import { openTestStore, type TestStore } from '../tests/support/test-store.ts'
import type { BenchRow } from './search.bench.ts'
import { fillChats } from './synthetic.ts'

const DAY_MS = 86_400_000
const silent = createLogger({
  level: 'warn',
  destination: new Writable({ write: (_c, _e, cb) => cb() }),
  pretty: false,
})

/**
 * The outbox as the service leaves it: 1,000 chats (fillChats) and one release per 1,000 deliveries, each stored
 * and fanned out by the program's own writer (storeFeedItems: the INSERT … SELECT of outbox.ts). Then the rows
 * are aged over 60 days and settled in one UPDATE (the totals trigger counts them, as when the sender settles
 * them): the newest 20,000 stay pending, 1 in 50 failed, the rest sent; the last 25,000 changed in the last hour
 * (a tenth and an eighth of a smaller outbox).
 */
function fillOutbox(store: TestStore, deliveries: number, now: number): void {
  const chats = 1000
  fillChats(store, chats, 1)
  const feedIds: number[] = []
  for (let f = 1; f <= 100; f++)
    feedIds.push(
      store.feeds.add({
        url: `https://press${f}.northvale.example/feed.xml?key=secret${f}`,
        name: `Ministry ${f}`,
      }).feed.id,
    )
  const releases = Math.ceil(deliveries / chats)
  const release = (n: number): ReleaseInput => ({
    guid: `ops-${n}`,
    url: `https://press.northvale.example/ops/${n}`,
    title: `Ministry notice ${n}`,
    publishedAt: now - (releases - n) * 60_000,
    language: 'en',
    body: `Notice ${n} of the ministry.`,
    summary: `Notice ${n} of the ministry.`,
    imageUrl: null,
    contentHash: `ops-${n}`,
    topics: [],
  })
  for (let from = 0; from < releases; from += 100) {
    const batch = Array.from({ length: Math.min(releases, from + 100) - from }, (_, k) => release(from + k))
    store.releases.storeFeedItems(feedIds[0]!, batch, { backfill: false, now })
  }
  const sqlite = store.db.$client
  const { first, total } = sqlite
    .prepare('SELECT min(id) AS first, count(*) AS total FROM deliveries')
    .get() as {
    first: number
    total: number
  }
  if (total !== releases * chats)
    throw new Error(`ops: the fan-out queued ${total} deliveries, not ${releases * chats}`)
  // Row i (0 = oldest) of the outbox: its age, and its outcome. (20,000 and 25,000, or fewer in a small outbox.)
  sqlite
    .prepare(
      `UPDATE deliveries SET
         status = CASE WHEN id - @first >= @total - @pending THEN 'pending' WHEN (id - @first) % 50 = 0 THEN 'failed'
                       ELSE 'sent' END,
         message_id = CASE WHEN id - @first >= @total - @pending OR (id - @first) % 50 = 0 THEN NULL ELSE id END,
         created_at = @now - (@total - (id - @first)) * @step,
         updated_at = CASE WHEN id - @first >= @total - @recent THEN @now - (@total - (id - @first)) * 100
                           ELSE @now - (@total - (id - @first)) * @step END`,
    )
    .run({
      first,
      total,
      now,
      step: Math.floor((60 * DAY_MS) / total),
      pending: Math.min(20_000, Math.floor(total / 10)),
      recent: Math.min(25_000, Math.floor(total / 8)),
    })
}

/** Median wall time of `runs` calls, in ms. */
function timeMs(runs: number, work: () => unknown): number {
  const times: number[] = []
  for (let k = 0; k < runs; k++) {
    const t = performance.now()
    work()
    times.push(performance.now() - t)
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!
}

export async function runOpsBench(options: {
  deliveries: number
  /** Progress and each figure as soon as it is measured (default: stderr). */
  log?: (line: string) => void
}): Promise<BenchRow[]> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const dir = mkdtempSync(join(tmpdir(), 'pressbot-ops-'))
  try {
    const store = openTestStore(join(dir, 'pressbot.db'))
    const now = Date.now()
    let t = performance.now()
    fillOutbox(store, options.deliveries, now)
    const fillS = (performance.now() - t) / 1000
    const size = `${options.deliveries.toLocaleString('en')} deliveries`
    const timings = new Map(store.feeds.list().map((f) => [f.id, 120]))
    const metricsMs = timeMs(9, () => renderMetrics(store, { ratePerSecond: 0 }, timings))
    const statsMs = timeMs(9, () => ({
      chats: store.chats.countsByStatus(),
      releases: store.releases.count(),
      queue: store.deliveries.stats(),
      feeds: store.feeds.list(),
    }))
    log(
      `  filled in ${fillS.toFixed(1)} s; /metrics ${metricsMs.toFixed(1)} ms; /stats ${statsMs.toFixed(1)} ms`,
    )
    const rows: BenchRow[] = [
      {
        bench: 'ops',
        metric: `fill the outbox (${size}: fan-out, then aged in one UPDATE)`,
        value: `${fillS.toFixed(1)} s`,
      },
      { bench: 'ops', metric: `/metrics body, ${size} (median of 9)`, value: `${metricsMs.toFixed(1)} ms` },
      { bench: 'ops', metric: `/stats figures, ${size} (median of 9)`, value: `${statsMs.toFixed(1)} ms` },
    ]
    // The loop's longest stall while pruning runs: one batch's DELETE (the pass yields between batches).
    const retention = createRetention({ store, logger: silent }, { retentionDays: 30 })
    let longest = 0
    let last = performance.now()
    const ticker = setInterval(() => {
      longest = Math.max(longest, performance.now() - last)
      last = performance.now()
    }, 0)
    t = performance.now()
    const pruned = await retention.prune(now)
    const pruneS = (performance.now() - t) / 1000
    clearInterval(ticker)
    const gone = pruned.sent + pruned.failed + pruned.skipped
    // Half the outbox is older than 30 days: a pass that prunes nothing no longer reaches it.
    if (gone === 0) throw new Error('ops: pruning removed no delivery older than 30 days')
    rows.push(
      {
        bench: 'ops',
        metric: `prune the ${gone.toLocaleString('en')} deliveries older than 30 days, batches of 1,000`,
        value: `${pruneS.toFixed(1)} s`,
      },
      { bench: 'ops', metric: 'longest event-loop stall while pruning', value: `${longest.toFixed(1)} ms` },
    )
    store.close()
    return rows
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
