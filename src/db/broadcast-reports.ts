import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from './client.ts'
import { type BroadcastRow, broadcasts, deliveries } from './schema.ts'

export type BroadcastProgress = {
  pending: number
  sending: number
  sent: number
  failed: number
  skipped: number
}

/** What a broadcast's report says, per edition and overall. */
export type BroadcastReport = {
  progress: BroadcastProgress
  byEdition: Array<{ edition: string; targeted: number; sent: number }>
  /** Failures and skips other than blocked chats, by their reason. */
  reasons: Array<{ reason: string; n: number }>
  blocked: number
}

/** A broadcast's rows, in the literal words of the partial deliveries_broadcast index's WHERE (so SQLite uses it). */
const isBroadcast = sql`${deliveries.kind} = 'broadcast'`

/** Where broadcasts stand, for the admin's progress messages, reports and lists. */
export function createBroadcastReports(db: Db) {
  function progress(id: number): BroadcastProgress {
    const counts: BroadcastProgress = { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0 }
    const rows = db
      .select({ status: deliveries.status, n: sql<number>`count(*)` })
      .from(deliveries)
      .where(and(isBroadcast, eq(deliveries.refId, id)))
      .groupBy(deliveries.status)
      .all()
    for (const r of rows) counts[r.status] = r.n
    return counts
  }

  return {
    /** Broadcasts whose admin message still needs progress or a final report: running, or cancelled while running. */
    reportable(): BroadcastRow[] {
      return db
        .select()
        .from(broadcasts)
        .where(
          sql`${broadcasts.status} = 'confirmed' OR (${broadcasts.status} = 'cancelled' AND ${broadcasts.finishedAt} IS NULL)`,
        )
        .all()
    },

    /** The final report is shown: a running broadcast is done, a cancelled one is closed. */
    markDone(id: number): void {
      db.update(broadcasts)
        .set({
          status: sql`CASE WHEN ${broadcasts.status} = 'confirmed' THEN 'done' ELSE ${broadcasts.status} END`,
          finishedAt: Date.now(),
        })
        .where(and(eq(broadcasts.id, id), sql`${broadcasts.status} IN ('confirmed', 'cancelled')`))
        .run()
    },

    progress,

    /** The admin's message that will show a correction's or withdrawal's progress (see followUpsReportable). */
    trackFollowUp(id: number, messageId: number, now: number): void {
      db.update(broadcasts)
        .set({ followUpMessageId: messageId, followUpStartedAt: now })
        .where(eq(broadcasts.id, id))
        .run()
    },

    /** Broadcasts whose correction or withdrawal still needs progress or its report in the admin's message. */
    followUpsReportable(): BroadcastRow[] {
      return db.select().from(broadcasts).where(sql`${broadcasts.followUpMessageId} IS NOT NULL`).all()
    },

    /** The report of a correction or withdrawal is shown. */
    finishFollowUp(id: number): void {
      db.update(broadcasts)
        .set({ followUpMessageId: null, followUpStartedAt: null })
        .where(eq(broadcasts.id, id))
        .run()
    },

    /** Where a broadcast's edits or deletions stand (rows of broadcast_edit or broadcast_delete). */
    followUpProgress(id: number, kind: 'broadcast_edit' | 'broadcast_delete'): BroadcastProgress {
      const counts: BroadcastProgress = { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0 }
      const rows = db
        .select({ status: deliveries.status, n: sql<number>`count(*)` })
        .from(deliveries)
        // The partial deliveries_broadcast_followup index's WHERE, word for word, then the kind asked for.
        .where(
          sql`${deliveries.kind} IN ('broadcast_edit', 'broadcast_delete') AND ${deliveries.refId} = ${id} AND ${deliveries.kind} = ${kind}`,
        )
        .groupBy(deliveries.status)
        .all()
      for (const r of rows) counts[r.status] = r.n
      return counts
    },

    /** The report per broadcast: targeted, sent, failed by reason, blocked, by edition. */
    report(id: number): BroadcastReport {
      const byEdition = db
        .select({
          edition: sql<string>`coalesce(${deliveries.edition}, '')`,
          targeted: sql<number>`count(*)`,
          sent: sql<number>`sum(${deliveries.status} = 'sent')`,
        })
        .from(deliveries)
        .where(and(isBroadcast, eq(deliveries.refId, id)))
        .groupBy(deliveries.edition)
        .all()
      const reasons = db
        .select({ reason: sql<string>`coalesce(${deliveries.lastError}, '')`, n: sql<number>`count(*)` })
        .from(deliveries)
        .where(and(isBroadcast, eq(deliveries.refId, id), inArray(deliveries.status, ['failed', 'skipped'])))
        .groupBy(deliveries.lastError)
        .all()
      const blocked = reasons.filter((r) => r.reason.startsWith('chat blocked')).reduce((n, r) => n + r.n, 0)
      return {
        progress: progress(id),
        byEdition,
        reasons: reasons.filter((r) => !r.reason.startsWith('chat blocked')),
        blocked,
      }
    },
  }
}
