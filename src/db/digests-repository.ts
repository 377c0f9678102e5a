import { and, eq, sql } from 'drizzle-orm'
import type { Db } from './client.ts'
import { type SubscriptionRow, subscriptions } from './schema.ts'
import { nowMs } from './sql-now.ts'

/** A subscription whose digest is due (or whose collected releases wait after /digest off). */
export type DueDigest = Pick<
  SubscriptionRow,
  'id' | 'chatId' | 'threadId' | 'digest' | 'digestMinute' | 'digestWeekday' | 'digestDueAt' | 'timeZone'
>

/** One line of a digest: a release as it reads now (corrections included), with its alert if one brought it. */
export type DigestEntry = {
  id: number
  title: string
  url: string | null
  at: number
  alert: string | null
}

export type DigestSettings = {
  digest: SubscriptionRow['digest']
  minute: number | null
  weekday: number | null
  timeZone: string
  /** When the next digest is cut (null: none planned). */
  dueAt: number | null
}

export function createDigestsRepository(db: Db) {
  const whereSub = (chatId: number, threadId: number) =>
    and(eq(subscriptions.chatId, chatId), eq(subscriptions.threadId, threadId))

  return {
    /**
     * Sets a subscription's digest schedule and time zone. Turning digests off while releases wait sets the due
     * time to now, so the next check sends what was collected instead of dropping it.
     */
    configure(chatId: number, threadId: number, settings: DigestSettings): void {
      db.update(subscriptions)
        .set({
          digest: settings.digest,
          digestMinute: settings.minute,
          digestWeekday: settings.weekday,
          timeZone: settings.timeZone,
          digestDueAt:
            settings.dueAt ??
            sql`CASE WHEN EXISTS (SELECT 1 FROM digest_items di
                 WHERE di.subscription_id = ${subscriptions.id} AND di.digest_id IS NULL) THEN ${nowMs} END`,
          updatedAt: nowMs,
        })
        .where(whereSub(chatId, threadId))
        .run()
    },

    /** Subscriptions whose digest is due at `now`, oldest due first. */
    due(now: number, limit = 200): DueDigest[] {
      return db.all<DueDigest>(sql`
        SELECT id, chat_id AS chatId, thread_id AS threadId, digest, digest_minute AS digestMinute,
               digest_weekday AS digestWeekday, digest_due_at AS digestDueAt, time_zone AS timeZone
        FROM subscriptions WHERE digest_due_at <= ${now}
        ORDER BY digest_due_at LIMIT ${limit}`)
    },

    /**
     * Cuts the digest of the period ending at `periodEnd`, in one transaction: the collected releases move into
     * it, one 'digest' row is queued in the outbox (none for an empty period), and the next due time is stored.
     * (subscription, period_end) is the digest's unique key, and the due time only moves on in the same
     * transaction, so a restart neither skips nor doubles a digest. Returns the number of releases in it.
     */
    cut(
      sub: Pick<DueDigest, 'id' | 'chatId' | 'threadId'>,
      periodEnd: number,
      nextDueAt: number | null,
    ): number {
      return db.transaction(
        (tx) => {
          tx.run(sql`INSERT INTO digests (subscription_id, period_end) VALUES (${sub.id}, ${periodEnd})
                     ON CONFLICT (subscription_id, period_end) DO NOTHING`)
          const digest = tx.get<{ id: number }>(
            sql`SELECT id FROM digests WHERE subscription_id = ${sub.id} AND period_end = ${periodEnd}`,
          )!
          const items = Number(
            tx.run(sql`UPDATE digest_items SET digest_id = ${digest.id}
                       WHERE subscription_id = ${sub.id} AND digest_id IS NULL`).changes,
          )
          if (items > 0) {
            tx.run(sql`
              INSERT INTO deliveries (kind, ref_id, chat_id, thread_id, status, priority, next_attempt_at, created_at, updated_at)
              VALUES ('digest', ${digest.id}, ${sub.chatId}, ${sub.threadId}, 'pending', 0, 0, ${nowMs}, ${nowMs})
              ON CONFLICT (kind, ref_id, chat_id, thread_id) DO NOTHING`)
          } else {
            tx.run(sql`DELETE FROM digests WHERE id = ${digest.id}`) // nothing to send: no empty digest kept
          }
          tx.run(sql`UPDATE subscriptions SET digest_due_at = ${nextDueAt} WHERE id = ${sub.id}`)
          return items
        },
        { behavior: 'immediate' },
      )
    },

    /**
     * A digest's releases, newest first, as they read now, and which digest it is (a scheduled one, or the list of
     * what quiet hours held). Undefined when the digest no longer exists.
     */
    entries(
      digestId: number,
    ): { entries: DigestEntry[]; settings: DigestSettings; kind: 'scheduled' | 'held' } | undefined {
      const sub = db.get<SubscriptionRow & { digestMinute: number | null; kind: 'scheduled' | 'held' }>(sql`
        SELECT s.digest, s.digest_minute AS digestMinute, s.digest_weekday AS digestWeekday, s.time_zone AS timeZone,
               s.digest_due_at AS digestDueAt, g.kind
        FROM digests g JOIN subscriptions s ON s.id = g.subscription_id WHERE g.id = ${digestId}`)
      if (!sub) return undefined
      const entries = db.all<DigestEntry>(sql`
        SELECT r.id, r.title, r.url, coalesce(r.published_at, r.first_seen_at) AS at, a.query AS alert
        FROM digest_items di JOIN releases r ON r.id = di.release_id LEFT JOIN alerts a ON a.id = di.alert_id
        WHERE di.digest_id = ${digestId}
        ORDER BY at DESC, r.id DESC`)
      return {
        entries,
        kind: sub.kind,
        settings: {
          digest: sub.digest,
          minute: sub.digestMinute,
          weekday: sub.digestWeekday,
          timeZone: sub.timeZone,
          dueAt: sub.digestDueAt,
        },
      }
    },

    /**
     * The digest's messages as rendered when the sender first took it, or undefined when they are not kept yet
     * (or the digest no longer exists).
     */
    keptParts(digestId: number): string[] | undefined {
      const row = db.get<{ parts: string | null }>(sql`SELECT parts FROM digests WHERE id = ${digestId}`)
      return row?.parts ? (JSON.parse(row.parts) as string[]) : undefined
    },

    /**
     * Keeps the digest's rendered messages, once: its parts go out one at a time, and the ones still to send must
     * continue those sent even if a release is corrected or the schedule changes in between.
     */
    keepParts(digestId: number, parts: readonly string[]): void {
      db.run(
        sql`UPDATE digests SET parts = ${JSON.stringify(parts)} WHERE id = ${digestId} AND parts IS NULL`,
      )
    },

    /** Releases collected and waiting for the subscription's next digest. */
    waiting(chatId: number, threadId = 0): number {
      return (
        db.get<{ n: number }>(sql`
          SELECT count(*) AS n FROM digest_items di JOIN subscriptions s ON s.id = di.subscription_id
          WHERE s.chat_id = ${chatId} AND s.thread_id = ${threadId} AND di.digest_id IS NULL`)?.n ?? 0
      )
    },
  }
}
