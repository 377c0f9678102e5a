import type { Db } from './client.ts'

/** Settled deliveries in one time bucket (its start, ms epoch), by status. */
export type DeliveryBucket = { at: number; sent: number; failed: number; skipped: number }

/** One recent release's delivery: how many chats it targeted, where they stand, when the last one got it. */
export type ReleaseDelivery = {
  releaseId: number
  title: string
  publishedAt: number | null
  targeted: number
  sent: number
  failed: number
  queued: number
  lastSentAt: number | null
}

const HOUR = 3_600_000
const MINUTE = 60_000
const STATUSES = ['sent', 'failed', 'skipped'] as const
type Status = (typeof STATUSES)[number]

/** Buckets from `from` to `to` (both bucket starts), zero where nothing settled: a chart's x axis has no holes. */
function fill(
  rows: Array<{ bucket: number; status: string; n: number }>,
  from: number,
  to: number,
  size: number,
) {
  const buckets = new Map<number, DeliveryBucket>()
  for (let at = from; at <= to; at += size) buckets.set(at, { at, sent: 0, failed: 0, skipped: 0 })
  for (const row of rows) {
    const bucket = buckets.get(row.bucket * size)
    if (bucket && (STATUSES as readonly string[]).includes(row.status)) bucket[row.status as Status] += row.n
  }
  return [...buckets.values()]
}

/**
 * What the console's Delivery view reads, each bounded by time and through an index, whatever the outbox's size:
 * hours from `delivery_hourly` (a trigger's totals, migration 0021: kept past pruning), minutes as one range of the
 * deliveries_settled index per status over the last two hours, and the last releases through the outbox's unique
 * key (kind, ref_id).
 */
export function createDeliveryChartRepository(db: Db) {
  const sqlite = db.$client
  const hourly = sqlite.prepare<[number], { bucket: number; status: string; n: number }>(
    'SELECT hour AS bucket, status, n FROM delivery_hourly WHERE hour >= ? ORDER BY hour',
  )
  // `status = ? AND status IN (…)` repeats the partial index's WHERE word for word, so SQLite takes it.
  const perMinute = sqlite.prepare<[string, number], { bucket: number; status: string; n: number }>(`
    SELECT updated_at / ${MINUTE} AS bucket, status, count(*) AS n FROM deliveries
    WHERE status = ? AND status IN ('sent', 'failed', 'skipped') AND updated_at >= ?
    GROUP BY bucket`)
  const lastReleases = sqlite.prepare<[number], { id: number; title: string; publishedAt: number | null }>(`
    SELECT id, title, published_at AS publishedAt FROM releases
    WHERE delivery_state = 'enqueued' ORDER BY id DESC LIMIT ?`)
  const releaseCounts = sqlite.prepare<[number], { status: string; n: number; lastAt: number | null }>(`
    SELECT status, count(*) AS n, max(updated_at) AS lastAt FROM deliveries
    WHERE kind = 'release' AND ref_id = ? GROUP BY status`)

  return {
    /** Per hour over the last `hours` hours up to `now`'s hour. */
    hourly(now: number, hours = 7 * 24): DeliveryBucket[] {
      const last = Math.floor(now / HOUR)
      return fill(hourly.all(last - hours + 1), (last - hours + 1) * HOUR, last * HOUR, HOUR)
    },

    /** Per minute over the last `minutes` minutes up to `now`'s minute. */
    perMinute(now: number, minutes = 120): DeliveryBucket[] {
      const last = Math.floor(now / MINUTE)
      const from = (last - minutes + 1) * MINUTE
      const rows = STATUSES.flatMap((status) => perMinute.all(status, from))
      return fill(rows, from, last * MINUTE, MINUTE)
    },

    /** The last `limit` releases that were fanned out, newest first, with their deliveries. */
    lastReleases(limit = 5): ReleaseDelivery[] {
      return lastReleases.all(limit).map((release) => {
        const counts = { sent: 0, failed: 0, skipped: 0, pending: 0, sending: 0 } as Record<string, number>
        let lastSentAt: number | null = null
        for (const row of releaseCounts.all(release.id)) {
          counts[row.status] = row.n
          if (row.status === 'sent') lastSentAt = row.lastAt
        }
        const n = (status: string) => counts[status] ?? 0
        return {
          releaseId: release.id,
          title: release.title,
          publishedAt: release.publishedAt,
          targeted: n('sent') + n('failed') + n('skipped') + n('pending') + n('sending'),
          sent: n('sent'),
          failed: n('failed'),
          queued: n('pending') + n('sending'),
          lastSentAt,
        }
      })
    },
  }
}
