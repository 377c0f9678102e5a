import { and, eq, sql } from 'drizzle-orm'
import type { Db } from './client.ts'
import { countBroadcastAudience, fanOutBroadcast } from './outbox.ts'
import { type BroadcastRow, broadcasts, deliveries } from './schema.ts'

export type BroadcastProgress = {
  pending: number
  sending: number
  sent: number
  failed: number
  skipped: number
}

/** A broadcast's rows, in the literal words of the partial deliveries_broadcast index's WHERE (so SQLite uses it). */
const isBroadcast = sql`${deliveries.kind} = 'broadcast'`

export function createBroadcastsRepository(db: Db) {
  return {
    /** Saves an admin's message as a preview; nothing is queued until confirm(). */
    createPreview(input: { adminChatId: number; html: string; topicSlug: string | null }): BroadcastRow {
      return db.insert(broadcasts).values(input).returning().get()
    },

    /** How many chats a broadcast to everyone (null) or to one topic's followers would reach now. */
    countRecipients(topicSlug: string | null): number {
      return countBroadcastAudience(db, topicSlug)
    },

    get(id: number): BroadcastRow | undefined {
      return db.select().from(broadcasts).where(eq(broadcasts.id, id)).get()
    },

    /**
     * Confirms a preview and queues it for every recipient in one transaction. Returns the number queued, or null
     * when the broadcast is not (or no longer) a preview — a second tap on Confirm queues nothing twice.
     */
    confirm(id: number, progressMessageId: number | null): number | null {
      return db.transaction((tx) => {
        const row = tx
          .update(broadcasts)
          .set({ status: 'confirmed', confirmedAt: Date.now(), progressMessageId })
          .where(and(eq(broadcasts.id, id), eq(broadcasts.status, 'preview')))
          .returning()
          .get()
        if (!row) return null
        return fanOutBroadcast(tx, id, row.topicSlug)
      })
    },

    /**
     * Cancels a preview or a running broadcast; pending messages are skipped. Returns how many were dropped. A
     * running one keeps finished_at empty until its progress message shows the final report (see reportable()).
     */
    cancel(id: number): number | null {
      return db.transaction((tx) => {
        const row = tx
          .update(broadcasts)
          .set({
            status: 'cancelled',
            finishedAt: sql`CASE WHEN ${broadcasts.status} = 'confirmed' THEN NULL ELSE ${Date.now()} END`,
          })
          .where(and(eq(broadcasts.id, id), sql`${broadcasts.status} IN ('preview', 'confirmed')`))
          .returning()
          .get()
        if (!row) return null
        return tx
          .update(deliveries)
          .set({ status: 'skipped', lastError: 'broadcast cancelled' })
          .where(and(isBroadcast, eq(deliveries.refId, id), eq(deliveries.status, 'pending')))
          .run().changes
      })
    },

    /** Every confirmed (running) broadcast, for /broadcast_cancel without an id (which cancels them all). */
    running(): BroadcastRow[] {
      return db.select().from(broadcasts).where(eq(broadcasts.status, 'confirmed')).all()
    },

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

    progress(id: number): BroadcastProgress {
      const counts: BroadcastProgress = { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0 }
      const rows = db
        .select({ status: deliveries.status, n: sql<number>`count(*)` })
        .from(deliveries)
        .where(and(isBroadcast, eq(deliveries.refId, id)))
        .groupBy(deliveries.status)
        .all()
      for (const r of rows) counts[r.status] = r.n
      return counts
    },
  }
}
