import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDatabase, type Db, openDatabase } from '../../src/db/client.ts'
import { createStore, type Store } from '../../src/db/index.ts'
import { TOPICS_LISTED } from '../../src/db/topics-repository.ts'

/**
 * 300,000 topics (what a feed inventing a category per item made before the cap per feed): every lookup the bot
 * makes (/topics, /topic, topic: in search, alerts and inline, "did you mean") must find its rows through an index
 * and read a bounded number of them, and still answer right.
 */
let db: Db
let store: Store
let prepared: string[] = []

beforeAll(() => {
  db = openDatabase(':memory:')
  db.$client.exec(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000)
    INSERT INTO topics (slug, name, name_key) SELECT 'category-' || i, 'Category ' || i, 'category ' || i FROM n;
    INSERT INTO topics (slug, name, names, name_key)
      VALUES ('ports', 'Ports', '{"ru":"Порты","az":"Limanlar"}', 'ports'),
             ('экономика', 'Экономика', NULL, 'экономика');
    UPDATE topics SET release_count = id % 1000;
  `)
  const prepare = db.$client.prepare.bind(db.$client)
  db.$client.prepare = ((source: string) => {
    prepared.push(source)
    return prepare(source)
  }) as typeof db.$client.prepare
  store = createStore(db)
})
afterAll(() => closeDatabase(db))

/** EXPLAIN QUERY PLAN of a statement as prepared, its parameters bound to 1. */
function planOf(source: string): string[] {
  const args = Array.from({ length: (source.match(/\?/g) ?? []).length }, () => 1)
  return (db.$client.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...args) as Array<{ detail: string }>).map(
    (row) => row.detail,
  )
}

/** Runs `lookup` and returns the plan lines of what it prepared that read the topics table whole. */
function scansOf(lookup: () => unknown): string[] {
  prepared = []
  lookup()
  const sources = [...new Set(prepared)]
  expect(sources.length).toBeGreaterThan(0)
  return sources.flatMap((source) =>
    planOf(source)
      .filter((line) => /^SCAN topics\b/.test(line))
      // The partial index of translated topics holds only the topics file's few.
      .filter((line) => !line.includes('USING INDEX topics_translated'))
      // A scan bounded by a LIMIT (counting at most so many) reads that many rows, not the table.
      .filter(() => !/LIMIT/i.test(source))
      .map((line) => `${line}: ${source}`),
  )
}

describe('topic lookups over 300,000 topics', () => {
  it('/topics: the most used first, one page at a time, counted up to TOPICS_LISTED', () => {
    expect(scansOf(() => store.topics.page({ offset: 30, limit: 30 }))).toEqual([])
    const page = store.topics.page({ offset: 0, limit: 30 })
    expect(page).toHaveLength(30)
    expect(page[0]!.releaseCount).toBe(999)
    expect(page.every((t, i) => i === 0 || page[i - 1]!.releaseCount >= t.releaseCount)).toBe(true)
    expect(scansOf(() => store.topics.listedCount())).toEqual([])
    expect(store.topics.listedCount()).toBe(TOPICS_LISTED)
    expect(store.topics.page({ offset: TOPICS_LISTED, limit: 30 })).toEqual([])
  })

  it('/topic, topic: and alerts: by slug, by name in any case and language, through indexes', () => {
    for (const typed of [
      'category-123456',
      'Category 123456',
      'ПОРТЫ',
      'экономика',
      'Экономика',
      'no such topic',
    ])
      expect(
        scansOf(() => store.topics.find(typed)),
        typed,
      ).toEqual([])
    expect(store.topics.find('category-123456')?.slug).toBe('category-123456')
    expect(store.topics.find('CATEGORY 123456')?.slug).toBe('category-123456')
    expect(store.topics.find('Порты')?.slug).toBe('ports')
    expect(store.topics.find('ЭКОНОМИКА')?.slug).toBe('экономика')
    expect(store.topics.find('category 123456 and more')).toBeUndefined()
  })

  it('"did you mean": near misses ranked among the candidates the indexes give', () => {
    expect(scansOf(() => store.topics.lookup('category-12345x'))).toEqual([])
    const lookup = store.topics.lookup('category-12345x')
    expect(lookup.kind).toBe('unknown')
    expect(lookup.kind === 'unknown' && lookup.suggestions.map((t) => t.slug)).toContain('category-12345')
    const typo = store.topics.lookup('prots')
    expect(typo.kind === 'unknown' && typo.suggestions.map((t) => t.slug)).toContain('ports')
  })
})
