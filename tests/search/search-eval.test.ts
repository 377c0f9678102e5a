import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type EvalDoc,
  evaluate,
  hasSearchEval,
  loadEvalArchive,
  loadEvalDocs,
  loadEvalQueries,
  loadProjectQueries,
  SEARCH_EVAL_NOTE,
} from '../support/search-eval.ts'
import { openTestStore, type TestStore } from '../support/test-store.ts'

/**
 * Real Russian, Azerbaijani and English releases written by others, loaded as a user would (one feed per
 * language on loopback, a poll), searched with judged queries as a reader of each language. The goal of the
 * analysis: recall@10 of at least 0.9 in Russian and Azerbaijani, English as good as before (every relevant
 * release found). `npm run bench` prints the same figures; this holds them.
 */
describe.skipIf(!hasSearchEval)(`search on real releases (${SEARCH_EVAL_NOTE})`, () => {
  let store: TestStore
  let ids: Map<string, number>
  let docs: EvalDoc[]
  beforeAll(async () => {
    store = openTestStore(':memory:')
    docs = loadEvalDocs()
    ids = await loadEvalArchive(store, docs)
  })
  afterAll(() => store.close())

  it('finds most of what readers of each language mean, in the form they type it', () => {
    expect(ids.size).toBe(docs.length)
    const { byLanguage } = evaluate(store, loadEvalQueries(), ids)
    expect(byLanguage.get('ru')?.recallAt10).toBeGreaterThanOrEqual(0.9)
    expect(byLanguage.get('az')?.recallAt10).toBeGreaterThanOrEqual(0.9)
    expect(byLanguage.get('en')?.recallAt10).toBe(1)
    for (const figures of byLanguage.values()) expect(figures.zeroHits).toBe(0)
  })

  it('holds on our own judged queries, never used to tune the analysis (what they measured, as a floor)', () => {
    // Measured 2026-12-07: ru 0.80, az 0.80, en 1.00; the misses are a derivation ("вручение" for "вручил") and
    // a spelling ("Abdullah" for "Abdulla"), which no inflection analysis finds.
    const { byLanguage } = evaluate(store, loadProjectQueries(), ids)
    expect(byLanguage.get('ru')?.recallAt10).toBeGreaterThanOrEqual(0.8)
    expect(byLanguage.get('az')?.recallAt10).toBeGreaterThanOrEqual(0.8)
    expect(byLanguage.get('en')?.recallAt10).toBe(1)
  })
})
