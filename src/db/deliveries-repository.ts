import type { Db } from './client.ts'
import type { DeliveryRow } from './schema.ts'

/** A row the sender has claimed ('sending'): what to send, to whom. */
export type ClaimedDelivery = Pick<
  DeliveryRow,
  | 'id'
  | 'kind'
  | 'refId'
  | 'chatId'
  | 'threadId'
  | 'alertId'
  | 'attempts'
  | 'priority'
  | 'partsSent'
  | 'edition'
  | 'messageId'
> & {
  /** The chat's language (chats.locale) at claim time, for the furniture around a release. */
  locale: string | null
  /** For a push or an "Updated" reply to a subscription that is not 'normal': its sound as JSON (quiet-hours.ts). */
  sound?: string | null
}

/** The end of one send attempt, applied in bulk by the repository's applyOutcomes. */
export type DeliveryOutcome =
  | { type: 'sent'; id: number; messageId: number | null; revision?: number | null }
  /** One part of a digest went out and more follow: back to pending, to resume after the first `partsSent`. */
  | { type: 'part-sent'; id: number; partsSent: number }
  /** Try again at `at`; counts as a failed attempt. */
  | { type: 'retry'; id: number; at: number; error: string }
  | { type: 'failed'; id: number; error: string }
  /** Telegram is down (the sender backs off): back to pending in its place, no attempt counted, the error noted. */
  | { type: 'held'; id: number; error: string }
  | { type: 'skipped'; id: number; reason: string }
  /** Back to pending without counting an attempt (429 pause, per-chat pacing, shutdown). */
  | { type: 'requeue'; id: number; at: number | null }
  /**
   * A push held by quiet hours until `until`: the chat's first `oneByOne` of that night wait on their own (as a
   * requeue); later ones are settled as 'skipped' and go into that morning's list (a 'held' digest sent at `until`).
   */
  | { type: 'hold'; id: number; until: number; oneByOne: number }

/**
 * What the sender learns just before it hands a claimed row to Telegram: go ahead (with the release's current
 * revision, or the broadcast's last correction time, so a correction recorded since the claim is sent as the new
 * text), or drop the row and why.
 */
export type SendCheck = { go: true; revision: number | null } | { go: false; reason: string }

export type DeliveryStats = {
  queued: number
  /** Sent in the last minute: the send rate as another process (the CLI) can see it. */
  sentLastMinute: number
  sentLastHour: number
  failedLastHour: number
  blockedChats: number
}

const HOUR_MS = 3_600_000

/**
 * The outbox queue, on raw prepared statements: the sender runs these thousands of times a second, and
 * better-sqlite3's prepared statements cost a few microseconds where a query builder costs tens.
 * Every transition out of 'sending' is guarded by `status = 'sending'`, so a row that something else settled
 * meanwhile (a cancelled broadcast, a merged chat) is never overwritten.
 */
/** The WHERE term of the partial deliveries_settled index, repeated word for word so SQLite uses that index. */
const SETTLED = "status IN ('sent', 'failed', 'skipped')"

