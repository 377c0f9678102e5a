/**
 * Console benchmark (`npm run bench -- --only console`): what the admins' console's Delivery view reads
 * (GET /console/api/delivery: hours, minutes, the queue, the last releases) on a large outbox: 2,000,000
 * deliveries (--quick: 200,000) over 1,000,000 subscribers (--quick: 100,000), spread over 7 days, with the last
 * 2 hours at the default send rate (25 a second: 180,000 sends, the per-minute range's worst case) and 20,000
 * still queued. Filled in bulk SQL; p95 of 200 reads of each query and of the whole view; then the Audience
 * view's counts over the same chats and subscriptions (p95 of 20).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openTestStore, type TestStore } from '../tests/support/test-store.ts'
import type { BenchRow } from './sender.bench.ts'

const HOUR = 3_600_000

function fill(store: TestStore, options: { deliveries: number; chats: number; now: number }): void {
  const sqlite = store.db.$client
  const { deliveries, chats, now } = options
  sqlite
    .prepare(
      `INSERT INTO chats (id, type, status)
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       SELECT i, 'private', 'active' FROM n`,
    )
    .run(chats)
  sqlite.prepare('INSERT INTO subscriptions (chat_id) SELECT id FROM chats').run()
  const feed = store.feeds.add({ url: 'https://press.northvale.example/feed.xml', name: 'Northvale' }).feed
  // One release per 2,000 deliveries, all fanned out.
  const releases = Math.ceil(deliveries / 2000)
  sqlite
    .prepare(
      `INSERT INTO releases (id, feed_id, guid, title, content_hash, delivery_state, published_at)
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       SELECT i, ?, 'g' || i, 'Release ' || i, 'h' || i, 'enqueued', ? - (? - i) * 60000 FROM n`,
    )
    .run(releases, feed.id, now, releases)
  const recent = Math.min(180_000, Math.floor(deliveries / 4))
  const queued = 20_000
  // Row i: release i / 2000 + 1, to chat i % chats + 1. The newest `queued` rows wait; the `recent` before them
  // were sent over the last 2 hours; the rest over the 7 days before, one in 50 failed.
  sqlite
    .prepare(
      `INSERT INTO deliveries (kind, ref_id, chat_id, status, priority, next_attempt_at, message_id, created_at,
         updated_at)
       WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < @total - 1)
       SELECT 'release', i / 2000 + 1, i % @chats + 1,
         CASE WHEN i >= @total - @queued THEN 'pending' WHEN i % 50 = 0 THEN 'failed' ELSE 'sent' END,
         0, 0, i, @now - 8 * 24 * ${HOUR},
         CASE WHEN i >= @total - @queued THEN @now
              WHEN i >= @total - @queued - @recent THEN @now - (@total - @queued - i) * 40
              ELSE @now - 2 * ${HOUR} - (@total - @queued - @recent - i) * @step END
       FROM n`,
    )
    .run({
      total: deliveries,
      chats,
      queued,
      recent,
      now,
      step: Math.floor((5 * 24 * HOUR) / (deliveries - queued - recent)),
    })
  // Rows inserted settled (the service settles them by update, which the trigger counts): count them once.
  sqlite.exec(`INSERT INTO delivery_hourly (hour, status, n)
    SELECT updated_at / ${HOUR}, status, count(*) FROM deliveries WHERE status IN ('sent', 'failed', 'skipped')
    GROUP BY 1, 2 ON CONFLICT (hour, status) DO UPDATE SET n = excluded.n`)
  sqlite.exec('ANALYZE')
}

function p95Ms(runs: number, work: () => unknown): number {
  const times: number[] = []
  for (let k = 0; k < runs; k++) {
    const t = performance.now()
    work()
    times.push(performance.now() - t)
  }
  return times.sort((a, b) => a - b)[Math.floor(runs * 0.95)]!
}

export function runConsoleBench(options: {
  deliveries: number
  chats: number
  log?: (line: string) => void
}): BenchRow[] {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const dir = mkdtempSync(join(tmpdir(), 'pressbot-console-'))
  try {
    const store = openTestStore(join(dir, 'pressbot.db'))
    const now = Date.now()
    const t = performance.now()
    fill(store, { ...options, now })
    const fillS = (performance.now() - t) / 1000
    const size = `${options.deliveries.toLocaleString('en')} deliveries, ${options.chats.toLocaleString('en')} chats`
    const runs = 200
    const figures = {
      hourly: p95Ms(runs, () => store.deliveryChart.hourly(now)),
      perMinute: p95Ms(runs, () => store.deliveryChart.perMinute(now)),
      releases: p95Ms(runs, () => store.deliveryChart.lastReleases()),
      view: p95Ms(runs, () => ({
        hourly: store.deliveryChart.hourly(now),
        perMinute: store.deliveryChart.perMinute(now),
        queued: store.deliveries.stats(now).queued,
        releases: store.deliveryChart.lastReleases(),
      })),
    }
    // The Audience view's counts read every active chat (kept a minute by the console): the price of one reading.
    const audienceMs = p95Ms(20, () => store.audience.figures(now))
    log(`  filled in ${fillS.toFixed(1)} s; ${JSON.stringify(figures)}`)
    const row = (metric: string, ms: number): BenchRow => ({
      bench: 'console',
      metric: `${metric}, ${size} (p95 of ${runs})`,
      value: `${ms.toFixed(1)} ms`,
      target: '< 100 ms',
      ok: ms < 100,
    })
    store.close()
    return [
      { bench: 'console', metric: `fill (${size}, bulk SQL)`, value: `${fillS.toFixed(1)} s` },
      row('per hour, 7 days (delivery_hourly)', figures.hourly),
      row('per minute, 2 hours (180,000 sends in range)', figures.perMinute),
      row('last 5 releases, 2,000 deliveries each', figures.releases),
      row('the whole Delivery view', figures.view),
      {
        bench: 'console',
        metric: `Audience view's counts (once a minute at most), ${size} (p95 of 20)`,
        value: `${audienceMs.toFixed(0)} ms`,
      },
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
