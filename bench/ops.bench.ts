/**
 * Operations benchmark (`npm run bench -- --only ops`): what /metrics and /stats cost on the bot's event loop
 * with a large outbox, and what pruning old deliveries costs. The outbox is filled in bulk SQL: 2,000,000
 * deliveries (--quick: 200,000) spread over 60 days, nearly all settled, 20,000 pending, 5,000 sent in the last
 * hour, over 100 feeds. Then one pruning pass with a 30-day retention.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { openStore, type Store } from '../src/db/index.ts'
import { createRetention } from '../src/delivery/retention.ts'
import { createLogger } from '../src/logger.ts'
import { renderMetrics } from '../src/metrics.ts'
import type { BenchRow } from './search.bench.ts'

const DAY_MS = 86_400_000
const silent = createLogger({
  level: 'warn',
  destination: new Writable({ write: (_c, _e, cb) => cb() }),
  pretty: false,
})

function fillOutbox(store: Store, deliveries: number, now: number): void {
  const sqlite = store.db.$client
  const chats = 1000
  sqlite
    .prepare(
      `INSERT INTO chats (id, type, status, mode)
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       SELECT i, 'private', 'active', 'all' FROM n`,
    )
    .run(chats)
  for (let f = 1; f <= 100; f++)
    store.feeds.add({
      url: `https://press${f}.northvale.example/feed.xml?key=secret${f}`,
      name: `Ministry ${f}`,
    })
  // Row i: release i / chats to chat i % chats + 1; the newest rows are the pending queue and the last hour.
  sqlite
    .prepare(
      `INSERT INTO deliveries (kind, ref_id, chat_id, status, priority, next_attempt_at, message_id, created_at,
         updated_at)
       WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < @total - 1)
       SELECT 'release', i / ${chats}, i % ${chats} + 1,
         CASE WHEN i >= @total - 20000 THEN 'pending' WHEN i % 50 = 0 THEN 'failed' ELSE 'sent' END,
         0, 0, i, @now - (@total - i) * @step, 
         CASE WHEN i >= @total - 25000 THEN @now - (@total - i) * 100 ELSE @now - (@total - i) * @step END
       FROM n`,
    )
    .run({ total: deliveries, now, step: Math.floor((60 * DAY_MS) / deliveries) })
  // Rows inserted settled (the service settles them by update, which the totals trigger counts): count them once.
  sqlite.exec(`INSERT INTO delivery_totals (kind, status, n)
    SELECT kind, status, count(*) FROM deliveries WHERE status IN ('sent', 'failed', 'skipped') GROUP BY kind, status
    ON CONFLICT (kind, status) DO UPDATE SET n = excluded.n`)
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
    const store = openStore(join(dir, 'pressbot.db'))
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
      { bench: 'ops', metric: `fill the outbox (${size}, bulk SQL)`, value: `${fillS.toFixed(1)} s` },
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