export function createDeliveriesRepository(db: Db) {
  const sqlite = db.$client
  // Fresh rows all have next_attempt_at = 0, so for one priority the (status, priority, next_attempt_at, id) index
  // yields them in id order and LIMIT stops the scan early: claiming from a million queued rows costs the same as
  // from ten. Rows waiting for a retry (next_attempt_at > 0) are few; they are sorted and merged in. The schema
  // knows three priorities (-1 urgent broadcasts, 0 releases, 1 broadcasts), spelled out so every branch is an
  // index equality.
  const branch = (priority: number) => `
        SELECT id, priority FROM (
          SELECT id, priority FROM deliveries
          WHERE status = 'pending' AND priority = ${priority} AND next_attempt_at = 0 ORDER BY id LIMIT @limit)
        UNION ALL
        SELECT id, priority FROM (
          SELECT id, priority FROM deliveries
          WHERE status = 'pending' AND priority = ${priority} AND next_attempt_at BETWEEN 1 AND @now
          ORDER BY id LIMIT @limit)`
  const claim = sqlite.prepare<{ now: number; limit: number }, ClaimedDelivery>(`
    UPDATE deliveries SET status = 'sending', updated_at = @now
    WHERE id IN (
      SELECT id FROM (${branch(-1)} UNION ALL ${branch(0)} UNION ALL ${branch(1)}) ORDER BY priority, id LIMIT @limit)
    RETURNING id, kind, ref_id AS refId, chat_id AS chatId, thread_id AS threadId, alert_id AS alertId, attempts,
      priority, parts_sent AS partsSent, edition, message_id AS messageId,
      (SELECT locale FROM chats WHERE chats.id = deliveries.chat_id) AS locale,
      -- How a push sounds there (src/delivery/quiet-hours.ts); null for a normal one, so most rows carry nothing.
      CASE WHEN kind IN ('release', 'update_notice') THEN (SELECT json_array(s.sound, s.quiet_start, s.quiet_end, s.time_zone, s.alerts_ring)
        FROM subscriptions s WHERE s.chat_id = deliveries.chat_id AND s.thread_id = deliveries.thread_id
          AND s.sound <> 'normal') END AS sound`)
  const sent = sqlite.prepare(`
    UPDATE deliveries SET status = 'sent', message_id = @messageId, revision = coalesce(@revision, revision),
      last_error = NULL, updated_at = @now
    WHERE id = @id AND status = 'sending'`)
  // Each part has the full number of attempts: the failures of the ones before do not count against it.
  const partSent = sqlite.prepare(`
    UPDATE deliveries SET status = 'pending', parts_sent = @partsSent, attempts = 0, last_error = NULL,
      updated_at = @now
    WHERE id = @id AND status = 'sending'`)
  const retry = sqlite.prepare(`
    UPDATE deliveries SET status = 'pending', attempts = attempts + 1, next_attempt_at = @at, last_error = @error,
      updated_at = @now
    WHERE id = @id AND status = 'sending'`)
  const failed = sqlite.prepare(`
    UPDATE deliveries SET status = 'failed', attempts = attempts + 1, last_error = @error, updated_at = @now
    WHERE id = @id AND status = 'sending'`)
  const held = sqlite.prepare(`
    UPDATE deliveries SET status = 'pending', last_error = @error, updated_at = @now
    WHERE id = @id AND status = 'sending'`)
  // Quiet hours (migration 0022): the hold is counted by the chat's key for that night, never by counting the outbox.
  const countHold = sqlite.prepare<{ id: number; until: number }, { held: number }>(`
    INSERT INTO quiet_holds (chat_id, thread_id, until, held)
    SELECT chat_id, thread_id, @until, 1 FROM deliveries WHERE id = @id AND status = 'sending'
    ON CONFLICT (chat_id, thread_id, until) DO UPDATE SET held = held + 1
    RETURNING held`)
  const heldList = sqlite.prepare(`
    INSERT INTO digests (subscription_id, period_end, kind)
    SELECT s.id, @until, 'held' FROM deliveries d
    JOIN subscriptions s ON s.chat_id = d.chat_id AND s.thread_id = d.thread_id
    WHERE d.id = @id
    ON CONFLICT (subscription_id, period_end) DO NOTHING`)
  const intoHeldList = sqlite.prepare(`
    INSERT INTO digest_items (subscription_id, release_id, alert_id, digest_id)
    SELECT g.subscription_id, d.ref_id, d.alert_id, g.id FROM deliveries d
    JOIN subscriptions s ON s.chat_id = d.chat_id AND s.thread_id = d.thread_id
    JOIN digests g ON g.subscription_id = s.id AND g.period_end = @until AND g.kind = 'held'
    WHERE d.id = @id
    ON CONFLICT (subscription_id, release_id) DO NOTHING`)
  const queueHeldList = sqlite.prepare(`
    INSERT INTO deliveries (kind, ref_id, chat_id, thread_id, status, priority, next_attempt_at, created_at, updated_at)
    SELECT 'digest', g.id, d.chat_id, d.thread_id, 'pending', 0, @until, @now, @now FROM deliveries d
    JOIN subscriptions s ON s.chat_id = d.chat_id AND s.thread_id = d.thread_id
    JOIN digests g ON g.subscription_id = s.id AND g.period_end = @until AND g.kind = 'held'
    WHERE d.id = @id
    ON CONFLICT (kind, ref_id, chat_id, thread_id) DO NOTHING`)
  const pruneHolds = sqlite.prepare<[number]>('DELETE FROM quiet_holds WHERE until < ?')
  const skipped = sqlite.prepare(`
    UPDATE deliveries SET status = 'skipped', last_error = @reason, updated_at = @now
    WHERE id = @id AND status = 'sending'`)
  const requeue = sqlite.prepare(`
    UPDATE deliveries SET status = 'pending', next_attempt_at = coalesce(@at, next_attempt_at), updated_at = @now
    WHERE id = @id AND status = 'sending'`)
  // A message went out showing an older revision than the release has now (it was rendered, or on the wire, when
  // the correction was recorded): queue an edit, or re-arm the correction row that just finished. A row another
  // claim holds ('sending') is left alone; its own outcome comes back through here.
  const correctIfStale = sqlite.prepare(`
    INSERT INTO deliveries (kind, ref_id, chat_id, thread_id, status, priority, next_attempt_at, created_at, updated_at)
    SELECT 'correction', d.ref_id, d.chat_id, d.thread_id, 'pending', 0, 0, @now, @now
    FROM deliveries d
    JOIN releases r ON r.id = d.ref_id
    JOIN chats c ON c.id = d.chat_id
    WHERE d.id = @id AND d.kind IN ('release', 'correction') AND d.status = 'sent' AND d.message_id IS NOT NULL
      AND d.revision < r.revision AND c.status = 'active'
    ON CONFLICT (kind, ref_id, chat_id, thread_id) DO UPDATE SET
      status = 'pending', attempts = 0, next_attempt_at = 0, last_error = NULL, updated_at = excluded.updated_at
    WHERE deliveries.status <> 'sending'`)
  const sendState = sqlite.prepare<
    [number],
    {
      status: string
      chatStatus: string | null
      blockedReason: string | null
      subscriptionStatus: string | null
      pausedReason: string | null
      broadcastStatus: string | null
      revision: number | null
      kind: string
    }
  >(`
    SELECT d.status, d.kind, c.status AS chatStatus, c.blocked_reason AS blockedReason,
      s.status AS subscriptionStatus, s.paused_reason AS pausedReason, b.status AS broadcastStatus,
      CASE WHEN d.kind = 'digest' THEN (SELECT 0 FROM digests g WHERE g.id = d.ref_id)
        WHEN d.kind IN ('broadcast', 'broadcast_edit', 'broadcast_delete') THEN coalesce(b.corrected_at, 0)
        ELSE r.revision END AS revision
    FROM deliveries d
    LEFT JOIN chats c ON c.id = d.chat_id
    LEFT JOIN subscriptions s ON s.chat_id = d.chat_id AND s.thread_id = d.thread_id
    LEFT JOIN broadcasts b ON d.kind IN ('broadcast', 'broadcast_edit', 'broadcast_delete') AND b.id = d.ref_id
    LEFT JOIN releases r ON d.kind IN ('release', 'correction', 'update_notice') AND r.id = d.ref_id
    WHERE d.id = ?`)
  // Per priority (the IN list) so the queue index finds just the rows scheduled after now.
  const moveBack = sqlite.prepare(`
    UPDATE deliveries SET next_attempt_at = max(1, next_attempt_at - @by)
    WHERE status = 'pending' AND priority IN (0, 1) AND next_attempt_at > @now`)
  const requeueAll = sqlite.prepare(`UPDATE deliveries SET status = 'pending' WHERE status = 'sending'`)
  // min() per priority lets SQLite read one index entry each instead of scanning every pending row.
  const nextDue = sqlite.prepare<[], { at: number | null }>(`
    SELECT min(at) AS at FROM (
      SELECT min(next_attempt_at) AS at FROM deliveries WHERE status = 'pending' AND priority = -1
      UNION ALL SELECT min(next_attempt_at) FROM deliveries WHERE status = 'pending' AND priority = 0
      UNION ALL SELECT min(next_attempt_at) FROM deliveries WHERE status = 'pending' AND priority = 1)`)
  const sentRelease = sqlite.prepare<[number, number, number], { messageId: number | null; sentAt: number }>(`
    SELECT message_id AS messageId, updated_at AS sentAt FROM deliveries
    WHERE kind = 'release' AND ref_id = ? AND chat_id = ? AND thread_id = ? AND status = 'sent'`)
  const sentBroadcast = sqlite.prepare<
    [number, number, number],
    { messageId: number | null; revision: number | null }
  >(`
    SELECT message_id AS messageId, revision FROM deliveries
    WHERE kind = 'broadcast' AND ref_id = ? AND chat_id = ? AND thread_id = ? AND status = 'sent'`)
  const countQueued = sqlite.prepare<[], { n: number }>(
    `SELECT count(*) AS n FROM deliveries WHERE status IN ('pending', 'sending')`,
  )
  const countSince = sqlite.prepare<[string, number], { n: number }>(
    `SELECT count(*) AS n FROM deliveries WHERE status = ? AND ${SETTLED} AND updated_at >= ?`,
  )
  // The deliveries_settled index finds the oldest settled rows without reading the rest of the table.
  const pruneBatch = sqlite.prepare<[string, number, number]>(`
    DELETE FROM deliveries WHERE id IN (
      SELECT id FROM deliveries WHERE status = ? AND ${SETTLED} AND updated_at < ? ORDER BY updated_at LIMIT ?)`)
  const countBlocked = sqlite.prepare<[], { n: number }>(
    `SELECT count(*) AS n FROM chats WHERE status = 'blocked'`,
  )

  function apply(outcome: DeliveryOutcome, now: number): void {
    switch (outcome.type) {
      case 'sent':
        sent.run({ id: outcome.id, messageId: outcome.messageId, revision: outcome.revision ?? null, now })
        if (outcome.revision != null) correctIfStale.run({ id: outcome.id, now })
        return
      case 'part-sent':
        partSent.run({ id: outcome.id, partsSent: outcome.partsSent, now })
        return
      case 'retry':
        retry.run({ id: outcome.id, at: outcome.at, error: outcome.error, now })
        return
      case 'failed':
        failed.run({ id: outcome.id, error: outcome.error, now })
        return
      case 'held':
        held.run({ id: outcome.id, error: outcome.error, now })
        return
      case 'skipped':
        skipped.run({ id: outcome.id, reason: outcome.reason, now })
        return
      case 'requeue':
        requeue.run({ id: outcome.id, at: outcome.at, now })
        return
      case 'hold':
        hold(outcome, now)
        return
    }
  }

  /**
   * One held push: counted for its chat's night, then either back to pending until the quiet hours end or, past the
   * first `oneByOne`, into that morning's list. The list is one 'held' digest per subscription and night, queued
   * once, due at `until` and claimed after the pushes held one by one (a later id, the same priority). A release
   * the list cannot take (the subscription gone, or already in one of its digests) waits on its own instead: a
   * push is never dropped for the list's sake.
   */
  function hold(outcome: Extract<DeliveryOutcome, { type: 'hold' }>, now: number): void {
    const { id, until } = outcome
    const counted = countHold.get({ id, until })
    if (counted !== undefined && counted.held > outcome.oneByOne) {
      heldList.run({ id, until })
      if (intoHeldList.run({ id, until }).changes > 0) {
        queueHeldList.run({ id, until, now })
        skipped.run({ id, reason: 'held for quiet hours: in the list sent when they end', now })
        return
      }
    }
    requeue.run({ id, at: until, now })
  }
  const applyAll = sqlite.transaction((outcomes: readonly DeliveryOutcome[], now: number) => {
    for (const outcome of outcomes) apply(outcome, now)
  })

  return {
    /**
     * Atomically moves up to `limit` due pending rows to 'sending' and returns them, urgent broadcasts (priority
     * -1) before releases (0) before other broadcasts (1), then oldest first. One UPDATE … RETURNING: two senders could never claim the same row.
     */
    claimDue(now: number, limit: number): ClaimedDelivery[] {
      const rows = claim.all({ now, limit })
      // RETURNING gives no order guarantee.
      return rows.sort((a, b) => a.priority - b.priority || a.id - b.id)
    },

    /** Applies many outcomes in one transaction (one fsync instead of hundreds). */
    applyOutcomes(outcomes: readonly DeliveryOutcome[], now: number = Date.now()): void {
      if (outcomes.length > 0) applyAll(outcomes, now)
    },

    /**
     * At start: rows left 'sending' by a crash go back to pending, keeping their place. This is the only window
     * in which a message can be sent twice (it may have reached Telegram before the crash).
     */
    requeueInFlight(): number {
      return requeueAll.run().changes
    },

    /**
     * Looks again at a claimed row right before it is sent: a /stop, a block, a paused forum topic or a cancelled
     * broadcast drops it. This is how a chat's queue is dropped (unsubscribe, markBlocked and pauseThread leave the
     * queued rows to it, migration 0013); the reason for a cancel matches what cancel writes on pending rows.
     */
    checkBeforeSend(id: number): SendCheck {
      const row = sendState.get(id)
      if (row?.status !== 'sending') return { go: false, reason: 'no longer queued' }
      // A sent broadcast is corrected or withdrawn in a chat that /stopped since: the message is still there.
      const followUp = row.kind === 'broadcast_edit' || row.kind === 'broadcast_delete'
      if (row.chatStatus === 'stopped' && !followUp) return { go: false, reason: 'chat unsubscribed' }
      if (row.chatStatus === 'blocked')
        return { go: false, reason: `chat blocked: ${row.blockedReason ?? 'unknown'}` }
      if (row.chatStatus === null) return { go: false, reason: 'chat no longer exists' }
      if (followUp) {
        if (row.broadcastStatus === null) return { go: false, reason: 'broadcast no longer exists' }
        return { go: true, revision: row.revision }
      }
      // A broadcast goes to the chat; what a subscription receives stops with the subscription.
      if (row.kind !== 'broadcast' && row.subscriptionStatus === 'stopped')
        return { go: false, reason: 'chat unsubscribed' }
      if (row.kind !== 'broadcast' && row.subscriptionStatus === 'paused')
        return { go: false, reason: `topic paused: ${row.pausedReason ?? 'unknown'}` }
      if (row.kind === 'broadcast') {
        if (row.broadcastStatus === 'cancelled') return { go: false, reason: 'broadcast cancelled' }
        if (row.broadcastStatus === null) return { go: false, reason: 'broadcast no longer exists' }
        // When it was last corrected: a row claimed before that is sent with the corrected text.
        return { go: true, revision: row.revision }
      }
      if (row.revision === null)
        return { go: false, reason: `${row.kind === 'digest' ? 'digest' : 'release'} no longer exists` }
      if (row.kind === 'digest') return { go: true, revision: null }
      return { go: true, revision: row.revision }
    },

    /**
     * The wall clock stepped back by `byMs`: rows scheduled for later (retries, chats' next slots, stored on the old
     * clock) are moved back with it, so they wait what they were meant to and not the step as well. Returns how
     * many moved.
     */
    moveScheduledBack(byMs: number, now: number): number {
      return moveBack.run({ by: byMs, now }).changes
    },

    /** When the earliest pending row becomes due (ms epoch; ≤ now means now), or null when nothing is pending. */
    nextDueAt(): number | null {
      return nextDue.get()?.at ?? null
    },

    /** For a correction: the message that was sent for this release to this chat (or forum topic), and when. */
    sentReleaseMessage(
      releaseId: number,
      chatId: number,
      threadId = 0,
    ): { messageId: number; sentAt: number } | undefined {
      const row = sentRelease.get(releaseId, chatId, threadId)
      return row && row.messageId !== null ? { messageId: row.messageId, sentAt: row.sentAt } : undefined
    },

    /**
     * The message a broadcast sent to this chat (or forum topic) and the correction it showed (the broadcast's
     * corrected_at then, 0 before any), for an edit or deletion queued while it was on the wire.
     */
    sentBroadcastMessage(
      broadcastId: number,
      chatId: number,
      threadId = 0,
    ): { messageId: number; revision: number } | undefined {
      const row = sentBroadcast.get(broadcastId, chatId, threadId)
      return row?.messageId == null ? undefined : { messageId: row.messageId, revision: row.revision ?? 0 }
    },

    /**
     * Deletes up to `limit` rows settled as `status` before `before` (ms epoch), oldest first, in one short
     * transaction; returns how many went. The running totals are untouched (nothing decrements them).
     */
    pruneSettled(status: 'sent' | 'failed' | 'skipped', before: number, limit: number): number {
      return pruneBatch.run(status, before, limit).changes
    },

    /** Forgets the quiet-hours counts of nights that ended before `before` (their pushes are long counted). */
    pruneQuietHolds(before: number): number {
      return pruneHolds.run(before).changes
    },

    /** For /stats. The hour counts scan the settled rows of the last hour's timestamps. */
    stats(now: number = Date.now()): DeliveryStats {
      return {
        queued: countQueued.get()?.n ?? 0,
        sentLastMinute: countSince.get('sent', now - 60_000)?.n ?? 0,
        sentLastHour: countSince.get('sent', now - HOUR_MS)?.n ?? 0,
        failedLastHour: countSince.get('failed', now - HOUR_MS)?.n ?? 0,
        blockedChats: countBlocked.get()?.n ?? 0,
      }
    },
  }
}
