import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../src/db/index.ts'
import { RANK_CANDIDATES, toMatchQuery } from '../../src/db/search.ts'
import { MARK_CLOSE, MARK_OPEN } from '../../src/db/snippet-markers.ts'
import { releaseInput } from '../support/releases.ts'

// Invented releases of a fictional press office.
const RELEASES = [
  {
    guid: '1',
    title: 'Governor Halvorsen received the Minister of Ports of Estmark',
    body: 'The sides discussed the new ferry line across the Grey Sound and c++ training for port engineers.',
    topics: [{ slug: 'meetings', name: 'Meetings and receptions' }],
    publishedAt: Date.UTC(2026, 2, 1),
  },
  {
    guid: '2',
    title: 'Decree on the Northvale harbour authority',
    body: 'Governor Halvorsen signed a decree establishing the harbour authority. The Minister of Ports welcomed it.',
    topics: [{ slug: 'decrees', name: 'Decrees and orders' }],
    publishedAt: Date.UTC(2026, 3, 1),
  },
  {
    guid: '3',
    title: 'Phone call with the President of Südland',
    body: 'Governor Halvorsen held a phone call with the President of Südland about the harbour and the ferry.',
    topics: [{ slug: 'phone-calls', name: 'Phone calls' }],
    publishedAt: Date.UTC(2026, 4, 1),
  },
]

describe('full-text search', () => {
  let store: Store
  beforeAll(() => {
    store = openStore(':memory:')
    const feedId = store.feeds.add({ url: 'https://northvale.example/rss' }).feed.id
    store.releases.storeFeedItems(
      feedId,
      RELEASES.map((r) =>
        releaseInput({
          ...r,
          url: `https://northvale.example/${r.guid}`,
          summary: r.body.split('. ')[0]!,
          contentHash: r.guid,
        }),
      ),
      { backfill: true, now: Date.UTC(2026, 5, 1) },
    )
  })
  afterAll(() => store.close())

  const titles = (query: string, filters = {}) =>
    store.search.search(query, { limit: 10, ...filters }).hits.map((h) => h.title)

  it('ranks a title match above a body match', () => {
    expect(titles('harbour')[0]).toBe('Decree on the Northvale harbour authority')
    expect(titles('harbour')).toHaveLength(2)
  })

  it('marks the matched words in the snippet', () => {
    const [hit] = store.search.search('ferry', { limit: 1 }).hits
    expect(hit!.snippet).toContain(`${MARK_OPEN}ferry${MARK_CLOSE}`)
  })

  it("shows each hit's own snippet, on pages of any size (one hit included)", () => {
    const total = store.search.search('the', { limit: 100 }).total
    expect(total).toBeGreaterThan(2)
    for (let offset = 0; offset < total; offset++) {
      const [hit] = store.search.search('the', { limit: 1, offset }).hits
      const release = store.releases.get(hit!.id)!
      const text = [release.title, release.summary, release.body].join('\n')
      for (const piece of hit!.snippet.replaceAll(MARK_OPEN, '').replaceAll(MARK_CLOSE, '').split('…'))
        expect(text, `hit #${hit!.id}`).toContain(piece.trim())
    }
  })

  it('matches across diacritics and stems', () => {
    expect(titles('Sudland')).toEqual(['Phone call with the President of Südland'])
    expect(titles('decrees')).toContain('Decree on the Northvale harbour authority')
  })

  it('treats FTS syntax and junk as plain words, never as an error', () => {
    for (const query of [
      '"foo',
      'AND OR (',
      'c++',
      'a-b',
      '*',
      'title:ferry',
      'NEAR(ferry harbour)',
      '""',
      ')))',
      'x'.repeat(5000),
    ]) {
      expect(() => store.search.search(query, { limit: 5 }), query).not.toThrow()
    }
    expect(titles('c++')).toEqual(['Governor Halvorsen received the Minister of Ports of Estmark'])
    expect(titles('*')).toEqual([])
    expect(titles('AND OR (')).toEqual([])
  })

  it('supports prefix search with a trailing star', () => {
    expect(titles('harb*')).toHaveLength(2)
  })

  it('filters by topic and by date', () => {
    expect(titles('Halvorsen', { topicSlug: 'phone-calls' })).toEqual([
      'Phone call with the President of Südland',
    ])
    expect(titles('Halvorsen', { from: Date.UTC(2026, 3, 15) })).toEqual([
      'Phone call with the President of Südland',
    ])
    expect(titles('Halvorsen', { to: Date.UTC(2026, 2, 2) })).toHaveLength(1)
  })

  it('pages with a stable total', () => {
    const first = store.search.search('Halvorsen', { limit: 2, offset: 0 })
    const second = store.search.search('Halvorsen', { limit: 2, offset: 2 })
    expect(first.total).toBe(3)
    expect(second.total).toBe(3)
    expect(second.hits).toHaveLength(1)
    expect(new Set([...first.hits, ...second.hits].map((h) => h.id)).size).toBe(3)
  })

  it('builds quoted MATCH expressions', () => {
    expect(toMatchQuery('"foo')).toBe('("foo")')
    expect(toMatchQuery('a-b')).toBe('("a" + "b")')
    expect(toMatchQuery('harb*')).toBe('("harb"*)')
    expect(toMatchQuery('NEAR(x y) OR title:z')).toBe('("near"* + "x" AND "y" AND "or" AND "titl"* + "z")')
    expect(toMatchQuery('*** ()')).toBeNull()
  })

  it('ranks only the newest matches of a word found everywhere, and says the count is capped', () => {
    const feedId = store.feeds.add({ url: 'https://northvale.example/lighthouse' }).feed.id
    const items = Array.from({ length: RANK_CANDIDATES + 100 }, (_, i) =>
      releaseInput({
        guid: `lh-${i}`,
        url: null,
        title: `Lighthouse bulletin ${i}`,
        publishedAt: Date.UTC(2026, 0, 1) + i * 60_000,
        body: 'The lighthouse keepers reported calm seas.',
        summary: '',
        contentHash: `lh-${i}`,
        topics: [],
      }),
    )
    store.releases.storeFeedItems(feedId, items, { backfill: true, now: 1 })
    const page = store.search.search('lighthouse', { limit: 5 })
    expect(page).toMatchObject({ total: RANK_CANDIDATES, capped: true })
    expect(page.hits).toHaveLength(5)
    for (const hit of page.hits) expect(Number(hit.title.split(' ')[2])).toBeGreaterThanOrEqual(100)
  })
})
