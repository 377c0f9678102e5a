import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseQuery } from '../../src/search/query.ts'
import { startFeedServer } from './feed-server.ts'
import { localPoller } from './local-poller.ts'
import type { TestStore } from './test-store.ts'

/**
 * The search evaluation set (../shared/search-eval: real ru/az/en releases written by others, and judged queries).
 * Read from ../shared, never copied in; absent in a plain clone, where its cases skip with SEARCH_EVAL_NOTE.
 */
const searchEvalDir: string = fileURLToPath(new URL('../../../shared/search-eval/', import.meta.url))
export const hasSearchEval: boolean = existsSync(`${searchEvalDir}docs.jsonl`)
export const SEARCH_EVAL_NOTE = hasSearchEval
  ? 'reads ../shared/search-eval'
  : 'skipped: needs ../shared/search-eval (the judged search set), absent in this clone'

export type EvalDoc = {
  id: string
  lang: string
  url: string
  title: string
  date: string | null
  body: string
}
export type EvalQuery = { id: string; lang: string; query: string; relevant: string[]; kind: string }

const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T)

export const loadEvalDocs = (): EvalDoc[] => readJsonl<EvalDoc>(`${searchEvalDir}docs.jsonl`)
export const loadEvalQueries = (): EvalQuery[] => readJsonl<EvalQuery>(`${searchEvalDir}queries.jsonl`)

/**
 * The project's own judged queries over the same documents (ids prefixed p_), judged as the set's README says:
 * bench/search-eval-queries.jsonl holds queries and document ids only, never the documents.
 */
export const loadProjectQueries = (): EvalQuery[] =>
  readJsonl<EvalQuery>(fileURLToPath(new URL('../../bench/search-eval-queries.jsonl', import.meta.url)))

/** One JSON Feed per language, as a publisher would serve it. */
function jsonFeed(docs: EvalDoc[], lang: string): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: `Evaluation set (${lang})`,
    items: docs.map((doc) => ({
      id: doc.id,
      url: doc.url,
      title: doc.title,
      content_text: doc.body,
      ...(doc.date ? { date_published: `${doc.date.slice(0, 10)}T12:00:00+04:00` } : {}),
    })),
  })
}

/**
 * Loads the set as a user would: one feed per language on a loopback server, added with its language (what
 * `feeds add --lang` stores), one poll. Returns each document's release id.
 */
export async function loadEvalArchive(store: TestStore, docs: EvalDoc[]): Promise<Map<string, number>> {
  const server = await startFeedServer()
  try {
    const languages = [...new Set(docs.map((doc) => doc.lang))]
    for (const lang of languages) {
      server.route(`/eval-${lang}.json`, {
        body: jsonFeed(
          docs.filter((doc) => doc.lang === lang),
          lang,
        ),
        headers: { 'content-type': 'application/feed+json' },
      })
      store.feeds.add({ url: server.url(`/eval-${lang}.json`), language: lang })
    }
    const poller = localPoller(store)
    await poller.pollAll()
    await poller.stop()
  } finally {
    await server.close()
  }
  // Each item's id is the document's: the release keeps it as its guid (its URL may be normalised).
  const byGuid = store.db.$client.prepare<[string], { id: number }>('SELECT id FROM releases WHERE guid = ?')
  const ids = new Map<string, number>()
  for (const doc of docs) {
    const id = byGuid.get(doc.id)?.id
    if (id !== undefined) ids.set(doc.id, id)
  }
  return ids
}

export type EvalFigures = { queries: number; recallAt10: number; mrr: number; zeroHits: number }

/**
 * Runs each query as /search does for a reader of the query's language (ten hits), and scores it against the
 * judgments: recall@10 (share of the relevant found in the first ten) and MRR (1 / rank of the first relevant).
 */
export function evaluate(store: TestStore, queries: EvalQuery[], releaseIds: Map<string, number>) {
  const byLanguage = new Map<string, EvalFigures & { recalls: number[]; ranks: number[] }>()
  const perQuery: Array<{ id: string; recall: number; found: number }> = []
  for (const q of queries) {
    const parsed = parseQuery(q.query)
    const hits = parsed.ok
      ? store.search.search(parsed.request.words, { languages: [q.lang], limit: 10 }).hits.map((h) => h.id)
      : []
    const relevant = q.relevant.map((id) => releaseIds.get(id)).filter((id) => id !== undefined)
    const found = relevant.filter((id) => hits.includes(id)).length
    const recall = relevant.length ? found / relevant.length : 0
    const firstRank = hits.findIndex((id) => relevant.includes(id))
    const figures = byLanguage.get(q.lang) ?? {
      queries: 0,
      recallAt10: 0,
      mrr: 0,
      zeroHits: 0,
      recalls: [],
      ranks: [],
    }
    figures.queries++
    figures.recalls.push(recall)
    figures.ranks.push(firstRank < 0 ? 0 : 1 / (firstRank + 1))
    if (hits.length === 0) figures.zeroHits++
    byLanguage.set(q.lang, figures)
    perQuery.push({ id: q.id, recall, found })
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0)
  const result = new Map<string, EvalFigures>()
  for (const [lang, f] of byLanguage)
    result.set(lang, {
      queries: f.queries,
      recallAt10: mean(f.recalls),
      mrr: mean(f.ranks),
      zeroHits: f.zeroHits,
    })
  return { byLanguage: result, perQuery }
}
