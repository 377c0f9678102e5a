import { asc, eq, sql } from 'drizzle-orm'
import type { Db } from './client.ts'
import { feedSourceName } from './feed-source.ts'
import { feeds } from './schema.ts'

export type MetricsSnapshot = {
  /** Settled deliveries since the database began (pruning keeps them counted), by kind and status. */
  totals: Array<{ kind: string; status: string; n: number }>
  /** Rows waiting in the outbox ('pending') or on the wire ('sending'). */
  queued: number
  chatsByStatus: Array<{ status: string; n: number }>
  releases: number
  /** Enabled feeds, labelled by id and the operator's name (never the URL: its query may hold a key). */
  feeds: Array<{ id: number; name: string; lastOkAt: number | null; consecutiveErrors: number }>
}

/**
 * The numbers behind /metrics, cheap at any outbox size: totals from `delivery_totals` (kept by triggers), the
 * queue as an index-range COUNT, and the small tables as they are.
 */
export function createMetricsRepository(db: Db) {
  const sqlite = db.$client
  const totals = sqlite.prepare<[], { kind: string; status: string; n: number }>(
    'SELECT kind, status, n FROM delivery_totals ORDER BY kind, status',
  )
  // The queue index starts with status: two index ranges, as long as the queue and no longer.
  const queued = sqlite.prepare<[], { n: number }>(
    `SELECT (SELECT count(*) FROM deliveries WHERE status = 'pending')
          + (SELECT count(*) FROM deliveries WHERE status = 'sending') AS n`,
  )
  const chats = sqlite.prepare<[string], { n: number }>('SELECT count(*) AS n FROM chats WHERE status = ?')
  const releases = sqlite.prepare<[], { n: number }>('SELECT count(*) AS n FROM releases')
  // Removed feeds are not polled: their lag and errors would only raise false alarms.
  const enabledFeeds = db
    .select({
      id: feeds.id,
      name: sql<string>`coalesce(${feedSourceName}, '')`,
      lastOkAt: feeds.lastOkAt,
      consecutiveErrors: feeds.consecutiveErrors,
    })
    .from(feeds)
    .where(eq(feeds.enabled, true))
    .orderBy(asc(feeds.id))
    .prepare()
  return {
    snapshot(): MetricsSnapshot {
      return {
        totals: totals.all(),
        queued: queued.get()?.n ?? 0,
        chatsByStatus: ['active', 'stopped', 'blocked'].map((status) => ({
          status,
          n: chats.get(status)?.n ?? 0,
        })),
        releases: releases.get()?.n ?? 0,
        feeds: enabledFeeds.all(),
      }
    },

    /** Settled deliveries since the database began, by status (all kinds together), for /stats. */
    totalsByStatus(): { sent: number; failed: number; skipped: number } {
      const sum = { sent: 0, failed: 0, skipped: 0 }
      for (const row of totals.all()) if (row.status in sum) sum[row.status as keyof typeof sum] += row.n
      return sum
    },
  }
}
