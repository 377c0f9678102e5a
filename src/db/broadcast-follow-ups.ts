import { sql } from 'drizzle-orm'
import type { Tx } from './client.ts'
import { nowMs } from './sql-now.ts'

/** Telegram lets a bot edit or delete its messages for 48 hours; a correction or withdrawal goes no further back. */
const FOLLOW_UP_WINDOW_MS = 48 * 3_600_000

/**
 * Queues an edit ('broadcast_edit') or a deletion ('broadcast_delete') of every message a broadcast sent within
 * the last 48 hours (only those of the given editions, when `editions` is given), through the outbox and so at the
 * rate limit. Each row carries the sent message's id and edition. A second correction re-arms the rows of the
 * first instead of adding more; a row on the wire ('sending') is left to finish. Returns how many were queued.
 */
export function queueFollowUps(
  tx: Tx,
  broadcastId: number,
  kind: 'broadcast_edit' | 'broadcast_delete',
  now: number,
  priority: number,
  editions: readonly string[] | null,
): number {
  const onlyEditions = editions
    ? sql`AND d.edition IN (${sql.join(
        editions.map((e) => sql`${e}`),
        sql`, `,
      )})`
    : sql``
  const result = tx.run(sql`
    INSERT INTO deliveries (kind, ref_id, chat_id, thread_id, edition, message_id, status, priority, next_attempt_at,
      created_at, updated_at)
    SELECT ${kind}, d.ref_id, d.chat_id, d.thread_id, d.edition, d.message_id, 'pending', ${priority}, 0, ${nowMs},
      ${nowMs}
    FROM deliveries d
    WHERE d.kind = 'broadcast' AND d.ref_id = ${broadcastId} AND d.status IN ('sent', 'sending')
      AND (d.status = 'sending' OR d.message_id IS NOT NULL)
      AND d.updated_at >= ${now - FOLLOW_UP_WINDOW_MS} ${onlyEditions}
    ORDER BY d.id
    ON CONFLICT (kind, ref_id, chat_id, thread_id) DO UPDATE SET
      status = 'pending', attempts = 0, next_attempt_at = 0, last_error = NULL, updated_at = excluded.updated_at
    WHERE deliveries.status <> 'sending'`)
  return Number(result.changes)
}
