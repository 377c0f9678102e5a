import { sql } from 'drizzle-orm'
import type { Db } from './client.ts'

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
type Runner = Pick<Db, 'run'> | Pick<Tx, 'run'>

/** Milliseconds since the epoch, computed by SQLite, so one statement stamps every row alike. */
const nowMs = sql`CAST(unixepoch('subsec') * 1000 AS INTEGER)`

/**
 * Queues one release for every chat that wants it, as one INSERT … SELECT (a million subscribers never pass
 * through JavaScript). A chat wants it when it is active, takes the release's language (or all languages), and
 * either takes all releases or follows one of the release's topics, and has not had the news item in another
 * language. Then marks the release enqueued.
 * Returns how many deliveries were queued. Idempotent: the (kind, ref, chat) key drops repeats.
 */
export function fanOutRelease(tx: Runner, releaseId: number): number {
  const result = tx.run(sql`
    INSERT INTO deliveries (kind, ref_id, chat_id, status, priority, next_attempt_at, created_at, updated_at)
    SELECT 'release', r.id, c.id, 'pending', 0, 0, ${nowMs}, ${nowMs}
    FROM releases r JOIN chats c
    WHERE r.id = ${releaseId}
      AND c.status = 'active'
      AND (c.languages IS NULL OR r.language IS NULL OR instr(c.languages, ',' || r.language || ',') > 0)
      AND (c.mode = 'all' OR EXISTS (
        SELECT 1 FROM chat_topics ct JOIN release_topics rt ON rt.topic_id = ct.topic_id
        WHERE ct.chat_id = c.id AND rt.release_id = r.id))
      -- One news item once per chat: not when another language edition is queued or sent there already (that
      -- message gains an "Also in" link instead; see linkTranslation).
      AND NOT EXISTS (
        SELECT 1 FROM releases r2 JOIN deliveries d2 ON d2.kind = 'release' AND d2.ref_id = r2.id AND d2.chat_id = c.id
        WHERE r2.translation_key = r.translation_key AND r2.id <> r.id AND d2.status IN ('pending', 'sending', 'sent'))
    ORDER BY c.id
    ON CONFLICT (kind, ref_id, chat_id) DO NOTHING`)
  tx.run(sql`UPDATE releases SET delivery_state = 'enqueued' WHERE id = ${releaseId}`)
  return Number(result.changes)
}

/**
 * Queues an edit of every message already sent for this release (its title or summary changed), in chats that
 * still take pushes. A second correction of the same release re-arms the existing rows instead of adding more.
 * Rows on the wire right now ('sending') are not touched here: when their outcome is recorded with an older
 * revision, the deliveries repository queues the edit then; claimed rows not yet sent are re-rendered by the
 * sender just before the send.
 */
export function enqueueCorrection(
  tx: Runner,
  releaseId: number,
  options: { language?: string | null } = {},
): number {
  // A new language edition (options.language) is news only to the chats that take that language.
  const language = options.language
    ? sql`AND (c.languages IS NULL OR instr(c.languages, ${`,${options.language},`}) > 0)`
    : sql``
  const result = tx.run(sql`
    INSERT INTO deliveries (kind, ref_id, chat_id, status, priority, next_attempt_at, created_at, updated_at)
    SELECT 'correction', d.ref_id, d.chat_id, 'pending', 0, 0, ${nowMs}, ${nowMs}
    FROM deliveries d JOIN chats c ON c.id = d.chat_id
    WHERE d.kind = 'release' AND d.ref_id = ${releaseId} AND d.status = 'sent' AND c.status = 'active' ${language}
    ON CONFLICT (kind, ref_id, chat_id) DO UPDATE SET
      status = 'pending', attempts = 0, next_attempt_at = 0, last_error = NULL, updated_at = excluded.updated_at
    WHERE deliveries.status <> 'sending'`)
  return Number(result.changes)
}

/** Who a broadcast goes to: every active chat, or the active followers of one topic. */
function broadcastAudience(topicSlug: string | null) {
  return topicSlug
    ? sql`AND EXISTS (SELECT 1 FROM chat_topics ct JOIN topics t ON t.id = ct.topic_id
                      WHERE ct.chat_id = c.id AND t.slug = ${topicSlug})`
    : sql``
}

/** How many chats a broadcast would reach now (the preview says so). */
export function countBroadcastAudience(db: Pick<Db, 'get'>, topicSlug: string | null): number {
  return (
    db.get<{ n: number }>(
      sql`SELECT count(*) AS n FROM chats c WHERE c.status = 'active' ${broadcastAudience(topicSlug)}`,
    )?.n ?? 0
  )
}

/** Queues a confirmed broadcast for every active chat, or only the followers of one topic. */
export function fanOutBroadcast(tx: Runner, broadcastId: number, topicSlug: string | null): number {
  const topicFilter = broadcastAudience(topicSlug)
  const result = tx.run(sql`
    INSERT INTO deliveries (kind, ref_id, chat_id, status, priority, next_attempt_at, created_at, updated_at)
    SELECT 'broadcast', ${broadcastId}, c.id, 'pending', 1, 0, ${nowMs}, ${nowMs}
    FROM chats c
    WHERE c.status = 'active' ${topicFilter}
    ORDER BY c.id
    ON CONFLICT (kind, ref_id, chat_id) DO NOTHING`)
  return Number(result.changes)
}
