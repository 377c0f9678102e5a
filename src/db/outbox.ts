import { type SQL, sql } from 'drizzle-orm'
import { matchAlerts } from './alert-match.ts'
import type { Runner } from './client.ts'
import { nowMs } from './sql-now.ts'

/**
 * Queues one release for every subscription that wants it, in the transaction that stores it, as INSERT … SELECT
 * (a million subscribers never pass through JavaScript). A subscription wants it when it and its chat are active,
 * it takes the release's language (or all languages), it has not muted the release's source, and it takes all
 * releases, follows one of the release's topics or its source, or has an alert that matches it (matched first, see alert-match.ts; the push names the alert). A
 * subscription on a digest collects the release into digest_items instead of a delivery. One news item reaches a
 * subscription once: not when another language edition of it is queued, sent or collected there already (that
 * message gains an "Also in" link instead; see linkTranslation). Then marks the release enqueued. Returns how many
 * deliveries and digest items were queued. Idempotent: the unique keys drop repeats.
 */
export function fanOutRelease(tx: Runner, releaseId: number): number {
  const matches = matchAlerts(tx, releaseId)
  // What every pass asks of a subscription besides how it came to want the release.
  const takes = sql`
    s.status = 'active' AND c.status = 'active'
      AND (s.languages IS NULL OR r.language IS NULL OR instr(s.languages, ',' || r.language || ',') > 0)
      AND (r.translation_key IS NULL OR NOT EXISTS (
        -- From the (few) other editions to their row for this subscription, by the whole unique key; CROSS JOIN
        -- keeps that order (the other way round walks every release delivery for each subscription).
        SELECT 1 FROM releases r2 CROSS JOIN deliveries d2
          ON d2.kind = 'release' AND d2.ref_id = r2.id AND d2.chat_id = s.chat_id AND d2.thread_id = s.thread_id
        WHERE r2.translation_key = r.translation_key AND r2.id <> r.id AND d2.status IN ('pending', 'sending', 'sent')))
      AND (r.translation_key IS NULL OR NOT EXISTS (
        SELECT 1 FROM releases r3 JOIN digest_items di ON di.release_id = r3.id
        WHERE r3.translation_key = r.translation_key AND r3.id <> r.id AND di.subscription_id = s.id))
      -- A muted source stays out in every mode: one probe of subscription_sources' primary key.
      AND NOT EXISTS (SELECT 1 FROM subscription_sources ss
        WHERE ss.subscription_id = s.id AND ss.feed_id = r.feed_id AND ss.state = 'mute')`
  // "Only what I follow": one of the release's topics, or its source (both probes by primary key).
  const follows = sql`(EXISTS (
        SELECT 1 FROM subscription_topics st JOIN release_topics rt ON rt.topic_id = st.topic_id
        WHERE st.subscription_id = s.id AND rt.release_id = r.id)
      OR EXISTS (SELECT 1 FROM subscription_sources ss
        WHERE ss.subscription_id = s.id AND ss.feed_id = r.feed_id AND ss.state = 'follow'))`
  const insertPush = sql`
    INSERT INTO deliveries (kind, ref_id, chat_id, thread_id, alert_id, status, priority, next_attempt_at, created_at, updated_at)`
  const values = (alertId: SQL) =>
    sql`SELECT 'release', r.id, s.chat_id, s.thread_id, ${alertId}, 'pending', 0, 0, ${nowMs}, ${nowMs}`
  // First the (few) subscriptions an alert matched, from the matches: their push names the alert.
  const alerted = tx.run(sql`${insertPush}
    ${values(sql`m.alert_id`)}
    FROM ${matches.table} m
    -- CROSS JOIN keeps this order (SQLite does not reorder it): from the matches, never from every chat.
    CROSS JOIN subscriptions s ON s.id = m.subscription_id
    CROSS JOIN chats c ON c.id = s.chat_id
    JOIN releases r ON r.id = ${releaseId}
    WHERE ${takes} AND s.digest = 'off'
    ON CONFLICT (kind, ref_id, chat_id, thread_id) DO NOTHING`)
  // Then everyone who takes all releases or follows a topic of it, walking active chats by id and their
  // subscriptions by the covering subscriptions_fan_out index (no row of subscriptions read, no sort of a million
  // rows). A subscription queued just above through an alert is a conflict here, dropped.
  const pushed = tx.run(sql`${insertPush}
    ${values(sql`NULL`)}
    FROM subscriptions s
    JOIN chats c ON c.id = s.chat_id
    JOIN releases r ON r.id = ${releaseId}
    WHERE ${takes} AND s.digest = 'off' AND (s.mode = 'all' OR ${follows})
    ORDER BY c.id, s.thread_id
    ON CONFLICT (kind, ref_id, chat_id, thread_id) DO NOTHING`)
  // The digest pass starts from the (few) subscriptions on a digest, by their partial index, instead of walking
  // every chat a second time.
  const collected = tx.run(sql`
    INSERT INTO digest_items (subscription_id, release_id, alert_id)
    SELECT s.id, r.id, m.alert_id
    FROM subscriptions s INDEXED BY subscriptions_on_digest
    JOIN chats c ON c.id = s.chat_id
    JOIN releases r ON r.id = ${releaseId}
    LEFT JOIN ${matches.table} m ON m.subscription_id = s.id
    WHERE ${takes} AND s.digest <> 'off' AND (s.mode = 'all' OR m.alert_id IS NOT NULL OR ${follows})
    ON CONFLICT (subscription_id, release_id) DO NOTHING`)
  tx.run(sql`UPDATE releases SET delivery_state = 'enqueued' WHERE id = ${releaseId}`)
  return Number(alerted.changes) + Number(pushed.changes) + Number(collected.changes)
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
  options: { language?: string | null; notice?: boolean } = {},
): number {
  // A new language edition (options.language) is news only to the chats that take that language.
  const language = options.language
    ? sql`AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.chat_id = d.chat_id AND s.thread_id = d.thread_id
        AND (s.languages IS NULL OR instr(s.languages, ${`,${options.language},`}) > 0))`
    : sql``
  const result = tx.run(sql`
    INSERT INTO deliveries (kind, ref_id, chat_id, thread_id, status, priority, next_attempt_at, created_at, updated_at)
    SELECT 'correction', d.ref_id, d.chat_id, d.thread_id, 'pending', 0, 0, ${nowMs}, ${nowMs}
    FROM deliveries d JOIN chats c ON c.id = d.chat_id
    WHERE d.kind = 'release' AND d.ref_id = ${releaseId} AND d.status = 'sent' AND c.status = 'active' ${language}
    ON CONFLICT (kind, ref_id, chat_id, thread_id) DO UPDATE SET
      status = 'pending', attempts = 0, next_attempt_at = 0, last_error = NULL, updated_at = excluded.updated_at
    WHERE deliveries.status <> 'sending'`)
  if (options.notice) enqueueUpdateNotice(tx, releaseId)
  return Number(result.changes)
}

/**
 * Queues the short "Updated" reply to every push of this release that went out, in chats that still take pushes
 * and keep update_notices on (a substantial correction: see util/substantial-change.ts). Another substantial
 * correction later re-arms the row: readers are told once per such change.
 */
function enqueueUpdateNotice(tx: Runner, releaseId: number): void {
  tx.run(sql`
    INSERT INTO deliveries (kind, ref_id, chat_id, thread_id, status, priority, next_attempt_at, created_at, updated_at)
    SELECT 'update_notice', d.ref_id, d.chat_id, d.thread_id, 'pending', 0, 0, ${nowMs}, ${nowMs}
    FROM deliveries d JOIN chats c ON c.id = d.chat_id
    JOIN subscriptions s ON s.chat_id = d.chat_id AND s.thread_id = d.thread_id
    WHERE d.kind = 'release' AND d.ref_id = ${releaseId} AND d.status = 'sent' AND c.status = 'active'
      AND s.status = 'active' AND s.update_notices = 1
    ON CONFLICT (kind, ref_id, chat_id, thread_id) DO UPDATE SET
      status = 'pending', attempts = 0, next_attempt_at = 0, last_error = NULL, updated_at = excluded.updated_at
    WHERE deliveries.status <> 'sending'`)
}
