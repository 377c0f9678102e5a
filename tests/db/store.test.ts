import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReleaseInput } from '../../src/db/releases-repository.ts'
import { releaseInput } from '../support/releases.ts'
import { count, openTestStore, type TestStore } from '../support/test-store.ts'

// Invented releases of a fictional press office (the Office of the Governor of Northvale).
// The same guid gives the same text (and content hash), as a re-poll of an unchanged item does.
function release(guid: string, overrides: Partial<ReleaseInput> = {}): ReleaseInput {
  const title = overrides.title ?? `Governor met the delegation ${guid}`
  const body =
    overrides.body ?? `The Governor of Northvale received a delegation (${guid}) to discuss river ports.`
  return releaseInput({
    guid,
    url: `https://northvale.example/releases/${guid}`,
    title,
    publishedAt: Date.UTC(2026, 0, 1),
    body,
    summary: body,
    contentHash: `${title}|${body}`,
    topics: [{ slug: 'meetings', name: 'Meetings and receptions' }],
    ...overrides,
  })
}

describe('release store', () => {
  let store: TestStore
  let feedId: number
  beforeEach(() => {
    store = openTestStore(':memory:')
    feedId = store.feeds.add({ url: 'https://northvale.example/rss' }).feed.id
  })
  afterEach(() => store.close())

  it('stores a new item once and leaves an identical re-poll alone', () => {
    const first = store.releases.storeFeedItems(feedId, [release('a'), release('b')], {
      backfill: true,
      now: 1,
    })
    expect(first).toMatchObject({ added: 2, updated: 0, unchanged: 0 })
    const again = store.releases.storeFeedItems(feedId, [release('a'), release('b')], {
      backfill: false,
      now: 2,
    })
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 2 })
    expect(store.releases.count()).toBe(2)
  })

  it('treats changed text under a known identity as an update, never a second release', () => {
    store.releases.storeFeedItems(feedId, [release('a')], { backfill: true, now: 1 })
    const changed = release('a', { title: 'Governor met the delegation (corrected)', contentHash: 'new' })
    const outcome = store.releases.storeFeedItems(feedId, [changed], { backfill: false, now: 5 })
    expect(outcome).toMatchObject({ added: 0, updated: 1 })
    expect(store.releases.count()).toBe(1)
    const row = store.releases.get(1)!
    expect(row.title).toBe('Governor met the delegation (corrected)')
    expect(row.updatedAt).toBe(5)
    expect(row.revision).toBe(2)
    expect(row.deliveryState).toBe('backfill')
  })

  it('keeps the same link under different guids as two releases', () => {
    const shared = 'https://northvale.example/releases/same'
    store.releases.storeFeedItems(feedId, [release('g1', { url: shared }), release('g2', { url: shared })], {
      backfill: true,
      now: 1,
    })
    expect(store.releases.count()).toBe(2)
  })

  it('counts a guid repeated inside one feed document once', () => {
    const outcome = store.releases.storeFeedItems(feedId, [release('a'), release('a')], {
      backfill: true,
      now: 1,
    })
    expect(outcome.added).toBe(1)
  })

  it('marks backfill as never pushed and later items as queued for matching chats only', () => {
    store.chats.subscribe({ id: 1, type: 'private', title: null }) // all releases, all languages
    store.chats.subscribe({ id: 2, type: 'private', title: null })
    store.chats.setLanguages(2, ['ru']) // wants Russian only
    store.chats.subscribe({ id: 3, type: 'private', title: null })
    store.chats.setMode(3, 'topics') // follows no topic yet
    store.chats.subscribe({ id: 4, type: 'private', title: null })
    store.chats.unsubscribe(4)

    store.releases.storeFeedItems(feedId, [release('old')], { backfill: true, now: 1 })
    expect(count(store, 'SELECT count(*) AS n FROM deliveries')).toBe(0)

    const outcome = store.releases.storeFeedItems(feedId, [release('new')], { backfill: false, now: 2 })
    expect(outcome.newIds).toHaveLength(1)
    const chats = store.db.$client.prepare('SELECT chat_id AS id FROM deliveries ORDER BY chat_id').all()
    expect(chats).toEqual([{ id: 1 }])
    expect(store.releases.get(outcome.newIds[0]!)!.deliveryState).toBe('enqueued')

    // Following the topic brings chat 3 in for the next release.
    const meetings = store.topics.bySlug('meetings')!
    store.chats.toggleTopic(3, meetings.id)
    store.releases.storeFeedItems(feedId, [release('newer')], { backfill: false, now: 3 })
    expect(count(store, 'SELECT count(*) AS n FROM deliveries WHERE chat_id = 3')).toBe(1)
  })

  it('queues an edit for chats that already received a release whose title changed', () => {
    store.chats.subscribe({ id: 7, type: 'private', title: null })
    store.releases.storeFeedItems(feedId, [release('x')], { backfill: true, now: 1 })
    const { newIds } = store.releases.storeFeedItems(feedId, [release('y')], { backfill: false, now: 2 })
    store.db.$client.prepare("UPDATE deliveries SET status = 'sent', message_id = 10").run()
    const outcome = store.releases.storeFeedItems(
      feedId,
      [release('y', { title: 'Fixed title', contentHash: 'h2' })],
      {
        backfill: false,
        now: 3,
      },
    )
    expect(outcome.correctedIds).toEqual(newIds)
    const rows = store.db.$client
      .prepare("SELECT kind, status FROM deliveries WHERE kind = 'correction'")
      .all()
    expect(rows).toEqual([{ kind: 'correction', status: 'pending' }])
  })

  it('keeps releases of a removed feed unless purged', () => {
    store.releases.storeFeedItems(feedId, [release('a')], { backfill: true, now: 1 })
    expect(store.feeds.remove(feedId, { purge: false })).toBe(0)
    expect(store.releases.count()).toBe(1)
    expect(store.search.search('delegation', { limit: 5 }).hits).toHaveLength(1)
    const other = store.feeds.add({ url: 'https://northvale.example/other' }).feed.id
    store.releases.storeFeedItems(other, [release('b')], { backfill: true, now: 1 })
    expect(store.feeds.remove(other, { purge: true })).toBe(1)
    expect(store.releases.count()).toBe(1)
  })

  it('moves a migrated group with its topic subscriptions and queue', () => {
    store.chats.subscribe({ id: -100, type: 'group', title: 'Newsroom' })
    store.releases.storeFeedItems(feedId, [release('a')], { backfill: true, now: 1 })
    store.chats.toggleTopic(-100, store.topics.bySlug('meetings')!.id)
    store.releases.storeFeedItems(feedId, [release('b')], { backfill: false, now: 2 })
    store.chats.migrate(-100, -1001234)
    expect(store.chats.get(-100)).toBeUndefined()
    expect(store.chats.get(-1001234)).toMatchObject({ type: 'supergroup', status: 'active' })
    expect(store.chats.topicSlugs(-1001234)).toEqual(['meetings'])
    expect(count(store, 'SELECT count(*) AS n FROM deliveries WHERE chat_id = -1001234')).toBe(1)
  })
})
