import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createArchiveRepository } from '../../src/db/archive-repository.ts'
import { seedLirania } from '../support/lirania.ts'
import { releaseInput } from '../support/releases.ts'
import { openTestStore, type TestStore } from '../support/test-store.ts'

let store: TestStore
beforeEach(() => {
  store = openTestStore(':memory:')
  seedLirania(store)
})
afterEach(() => store.close())

const titles = (page: { items: Array<{ title: string }> }) => page.items.map((item) => item.title)

describe('the web archive’s lists', () => {
  it('lists a topic the same way through release_topics (small topic) or the date index (large topic)', () => {
    const sorted = createArchiveRepository(store.db, { topicWalkFrom: 1_000_000 })
    const walked = createArchiveRepository(store.db, { topicWalkFrom: 1 })
    for (const options of [
      { topicSlug: 'ports', limit: 4, offset: 0 },
      { topicSlug: 'ports', limit: 4, offset: 4 },
      { topicSlug: 'ports', limit: 4, offset: 8 },
      { topicSlug: 'ports', language: 'ru', limit: 4, offset: 0 },
      { topicSlug: 'energy', limit: 10, offset: 0 },
      { topicSlug: 'no-such-topic', limit: 10, offset: 0 },
    ]) {
      const a = sorted.list(options)
      expect(walked.list(options), JSON.stringify(options)).toEqual(a)
    }
    const ports = store.archive.list({ topicSlug: 'ports', limit: 100, offset: 0 })
    const stored = store.topics.bySlug('ports')!.releaseCount
    expect(ports.items).toHaveLength(stored)
    expect(ports.items.every((item) => item.topics.some((t) => t.slug === 'ports'))).toBe(true)
    expect(ports.more).toBe(false)
    // Newest first, one page after another without gaps or repeats.
    const pages = [0, 4, 8, 12].map((offset) => titles(sorted.list({ topicSlug: 'ports', limit: 4, offset })))
    expect(pages.flat()).toEqual(titles(ports))
    expect(sorted.list({ topicSlug: 'ports', limit: 4, offset: 0 }).more).toBe(true)
  })

  it('reads a release for its page as the bot reads it (topics with their names, other editions), or nothing', () => {
    const { feed } = store.feeds.add({ url: 'https://press.lirania.example/ru/rss' })
    const editions = store.releases.storeFeedItems(
      feed.id,
      ['en', 'ru'].map((language) =>
        releaseInput({
          guid: `bridge-${language}`,
          url: `https://press.lirania.example/${language}/bridge`,
          title: `Bridge (${language})`,
          publishedAt: Date.parse('2025-09-20T09:00:00Z'),
          language,
          body: 'Body.',
          summary: 'Summary.',
          contentHash: `bridge-${language}`,
          translationKey: 'lirania:bridge',
          topics: [{ slug: 'bridges', name: 'Bridges', names: { ru: 'Мосты' } }],
        }),
      ),
      { backfill: false, now: Date.now() },
    ).newIds
    expect(editions).toHaveLength(2)
    for (const id of [...editions, 1, 2]) {
      const page = store.archive.release(id)!
      const bot = store.releases.get(id)!
      expect(page).toMatchObject({
        id,
        title: bot.title,
        body: bot.body,
        language: bot.language,
        source: bot.source,
        topics: bot.topics,
        translations: bot.translations.map(({ id: other, language }) => ({ id: other, language })),
      })
    }
    expect(store.archive.release(editions[0]!)!.translations).toEqual([{ id: editions[1], language: 'ru' }])
    expect(store.archive.release(editions[0]!)!.topics).toEqual([
      { slug: 'bridges', name: 'Bridges', names: '{"ru":"Мосты"}' },
    ])
    expect(store.archive.release(999_999)).toBeUndefined()
  })

  it('filters by language and says whether another page follows', () => {
    const ru = store.archive.list({ language: 'ru', limit: 10, offset: 0 })
    expect(titles(ru)).toEqual(['Министр Оконджо посетил порт Солтмир'])
    expect(ru.more).toBe(false)
    const all = store.archive.list({ limit: 5, offset: 0 })
    expect(all.more).toBe(true)
    const dates = all.items.map((item) => item.date)
    expect([...dates].sort((a, b) => b - a)).toEqual(dates)
  })
})
