import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeDatabase, type Db, openDatabase } from '../../src/db/client.ts'
import { createStore, type Store } from '../../src/db/index.ts'
import { parseQuery } from '../../src/search/query.ts'
import { NORTHVALE_FEED, releaseInput, storeReleases } from '../support/releases.ts'

/**
 * The outbox holds a million rows per release to a million subscribers, so every statement pressbot runs on it must
 * reach its rows through an index: one full scan per blocked chat, per subscription of a fan-out or per progress
 * poll turns seconds into hours. Plans depend on the indexes and on how a query is worded (a partial index needs
 * its WHERE term word for word; without statistics SQLite may pick the wrong index), and two such regressions were
 * found by hand while the indexes were being reworked: this records the statements the program really prepares
 * while it fans out, sends, settles, moves chats and broadcasts, and checks each one's plan.
 */
let db: Db
let store: Store
let prepared: string[]

beforeEach(() => {
  db = openDatabase(':memory:')
  prepared = []
  const prepare = db.$client.prepare.bind(db.$client)
  db.$client.prepare = ((source: string) => {
    prepared.push(source)
    return prepare(source)
  }) as typeof db.$client.prepare
  store = createStore(db)
})
afterEach(() => closeDatabase(db))

/** EXPLAIN QUERY PLAN of a statement as prepared, its parameters bound to 1 (the plan does not depend on them). */
function planOf(source: string): string[] {
  const named = [...new Set([...source.matchAll(/@([A-Za-z_]\w*)/g)].map((m) => m[1]!))]
  const args: unknown[] = named.length > 0 ? [Object.fromEntries(named.map((name) => [name, 1]))] : []
  for (let k = (source.match(/\?/g) ?? []).length; k > 0; k--) args.push(1)
  return (db.$client.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...args) as Array<{ detail: string }>).map(
    (row) => row.detail,
  )
}

function subscribe(chatId: number, options: { alert?: string; threadId?: number } = {}): void {
  store.chats.subscribe({ id: chatId, type: 'supergroup', title: null }, options.threadId ?? 0)
  if (!options.alert) return
  const parsed = parseQuery(options.alert, 'alert')
  if (!parsed.ok) throw new Error(parsed.error.key)
  const { include, exclude } = parsed.request
  store.alerts.add(
    { chatId, threadId: options.threadId ?? 0 },
    { query: options.alert, include, exclude, topicId: null },
  )
}

