import { and, asc, eq, sql } from 'drizzle-orm'
import { alertIndex } from './alert-match.ts'
import { type AlertTerm, toAlertMatch } from './alert-query.ts'
import type { Db } from './client.ts'
import { type AlertRow, alerts, subscriptions } from './schema.ts'

/** Alerts one subscription may keep: enough for a reader's interests, few enough to list on one screen. */
export const ALERTS_PER_CHAT = 20

export type AddAlertOutcome =
  | { kind: 'saved'; alert: AlertRow }
  | { kind: 'limit' }
  | { kind: 'duplicate' }
  | { kind: 'no-subscription' }

export function createAlertsRepository(db: Db) {
  const subscriptionId = (chatId: number, threadId: number) =>
    db
      .select({ id: subscriptions.id })
      .from(subscriptions)
      .where(and(eq(subscriptions.chatId, chatId), eq(subscriptions.threadId, threadId)))
      .get()?.id

  return {
    /**
     * Saves an alert for a subscription (chat, thread): its FTS5 expression and its candidate key are computed
     * here, once. Refused past {@link ALERTS_PER_CHAT} and for a query the subscription already has.
     */
    add(
      target: { chatId: number; threadId: number },
      alert: { query: string; include: AlertTerm[]; exclude: AlertTerm[]; topicId: number | null },
    ): AddAlertOutcome {
      return db.transaction(
        (tx) => {
          const subId = subscriptionId(target.chatId, target.threadId)
          if (subId === undefined) return { kind: 'no-subscription' }
          const existing = tx.select().from(alerts).where(eq(alerts.subscriptionId, subId)).all()
          const matchQuery = toAlertMatch(alert)
          if (existing.some((a) => a.matchQuery === matchQuery && a.topicId === alert.topicId))
            return { kind: 'duplicate' }
          if (existing.length >= ALERTS_PER_CHAT) return { kind: 'limit' }
          const row = tx
            .insert(alerts)
            .values({
              subscriptionId: subId,
              query: alert.query,
              matchQuery,
              topicId: alert.topicId,
              ...alertIndex(tx, alert),
            })
            .returning()
            .get()
          return { kind: 'saved', alert: row }
        },
        { behavior: 'immediate' },
      )
    },

    /** A subscription's alerts, oldest first. */
    list(chatId: number, threadId = 0): AlertRow[] {
      const subId = subscriptionId(chatId, threadId)
      if (subId === undefined) return []
      return db.select().from(alerts).where(eq(alerts.subscriptionId, subId)).orderBy(asc(alerts.id)).all()
    },

    /** Deletes one alert of this subscription (a button of another chat's list cannot). Returns whether it did. */
    delete(alertId: number, chatId: number, threadId = 0): boolean {
      const subId = subscriptionId(chatId, threadId)
      if (subId === undefined) return false
      return (
        db
          .delete(alerts)
          .where(and(eq(alerts.id, alertId), eq(alerts.subscriptionId, subId)))
          .run().changes > 0
      )
    },

    get(id: number): AlertRow | undefined {
      return db.select().from(alerts).where(eq(alerts.id, id)).get()
    },

    count(): number {
      return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM alerts`)?.n ?? 0
    },
  }
}
