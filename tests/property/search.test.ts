import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../src/db/index.ts'
import { MARK_CLOSE, MARK_OPEN } from '../../src/db/snippet-markers.ts'
import { translate } from '../../src/i18n/index.ts'
import { highlight } from '../../src/render/builders.ts'
import { parseQuery as parseSearchQuery } from '../../src/search/query.ts'
import { NORTHVALE_RELEASES } from '../support/northvale.ts'
import { releaseInput } from '../support/releases.ts'
import { validateTelegramHtml } from './telegram-html.ts'

/** FTS5 syntax and other text that breaks a naive MATCH (STACK.md's list and more). */
const ftsNoise = fc.constantFrom(
  '"',
  '""',
  '*',
  ' AND ',
  ' OR ',
  ' NOT ',
  'NEAR(',
  'NEAR/3',
  '(',
  ')',
  '^',
  ':',
  '-',
  '+',
  'c++',
  'a-b',
  'title:',
  'releases_fts',
  '{',
  '}',
  "'",
  ';',
  '--',
  '\u0000',
  '\ud800',
  '🦀',
  'İ',
  'ß',
  'topic:',
  'topic:meetings',
  'from:2026-02-30',
  'to:9999-99-99',
  'from:2026-01-01',
  'harbour',
  'ferry*',
)
const userText = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: ftsNoise },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
      { weight: 1, arbitrary: fc.constant(' ') },
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''))

describe('property: random user text through search never errors', () => {
  let store: Store
  beforeAll(() => {
    // A real SQLite database with the real migrations (FTS5 table and triggers included).
    store = openStore(':memory:')
    const feedId = store.feeds.add({ url: 'https://northvale.example/rss' }).feed.id
    store.releases.storeFeedItems(
      feedId,
      NORTHVALE_RELEASES.map((r, n) =>
        releaseInput({
          guid: `g${n}`,
          url: `https://northvale.example/${n}`,
          title: r.title,
          body: r.html.replace(/<[^>]+>/g, ' '),
          summary: r.title,
          publishedAt: Date.UTC(2026, 0, 1 + n),
          contentHash: `h${n}`,
          topics: [{ slug: 'meetings', name: 'Meetings' }],
        }),
      ),
      { backfill: true, now: Date.UTC(2026, 5, 1) },
    )
  })
  afterAll(() => store.close())

  it('searches and browses whatever is typed after /search, and renders valid snippets', () => {
    // The archive answers real words, so the properties below run over hits, not only empty pages.
    expect(store.search.search('harbour', { limit: 5 }).total).toBeGreaterThan(0)
    fc.assert(
      fc.property(userText, fc.integer({ min: 0, max: 50 }), (text, offset) => {
        // The raw text straight into the repository: never an FTS5 syntax error.
        const raw = store.search.search(text, { limit: 5, offset })
        expect(raw.total).toBeGreaterThanOrEqual(raw.hits.length)
        // And the way the bot does it: parsed into words and filters first.
        const parsed = parseSearchQuery(text)
        if (!parsed.ok) {
          // A text of the locale files, filled in (a missing key would come back as "{key}").
          expect(translate('en', parsed.error.key, parsed.error.vars)).not.toMatch(/^\{|\{\$/)
          return
        }
        const { words, topic, from, to } = parsed.request
        const filters = { topicSlug: topic, from, to, limit: 5, offset }
        const page = words.trim() ? store.search.search(words, filters) : store.search.browse(filters)
        for (const hit of page.hits) {
          const verdict = validateTelegramHtml(highlight(hit.snippet, MARK_OPEN, MARK_CLOSE))
          expect(verdict.ok).toBe(true)
        }
      }),
      { numRuns: 300 },
    )
  })
})
