import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MARK_CLOSE, MARK_OPEN } from '../../src/db/snippet-markers.ts'
import { MIN_PREFIX, wordForms } from '../../src/search/analysis.ts'
import { foldSql, LETTER_FOLDS } from '../../src/search/fold.ts'
import { releaseInput, storeReleases } from '../support/releases.ts'
import { openTestStore, type TestStore } from '../support/test-store.ts'

/**
 * The word forms a reader types against the forms a release holds, per language: each pair is a query and a text
 * (words of releases we write here), and whether the query must find the text. A regression in the analysis
 * (stemmers, folding, prefix lengths) fails a row. Latin words without Azerbaijani letters are read in the
 * reader's language (`hint`).
 */
type Pair = [query: string, text: string, hint?: string]

const MUST_MATCH: Record<string, Pair[]> = {
  ru: [
    ['Карабах', 'Карабахе'],
    ['Карабах', 'карабахский'],
    ['Карабахе', 'Карабаха'],
    ['Алиев', 'Алиева'],
    ['Алиева', 'Алиеву'],
    ['Алиевым', 'Алиев'],
    ['Лавров', 'Лавровым'],
    ['днем', 'днём'],
    ['днём', 'днем'],
    ['выборы', 'выборах'],
    ['мира', 'мир'],
    ['Путина', 'Путину'],
    ['территории', 'территорий'],
    ['Пётр', 'Петра'],
    ['Петров', 'Пётр'],
  ],
  az: [
    ['Şuşa', 'Şuşada'],
    ['Şuşa', 'Şuşanın'],
    ['Şuşada', 'Şuşa'],
    ['Əliyev', 'Əliyevin'],
    ['Əliyevlə', 'Əliyev'],
    ['Eliyev', 'Əliyev', 'az'],
    ['Susa', 'Şuşada', 'az'],
    ['konfransı', 'konfransının'],
    ['Qarabağ', 'Qarabağda'],
    ['Ərdoğan', 'Ərdoğanla'],
    ['Naxcivan', 'Naxçıvanda', 'az'],
    ['sərəncam', 'sərəncamı'],
    ['medal', 'medalının', 'az'],
    ['İdarəsi', 'idarəsinə'],
    ['Türkiyə', 'Türkiyəyə'],
    ['prezidentlər', 'prezidentlərin'],
    ['azadlıq', 'azadlığı'],
  ],
  en: [
    ['election', 'elections'],
    ['elections', 'election'],
    ['phoned', 'phone'],
    ['treaties', 'treaty'],
    ['treaty', 'treaties'],
    ['ministers', 'minister'],
    ['Erdogan', 'Erdoğan'],
  ],
}

/** Pairs that must stay apart: short words are whole words, and a stem is no licence for an unrelated word. */
const MUST_NOT_MATCH: Record<string, Pair[]> = {
  ru: [
    ['мир', 'Мирзоев'],
    ['газ', 'газета'],
    ['Карабах', 'Караганда'],
    ['Путин', 'путь'],
  ],
  az: [
    ['medal', 'metal', 'az'],
    ['Ərdoğan', 'Ərdəbil'],
    ['Şuşa', 'şüşə'],
    ['Bakı', 'Bakan'],
  ],
  en: [
    ['phone', 'photo'],
    ['war', 'warm'],
    ['treaty', 'treat'],
  ],
}

let store: TestStore
beforeAll(() => {
  store = openTestStore(':memory:')
})
afterAll(() => store.close())

/** Stores `text` as the title of a release of its own; the query finds it or not. */
function finds([query, text, hint]: Pair): boolean {
  const [id] = storeReleases(store, [releaseInput({ title: `Release ${Math.random()}: ${text}` })])
  const hits = store.search.search(query, { limit: 50, languages: hint ? [hint] : [] }).hits
  store.db.$client.prepare('DELETE FROM releases WHERE id = ?').run(id)
  return hits.some((hit) => hit.id === id)
}

describe('word forms', () => {
  for (const [language, pairs] of Object.entries(MUST_MATCH)) {
    it(`${language}: a query finds the other forms of its words`, () => {
      const missed = pairs.filter((pair) => !finds(pair))
      expect(missed).toEqual([])
    })
  }
  for (const [language, pairs] of Object.entries(MUST_NOT_MATCH)) {
    it(`${language}: a query does not drag in unrelated words`, () => {
      const dragged = pairs.filter((pair) => finds(pair))
      expect(dragged).toEqual([])
    })
  }

  it('keeps at least MIN_PREFIX letters of the word as typed, whatever the stemmer cut', () => {
    // Snowball cuts "Алиев" to "ал": a two-letter prefix would match half the vocabulary.
    expect(wordForms('Алиев').prefix).toBe('алие')
    expect(wordForms('Алиев').prefix?.length).toBeGreaterThanOrEqual(MIN_PREFIX)
    // Turkish turns a final ğ into k: the prefix is what the stem and the typed word share.
    expect(wordForms('Qarabağ').prefix).toBe('qaraba')
  })

  it('folds the index with the same letters as queries (the triggers spell out foldSql)', () => {
    const migration = readFileSync(
      new URL('../../migrations/0014_search_folding.sql', import.meta.url),
      'utf8',
    )
    for (const column of ['new.title', 'new.summary', 'new.body', 'old.title', 'old.summary', 'old.body'])
      expect(migration).toContain(foldSql(column))
    // And each fold works both ways round: text with the letter, query without, and the other way.
    for (const [letter, plain] of LETTER_FOLDS) {
      expect(finds([`x${plain}x`, `x${letter}x`]), `${letter} in the text`).toBe(true)
      expect(finds([`x${letter}x`, `x${plain}x`]), `${letter} in the query`).toBe(true)
    }
  })

  it('marks the words as they stand in the text in snippets', () => {
    const [id] = storeReleases(store, [
      releaseInput({ title: 'Президент Əliyev Şuşada, днём', summary: 'Встреча в Карабахе.' }),
    ])
    const hit = store.search
      .search('Eliyev Susa Карабах днем', { limit: 5, languages: ['az'] })
      .hits.find((h) => h.id === id)
    const marked = (word: string) => `${MARK_OPEN}${word}${MARK_CLOSE}`
    for (const word of ['Əliyev', 'Şuşada', 'днём']) expect(hit?.snippet).toContain(marked(word))
  })
})