describe('statements on the outbox', () => {
  it('reach deliveries through an index in everything the program does with them', () => {
    subscribe(1)
    subscribe(2, { alert: 'lighthouse' })
    subscribe(3, { threadId: 7 })
    subscribe(4)
    // Two editions of one news item (the translation check), a correction, an alert match.
    const [en] = storeReleases(store, [
      releaseInput({ title: 'Lighthouse keeper hired', translationKey: 'n-1' }),
    ])
    storeReleases(store, [
      releaseInput({ title: 'Нанят смотритель маяка', language: 'ru', translationKey: 'n-1' }),
    ])
    const claimed = store.deliveries.claimDue(Date.now(), 100)
    store.deliveries.applyOutcomes(
      claimed.map((row) => ({ type: 'sent' as const, id: row.id, messageId: 10 + row.id })),
      Date.now(),
    )
    storeReleases(store, [
      releaseInput({ title: 'Lighthouse keeper hired', guid: 'sub-edit', contentHash: 'edited' }),
    ])
    expect(store.deliveries.sentReleaseMessage(en!, 1, 0)).toMatchObject({ messageId: expect.any(Number) })
    store.chats.markBlocked(4, 'Forbidden: bot was blocked by the user')
    store.chats.pauseThread(3, 7, 'Bad Request: TOPIC_CLOSED')
    store.chats.unsubscribe(1)
    store.chats.subscribe({ id: 5, type: 'group', title: null })
    store.chats.migrate(5, -1005)
    store.chats.subscribe({ id: 6, type: 'group', title: null })
    store.chats.subscribe({ id: -1006, type: 'supergroup', title: null })
    store.chats.migrate(6, -1006)
    const broadcast = store.broadcasts.createPreview({
      adminChatId: 900,
      editions: [
        { language: 'en', html: 'Notice' },
        { language: 'ru', html: 'Объявление' },
      ],
    })
    store.broadcasts.confirm(broadcast.id, null)
    store.broadcasts.progress(broadcast.id)
    // Sent, then corrected, reported on and withdrawn; another one cancelled.
    const sent = store.deliveries.claimDue(Date.now(), 100)
    store.deliveries.applyOutcomes(
      sent.map((row) => ({ type: 'sent' as const, id: row.id, messageId: 500 + row.id })),
      Date.now(),
    )
    store.broadcasts.correct(broadcast.id, [{ language: 'ru', html: 'Объявление' }], Date.now())
    store.broadcasts.report(broadcast.id)
    store.broadcasts.withdraw(broadcast.id, Date.now())
    const other = store.broadcasts.createPreview({
      adminChatId: 900,
      editions: [{ language: 'en', html: 'Later' }],
    })
    store.broadcasts.confirm(other.id, null)
    store.broadcasts.cancel(other.id)
    store.deliveries.stats()
    // The console's Delivery view: per minute from the outbox, per hour from its totals, the last releases' counts.
    store.deliveryChart.perMinute(Date.now())
    store.deliveryChart.hourly(Date.now())
    expect(store.deliveryChart.lastReleases().length).toBeGreaterThan(0)
    store.deliveries.pruneSettled('sent', Date.now(), 100)

    const onOutbox = [...new Set(prepared)].filter((source) => /\bdeliveries\b/i.test(source))
    // The fan-out, the claim, settling, chat moves, broadcasts and statistics were all exercised.
    expect(onOutbox.length).toBeGreaterThan(20)
    // A full scan, or a "search" on the kind alone (every release's rows: as bad as a scan).
    const walksAll = (step: string) =>
      /^SCAN (deliveries|d|d2)\b/.test(step) ||
      /INDEX deliveries_kind_ref_chat_thread \(kind=\?\)$/.test(step)
    const scans = onOutbox
      .map((source) => ({ source: source.replace(/\s+/g, ' ').trim(), plan: planOf(source) }))
      .filter(({ plan }) => plan.some(walksAll))
    expect(scans).toEqual([])
  })

  it('probe followed and muted sources by their key in the fan-out and in a broadcast to a source', () => {
    subscribe(1)
    subscribe(2)
    const { feed } = store.feeds.add(NORTHVALE_FEED)
    store.chats.setMode(1, 'topics')
    store.sources.set(1, 0, [feed.id], 'follow')
    store.sources.set(2, 0, [feed.id], 'mute')
    storeReleases(store, [releaseInput({ title: 'Lighthouse keeper hired' })])
    const broadcast = store.broadcasts.createPreview({
      adminChatId: 900,
      editions: [{ language: 'en', html: 'Notice' }],
      audience: { sources: [feed.id] },
    })
    store.broadcasts.confirm(broadcast.id, null)
    const probing = [...new Set(prepared)].filter((source) => /\bsubscription_sources\b/.test(source))
    // The fan-out's three passes and the broadcast's audience, at least.
    expect(probing.length).toBeGreaterThanOrEqual(4)
    const scans = probing
      .map((source) => ({ source: source.replace(/\s+/g, ' ').trim(), plan: planOf(source) }))
      .filter(({ plan }) => plan.some((step) => /^SCAN (ss|subscription_sources)\b/.test(step)))
    expect(scans).toEqual([])
    // And what they queued: the follower gets the release and the broadcast, the chat that muted it neither.
    const queued = db.$client
      .prepare('SELECT kind, chat_id AS chat FROM deliveries ORDER BY kind, chat_id')
      .all()
    expect(queued).toEqual([
      { kind: 'broadcast', chat: 1 },
      { kind: 'release', chat: 1 },
    ])
  })

  it('queue the pushes an alert matched from the matches, not from every chat', () => {
    subscribe(1, { alert: 'lighthouse' })
    storeReleases(store, [releaseInput({ title: 'Lighthouse keeper hired' })])
    const alertPass = [...new Set(prepared)].find((source) => /FROM temp\.alert_matches m\s/.test(source))
    expect(alertPass).toBeDefined()
    expect(planOf(alertPass!)[0]).toBe('SCAN m')
  })
})
