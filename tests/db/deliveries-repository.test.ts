import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestStore, seedChats, type TestStore } from '../support/test-store.ts'

let store: TestStore

beforeEach(() => {
  store = openTestStore(':memory:')
})
afterEach(() => store.close())

function insert(kind: string, refId: number, chatId: number, priority: number, nextAttemptAt = 0): number {
  return Number(
    store.db.$client
      .prepare(
        'INSERT INTO deliveries (kind, ref_id, chat_id, priority, next_attempt_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(kind, refId, chatId, priority, nextAttemptAt).lastInsertRowid,
  )
}

describe('deliveries repository', () => {
  it('claims due rows releases first, then oldest first, and marks them sending', () => {
    seedChats(store, 10)
    const b1 = insert('broadcast', 1, 1, 1)
    const r1 = insert('release', 1, 1, 0)
    const r2 = insert('release', 1, 2, 0, 1_000) // a retry, due at 1000
    const r3 = insert('release', 1, 3, 0)
    insert('release', 1, 4, 0, 9_000) // not due yet
    const claimed = store.deliveries.claimDue(5_000, 10)
    expect(claimed.map((r) => r.id)).toEqual([r1, r2, r3, b1])
    expect(store.deliveries.claimDue(5_000, 10)).toEqual([]) // already 'sending'
    expect(store.deliveries.nextDueAt()).toBe(9_000)
    expect(store.deliveries.claimDue(9_000, 1)).toHaveLength(1)
    expect(store.deliveries.nextDueAt()).toBeNull()
  })

  it('respects the limit and settles rows through every transition', () => {
    seedChats(store, 5)
    for (let chat = 1; chat <= 5; chat++) insert('release', 1, chat, 0)
    const [a, b, c, d, e] = store.deliveries.claimDue(0, 5)
    store.deliveries.applyOutcomes([
      { type: 'sent', id: a!.id, messageId: 11, revision: 2 },
      { type: 'retry', id: b!.id, at: 7_000, error: 'Bad Gateway' },
      { type: 'failed', id: c!.id, error: 'Internal Server Error' },
      { type: 'skipped', id: d!.id, reason: 'chat blocked' },
      { type: 'requeue', id: e!.id, at: null },
    ])
    const rows = store.db.$client
      .prepare(
        'SELECT status, attempts, next_attempt_at AS at, message_id AS m, revision, last_error AS err FROM deliveries ORDER BY id',
      )
      .all()
    expect(rows).toEqual([
      { status: 'sent', attempts: 0, at: 0, m: 11, revision: 2, err: null },
      { status: 'pending', attempts: 1, at: 7_000, m: null, revision: null, err: 'Bad Gateway' },
      { status: 'failed', attempts: 1, at: 0, m: null, revision: null, err: 'Internal Server Error' },
      { status: 'skipped', attempts: 0, at: 0, m: null, revision: null, err: 'chat blocked' },
      { status: 'pending', attempts: 0, at: 0, m: null, revision: null, err: null },
    ])
    expect(store.deliveries.sentReleaseMessage(1, 1)).toMatchObject({ messageId: 11 })
    expect(store.deliveries.sentReleaseMessage(1, 2)).toBeUndefined()
  })

  it('puts rows left in flight back to pending, keeping their place', () => {
    seedChats(store, 3)
    for (let chat = 1; chat <= 3; chat++) insert('release', 1, chat, 0)
    const claimed = store.deliveries.claimDue(0, 2)
    expect(store.deliveries.requeueInFlight()).toBe(2)
    expect(store.deliveries.claimDue(0, 10).map((r) => r.id)).toEqual([claimed[0]!.id, claimed[1]!.id, 3])
  })

  it('does not overwrite a row something else settled meanwhile', () => {
    seedChats(store, 1)
    const id = insert('broadcast', 1, 1, 1)
    store.deliveries.claimDue(0, 1)
    store.db.$client.prepare(`UPDATE deliveries SET status = 'skipped' WHERE id = ?`).run(id)
    store.deliveries.applyOutcomes([{ type: 'sent', id, messageId: 5 }])
    expect(store.db.$client.prepare('SELECT status FROM deliveries').get()).toEqual({ status: 'skipped' })
  })

  it('reports queue stats', () => {
    seedChats(store, 4)
    for (let chat = 1; chat <= 4; chat++) insert('release', 1, chat, 0)
    const [a, b] = store.deliveries.claimDue(0, 2)
    store.deliveries.applyOutcomes([
      { type: 'sent', id: a!.id, messageId: 1 },
      { type: 'failed', id: b!.id, error: 'nope' },
    ])
    store.chats.markBlocked(4, 'Forbidden: bot was blocked by the user')
    // The blocked chat's row stays queued until the sender reaches it and skips it.
    expect(store.deliveries.stats()).toEqual({
      queued: 2,
      sentLastMinute: 1,
      sentLastHour: 1,
      failedLastHour: 1,
      blockedChats: 1,
    })
    // Two minutes on, the send is no longer "current" but still in the hour.
    expect(store.deliveries.stats(Date.now() + 120_000)).toMatchObject({ sentLastMinute: 0, sentLastHour: 1 })
  })
})
