import { afterEach, describe, expect, it } from 'vitest'
import { createRetention } from '../../src/delivery/retention.ts'
import { renderMetrics } from '../../src/metrics.ts'
import { releaseInput, storeReleases } from '../support/releases.ts'
import { createSenderHarness, type SenderHarness } from '../support/test-app.ts'
import { seedChats } from '../support/test-store.ts'

let env: SenderHarness | undefined

afterEach(async () => {
  await env?.close()
  env = undefined
})

const DAY_MS = 86_400_000

function rows(env: SenderHarness) {
  return env.store.db.$client
    .prepare('SELECT kind, chat_id AS chatId, status FROM deliveries ORDER BY kind, chat_id')
    .all() as Array<{ kind: string; chatId: number; status: string }>
}

/** The delivery totals lines of /metrics: what a dashboard plots. */
const totalsLines = (env: SenderHarness) =>
  renderMetrics(env.store, { ratePerSecond: 0 })
    .split('\n')
    .filter((line) => /^pressbot_messages_\w+_total/.test(line))

describe('pruning old deliveries', () => {
  it('drops settled rows past the retention, keeps recent and queued ones, totals, and what corrections need', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 6)
    const original = releaseInput({ title: 'Harbour dues for the winter season' })
    storeReleases(env.store, [original])
    const sender = env.sender({ perChatIntervalMs: 0 })
    sender.start()
    await sender.drain()
    const now = Date.now()
    const sqlite = env.store.db.$client
    const messageIds = new Map(
      (
        sqlite.prepare('SELECT chat_id AS chatId, message_id AS messageId FROM deliveries').all() as Array<{
          chatId: number
          messageId: number
        }>
      ).map((r) => [r.chatId, r.messageId]),
    )
    // Chats 1-3 got the push 40 days ago; chats 4-6 30 hours ago: past a one-day retention, inside the 48-hour
    // window in which corrections still edit it.
    sqlite.prepare(`UPDATE deliveries SET updated_at = ? WHERE chat_id <= 3`).run(now - 40 * DAY_MS)
    sqlite.prepare(`UPDATE deliveries SET updated_at = ? WHERE chat_id > 3`).run(now - 30 * 3_600_000)
    // An old failure and an old skip go too; an old row still queued (waiting on a long backoff) stays. Rows enter
    // the outbox pending and are settled by an update, as the sender does (the totals count that update).
    const insert = sqlite.prepare(
      `INSERT INTO deliveries (kind, ref_id, chat_id, status, priority, next_attempt_at, created_at, updated_at)
       VALUES (?, 999, ?, 'pending', 1, ?, ?, ?)`,
    )
    const settle = sqlite.prepare(`UPDATE deliveries SET status = ? WHERE ref_id = 999 AND chat_id = ?`)
    insert.run('broadcast', 1, 0, now - 50 * DAY_MS, now - 50 * DAY_MS)
    settle.run('failed', 1)
    insert.run('broadcast', 2, 0, now - 50 * DAY_MS, now - 50 * DAY_MS)
    settle.run('skipped', 2)
    insert.run('broadcast', 3, now + DAY_MS, now - 50 * DAY_MS, now - 50 * DAY_MS)
    const totalsBefore = env.store.metrics.totalsByStatus()
    expect(totalsBefore).toEqual({ sent: 6, failed: 1, skipped: 1 })
    const metricsBefore = totalsLines(env)

    // Batches of two: the pass takes several transactions, as it would with thousands of rows.
    const retention = createRetention(
      { store: env.store, logger: env.log.logger },
      { retentionDays: 1, batchSize: 2 },
    )
    expect(await retention.prune(now)).toEqual({ sent: 3, failed: 1, skipped: 1 })

    expect(rows(env)).toEqual([
      { kind: 'broadcast', chatId: 3, status: 'pending' },
      { kind: 'release', chatId: 4, status: 'sent' },
      { kind: 'release', chatId: 5, status: 'sent' },
      { kind: 'release', chatId: 6, status: 'sent' },
    ])
    expect(env.store.metrics.totalsByStatus()).toEqual(totalsBefore)
    expect(totalsLines(env)).toEqual(metricsBefore)
    expect(await retention.prune(now)).toEqual({ sent: 0, failed: 0, skipped: 0 })

    // The title is corrected: the three messages still inside the edit window are edited in place.
    storeReleases(env.store, [
      { ...original, title: 'Harbour dues for the winter season (corrected)', contentHash: 'v2' },
    ])
    sender.wake()
    await sender.drain()
    const edits = env.fake.callsOf('editMessageText')
    expect(edits.map((e) => Number(e.payload.chat_id)).sort()).toEqual([4, 5, 6])
    for (const edit of edits) {
      expect(Number(edit.payload.message_id)).toBe(messageIds.get(Number(edit.payload.chat_id)))
      expect(String(edit.payload.text)).toContain('(corrected)')
    }
    // Each of them also got its "Updated" reply (a new word is substantial): 3 more sent.
    expect(env.store.metrics.totalsByStatus()).toEqual({ sent: 12, failed: 1, skipped: 1 })
  })

  it('keeps everything with DELIVERY_RETENTION_DAYS=0', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 2)
    storeReleases(env.store, [releaseInput()])
    const sender = env.sender({ perChatIntervalMs: 0 })
    sender.start()
    await sender.drain()
    env.store.db.$client.prepare('UPDATE deliveries SET updated_at = 0').run()
    const retention = createRetention({ store: env.store, logger: env.log.logger }, { retentionDays: 0 })
    expect(await retention.prune()).toEqual({ sent: 0, failed: 0, skipped: 0 })
    expect(rows(env)).toHaveLength(2)
  })
})
