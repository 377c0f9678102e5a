import { and, asc, eq, sql } from 'drizzle-orm'
import { toMatchExpression } from '../search/match.ts'
import { parseQuery, type QueryTerm } from '../search/query.ts'
import { alertIndex } from './alert-match.ts'
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
      alert: {
        query: string
        include: QueryTerm[]
        exclude: QueryTerm[]
        topicId: number | null
        /** The chat's language: how its Latin words are analysed (see src/search/analysis.ts). */
        language?: string | null
      },
    ): AddAlertOutcome {
      return db.transaction(
        (tx) => {
          const subId = subscriptionId(target.chatId, target.threadId)
          if (subId === undefined) return { kind: 'no-subscription' }
          const existing = tx.select().from(alerts).where(eq(alerts.subscriptionId, subId)).all()
          const matchQuery = toMatchExpression(alert, alert.language ?? undefined) ?? ''
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
              ...alertIndex(tx, alert, alert.language ?? undefined),
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

    /**
     * Files again, with today's analysis, the alerts a migration marked 'stale' (migration 0014 did, when search
     * learnt word forms): their query as typed is parsed again, their MATCH expression and key recomputed in the
     * language of their chat. Returns how many it filed. An alert whose query no longer parses is left stale (it
     * matches nothing) and counted in `unparsable`, for the log.
     */
    refileStale(): { refiled: number; unparsable: number } {
      return db.transaction(
        (tx) => {
          const stale = tx.all<{ id: number; query: string; locale: string | null }>(sql`
            SELECT a.id, a.query, c.locale FROM alerts a
            JOIN subscriptions s ON s.id = a.subscription_id JOIN chats c ON c.id = s.chat_id
            WHERE a.key = 'stale'`)
          let unparsable = 0
          for (const row of stale) {
            const parsed = parseQuery(row.query, 'alert')
            const matchQuery = parsed.ok ? toMatchExpression(parsed.request, row.locale ?? undefined) : null
            if (!parsed.ok || !matchQuery) {
              unparsable++
              continue
            }
            const index = alertIndex(tx, parsed.request, row.locale ?? undefined)
            tx.update(alerts)
              .set({ matchQuery, key: index.key, terms: null })
              .where(eq(alerts.id, row.id))
              .run()
          }
          return { refiled: stale.length - unparsable, unparsable }
        },
        { behavior: 'immediate' },
      )
    },

    count(): number {
      return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM alerts`)?.n ?? 0
    },
  }
}
