import type { ClaimedDelivery, DeliveryOutcome } from '../db/deliveries-repository.ts'
import type { Store } from '../db/index.ts'
import type { Moment } from './clock.ts'
import { broadcastContent, type Content, contentKey, renderReleaseFor, resolveContents } from './contents.ts'
import type { ReleaseRenderer } from './messages/release.ts'
import type { RateLimiter } from './rate-limiter.ts'

/** What to do with the next claimed row: hand it to Telegram with this content, or settle it without a request. */
type Step =
  | { kind: 'send'; row: ClaimedDelivery; content: Exclude<Content, { kind: 'gone' }> }
  | { kind: 'settle'; outcome: DeliveryOutcome }

/**
 * The rows the sender claimed in one query (pending -> 'sending'), handed out one at a time, with what they show
 * resolved once per batch (a fan-out batch of 500 rows is usually one release, rendered once).
 */
export function createClaimedBatch(store: Store, renderer: ReleaseRenderer) {
  let rows: ClaimedDelivery[] = []
  let cursor = 0
  let contents = new Map<string, Content>()
  // Chats found blocked or moved during this batch: their other rows in it don't call Telegram again.
  const blocked = new Set<number>()
  const moved = new Set<number>()

  /**
   * The last look before a claimed row goes out (its batch was claimed up to a couple of seconds ago): a /stop, a
   * block or a cancel since then drops it, and a release or broadcast corrected since then is sent as corrected.
   */
  function recheck(row: ClaimedDelivery, content: Content): Content {
    const check = store.deliveries.checkBeforeSend(row.id)
    if (!check.go) return { kind: 'gone', reason: check.reason }
    if (content.kind === 'broadcast') {
      // A broadcast corrected since the claim: its rows in this batch go out with the corrected text.
      if (check.revision === null || check.revision === content.message.revision) return content
      const fresh = broadcastContent(store, row)
      contents.set(contentKey(row), fresh)
      return fresh
    }
    if (content.kind !== 'release' || check.revision === content.rendered.revision) return content
    const fresh = renderReleaseFor(store, renderer, row)
    contents.set(contentKey(row), fresh) // the batch's other rows of this release take the new text too
    return fresh
  }

  function decide(row: ClaimedDelivery, now: Moment, limiter: RateLimiter): Step {
    const content = contents.get(contentKey(row))
    if (!content || content.kind === 'gone') {
      return {
        kind: 'settle',
        outcome: { type: 'skipped', id: row.id, reason: content?.reason ?? 'nothing to send' },
      }
    }
    if (blocked.has(row.chatId))
      return { kind: 'settle', outcome: { type: 'skipped', id: row.id, reason: 'chat blocked' } }
    // Re-read: the row now names the chat's new id.
    if (moved.has(row.chatId)) return { kind: 'settle', outcome: { type: 'requeue', id: row.id, at: null } }
    const readyAt = limiter.chatReadyAt(row.chatId)
    if (readyAt > now.monotonic) {
      // Still inside this chat's interval: back to the queue at its next slot, not holding up everyone else. The
      // slot is on the pacing (monotonic) clock; the queue stores wall-clock times.
      const at = now.wall + Math.ceil(readyAt - now.monotonic)
      return { kind: 'settle', outcome: { type: 'requeue', id: row.id, at } }
    }
    const ready = recheck(row, content)
    if (ready.kind === 'gone')
      return { kind: 'settle', outcome: { type: 'skipped', id: row.id, reason: ready.reason } }
    return { kind: 'send', row, content: ready }
  }

  return {
    /** Claims up to `size` due rows, replacing the spent batch; false when none is due. */
    claim(now: number, size: number): boolean {
      rows = store.deliveries.claimDue(now, size)
      cursor = 0
      blocked.clear()
      moved.clear()
      if (rows.length === 0) return false
      contents = resolveContents(store, renderer, rows)
      return true
    },

    /** Every row of the batch was handed out. */
    spent(): boolean {
      return cursor >= rows.length
    },

    /**
     * The next row and what to do with it now: send it, or settle it because it is gone (/stop, block, cancel,
     * deleted), its chat blocked or moved in this batch, or its chat still inside its interval.
     */
    next(now: Moment, limiter: RateLimiter): Step | undefined {
      const row = rows[cursor++]
      return row && decide(row, now, limiter)
    },

    /** Telegram refused this chat: its other rows in the batch are skipped. */
    chatBlocked(chatId: number): void {
      blocked.add(chatId)
    },

    /** This chat moved to a new id: its other rows in the batch go back to the queue to be read again. */
    chatMoved(chatId: number): void {
      moved.add(chatId)
    },

    /** Empties the batch (the sender stops): its rows not handed out yet go back to pending, never sent. */
    giveBack(): DeliveryOutcome[] {
      const unsent = rows
        .slice(cursor)
        .map((row): DeliveryOutcome => ({ type: 'requeue', id: row.id, at: null }))
      rows = []
      cursor = 0
      return unsent
    },
  }
}
