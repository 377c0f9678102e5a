import { sql } from 'drizzle-orm'
import type { Db } from './client.ts'

export type MetricsSnapshot = {
  deliveriesByStatus: Array<{ kind: string; status: string; n: number }>
  chatsByStatus: Array<{ status: string; n: number }>
  releases: number
  feeds: Array<{ id: number; url: string; lastOkAt: number | null; consecutiveErrors: number }>
}

/** The numbers behind /metrics, read in a handful of aggregate queries. */
export function createMetricsRepository(db: Db) {
  return {
    snapshot(): MetricsSnapshot {
      return {
        deliveriesByStatus: db.all(
          sql`SELECT kind, status, count(*) AS n FROM deliveries GROUP BY kind, status`,
        ),
        chatsByStatus: db.all(sql`SELECT status, count(*) AS n FROM chats GROUP BY status`),
        releases: db.get<{ n: number }>(sql`SELECT count(*) AS n FROM releases`)?.n ?? 0,
        feeds: db.all(
          // Removed feeds are not polled: their lag and errors would only raise false alarms.
          sql`SELECT id, url, last_ok_at AS lastOkAt, consecutive_errors AS consecutiveErrors FROM feeds
              WHERE enabled = 1`,
        ),
      }
    },
  }
}
