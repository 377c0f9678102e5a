import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPublishedRepository } from '../../src/db/published-repository.ts'
import type { ReleaseInput } from '../../src/db/releases-repository.ts'
import { releaseInput } from '../support/releases.ts'
import { openTestStore, type TestStore } from '../support/test-store.ts'

// Invented releases of the fictional Northvale press office: every third about ports, one in fifty about
// bridges, every fourth in Russian; dates out of id order, some missing.
function release(i: number): ReleaseInput {
  const topics = [
    ...(i % 3 === 0 ? [{ slug: 'ports', name: 'Ports' }] : []),
    ...(i % 50 === 7 ? [{ slug: 'bridges', name: 'Bridges' }] : []),
  ]
  return releaseInput({
    guid: `nv-${i}`,
    url: `https://press.northvale.example/releases/${i}`,
    title: `Release ${i}`,
    publishedAt: i % 97 === 0 ? null : Date.UTC(2026, 0, 1) + ((i * 7919) % 10_000) * 60_000,
    language: i % 4 === 0 ? 'ru' : 'en',
    body: `Text of release ${i}.`,
    summary: `Summary ${i}.`,
    contentHash: `h${i}`,
    topics,
  })
}

describe('published releases repository', () => {
  let store: TestStore
  const all = Array.from({ length: 650 }, (_, i) => release(i))
  const firstSeen = Date.UTC(2025, 0, 1)
  const dateOf = (r: ReleaseInput) => r.publishedAt ?? firstSeen

  /** The newest `limit` of `wanted`, as the feeds must list them, computed the slow way. */
  function expected(wanted: (r: ReleaseInput) => boolean, limit = 50): string[] {
    const ids = new Map(
      store.db.$client
        .prepare('SELECT id, guid FROM releases')
        .all()
        .map((row) => [(row as { guid: string }).guid, (row as { id: number }).id]),
    )
    return all
      .filter(wanted)
      .sort((a, b) => dateOf(b) - dateOf(a) || ids.get(b.guid)! - ids.get(a.guid)!)
      .slice(0, limit)
      .map((r) => r.url!)
  }

  beforeAll(() => {
    store = openTestStore(':memory:')
    const feed = store.feeds.add({ url: 'https://press.northvale.example/rss', name: 'Northvale' }).feed
    store.releases.storeFeedItems(feed.id, all, { backfill: true, now: firstSeen })
  })
  afterAll(() => store.close())

  it('lists the newest releases of the archive, a language, a large topic and a small one, newest first', () => {
    // Topics of 100 releases or more are read by walking the date index, smaller ones through release_topics
    // (2,000 in production: the same two plans on a smaller archive).
    const published = createPublishedRepository(store.db, { topicWalkFrom: 100 })
    const urls = (selection: Parameters<TestStore['published']['latest']>[0]) =>
      published.latest(selection).map((r) => r.url)
    expect(urls({ limit: 50 })).toEqual(expected(() => true))
    expect(urls({ limit: 50, language: 'ru' })).toEqual(expected((r) => r.language === 'ru'))
    // Ports (217 releases) is walked; bridges (13) is sorted.
    const ports = store.topics.bySlug('ports')!
    const bridges = store.topics.bySlug('bridges')!
    expect(urls({ limit: 50, topicId: ports.id })).toEqual(
      expected((r) => r.topics.some((t) => t.slug === 'ports')),
    )
    expect(urls({ limit: 50, topicId: bridges.id })).toEqual(
      expected((r) => r.topics.some((t) => t.slug === 'bridges')),
    )
    expect(urls({ limit: 50, language: 'xx' })).toEqual([])
  })

  it('gives each release its topics, source, and a publication time even when the feed gave none', () => {
    const [newest] = store.published.latest({ limit: 1, topicId: store.topics.bySlug('bridges')!.id })
    expect(newest).toMatchObject({ source: 'Northvale', language: expect.any(String) })
    expect(newest!.topics.map((t) => t.slug)).toContain('bridges')
    const undated = store.published.latest({ limit: 650 }).find((r) => r.title === 'Release 97')!
    expect(undated.publishedAt).toBe(firstSeen)
    expect(undated.updatedAt).toBe(firstSeen)
    expect(store.published.hasLanguage('ru')).toBe(true)
    expect(store.published.hasLanguage('az')).toBe(false)
  })
})
