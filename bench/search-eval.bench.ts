import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { openDatabase } from '../src/db/client.ts'
import { createLogger } from '../src/logger.ts'
import { startSearchReindex } from '../src/search/reindex-job.ts'
import { migrationsBefore } from '../tests/support/older-migrations.ts'
import {
  type EvalDoc,
  type EvalQuery,
  evaluate,
  hasSearchEval,
  loadEvalArchive,
  loadEvalDocs,
  loadEvalQueries,
  loadProjectQueries,
} from '../tests/support/search-eval.ts'
import { openTestStore, type TestStore } from '../tests/support/test-store.ts'
import type { BenchRow } from './search.bench.ts'
import { percentile, prng } from './synthetic.ts'

/**
 * Search quality and cost of the word-form analysis, on the judged set of real ru/az/en releases in
 * ../shared/search-eval (absent: only the latency rows, over our own samples, run):
 *  - recall@10 and MRR per language, after (the program's search) and before (round 2's index and query rules,
 *    rebuilt here: porter tokenizer, every word quoted, no folding of ё/ə/ı);
 *  - latency of those queries and of two- and three-letter prefixes over an archive of `releases` releases made
 *    of the set's sentences (ru, az, en mixed), and the time migration 0014 takes to re-index such an archive.
 */
export async function runSearchEvalBench(options: {
  releases: number
  log: (line: string) => void
}): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  if (!hasSearchEval) {
    options.log('search-eval: ../shared/search-eval is absent; quality rows skipped')
    return rows
  }
  const docs = loadEvalDocs()
  const queries = loadEvalQueries()
  const store = openTestStore(':memory:')
  const ids = await loadEvalArchive(store, docs)
  const after = evaluate(store, queries, ids).byLanguage
  const before = beforeFigures(store, queries, ids)
  // Our own judged queries over the same documents (bench/search-eval-queries.jsonl), never used to tune anything.
  const ours = loadProjectQueries()
  const oursAfter = evaluate(store, ours, ids).byLanguage
  const oursBefore = beforeFigures(store, ours, ids, 'old_fts_ours')
  store.close()
  for (const lang of ['ru', 'az', 'en']) {
    const a = after.get(lang)
    const b = before.get(lang)
    if (!a || !b) continue
    rows.push({
      bench: 'search-eval',
      metric: `${lang}: recall@10 before -> after (${a.queries} queries)`,
      value: `${b.recall.toFixed(3)} -> ${a.recallAt10.toFixed(3)}`,
      target: lang === 'en' ? 'not lower' : '>= 0.9',
    })
    rows.push({
      bench: 'search-eval',
      metric: `${lang}: MRR before -> after`,
      value: `${b.mrr.toFixed(3)} -> ${a.mrr.toFixed(3)}`,
    })
    rows.push({
      bench: 'search-eval',
      metric: `${lang}: queries finding nothing before -> after`,
      value: `${b.zero} -> ${a.zeroHits}`,
    })
  }
  for (const lang of ['ru', 'az', 'en']) {
    const a = oursAfter.get(lang)
    const b = oursBefore.get(lang)
    if (!a || !b) continue
    rows.push({
      bench: 'search-eval',
      metric: `${lang}, our own queries: recall@10 / MRR before -> after (${a.queries})`,
      value: `${b.recall.toFixed(2)} / ${b.mrr.toFixed(2)} -> ${a.recallAt10.toFixed(2)} / ${a.mrr.toFixed(2)}`,
    })
  }
  rows.push(...(await latencyRows(docs, queries, options)))
  return rows
}

/** Round 2's search, rebuilt beside the new one over the same releases: porter index, words quoted as typed. */
function beforeFigures(store: TestStore, queries: EvalQuery[], ids: Map<string, number>, table = 'old_fts') {
  const sqlite = store.db.$client
  sqlite.exec(`CREATE VIRTUAL TABLE ${table} USING fts5(title, summary, body, tokenize='porter unicode61 remove_diacritics 2');
    INSERT INTO ${table}(rowid, title, summary, body) SELECT id, title, summary, body FROM releases;`)
  const search = sqlite.prepare<[string], { id: number }>(
    `SELECT rowid AS id FROM ${table} WHERE ${table} MATCH ? ORDER BY bm25(${table}, 10.0, 4.0, 1.0) LIMIT 10`,
  )
  const figures = new Map<string, { recall: number; mrr: number; zero: number; n: number }>()
  for (const q of queries) {
    const words = [...q.query.matchAll(/[\p{L}\p{N}\p{M}]+/gu)].map((m) => `"${m[0]}"`)
    const hits = words.length ? search.all(words.join(' ')).map((r) => r.id) : []
    const relevant = q.relevant.map((id) => ids.get(id)).filter((id) => id !== undefined)
    const found = relevant.filter((id) => hits.includes(id)).length
    const first = hits.findIndex((id) => relevant.includes(id))
    const f = figures.get(q.lang) ?? { recall: 0, mrr: 0, zero: 0, n: 0 }
    f.recall += relevant.length ? found / relevant.length : 0
    f.mrr += first < 0 ? 0 : 1 / (first + 1)
    f.zero += hits.length === 0 ? 1 : 0
    f.n++
    figures.set(q.lang, f)
  }
  return new Map(
    [...figures].map(([lang, f]) => [lang, { recall: f.recall / f.n, mrr: f.mrr / f.n, zero: f.zero }]),
  )
}

/** Releases made of the set's sentences, inserted as the program stores them (the triggers fill the index). */
function fill(sqlite: ReturnType<typeof openDatabase>['$client'], docs: EvalDoc[], count: number): void {
  const sentences = docs.flatMap((d) => d.body.split(/(?<=[.!?])\s+/).map((s) => ({ s, lang: d.lang })))
  const random = prng(19)
  const pick = () => sentences[Math.floor(random() * sentences.length)]!
  sqlite.prepare(`INSERT INTO feeds (url) VALUES ('https://press.northvale.example/eval.xml')`).run()
  const insert = sqlite.prepare(
    `INSERT INTO releases (feed_id, guid, url, title, published_at, language, body, summary, content_hash, delivery_state)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, 'backfill')`,
  )
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const first = pick()
      const body = [first.s, ...Array.from({ length: 5 }, () => pick().s)].join(' ')
      insert.run(
        `e-${i}`,
        `https://press.northvale.example/e/${i}`,
        first.s.slice(0, 120),
        1_500_000_000_000 + i * 60_000,
        first.lang,
        body,
        body.slice(0, 400),
        `e${i}`,
      )
    }
  })()
}

async function latencyRows(
  docs: EvalDoc[],
  queries: EvalQuery[],
  options: { releases: number; log: (line: string) => void },
): Promise<BenchRow[]> {
  const n = options.releases.toLocaleString('en')
  // The re-index of an existing archive: the database at 0013 (porter index), then migration 0014.
  const dir = mkdtempSync(join(tmpdir(), 'pressbot-bench-0014-'))
  try {
    const before = migrationsBefore(dir, '0014')
    const path = join(dir, 'archive.db')
    const old = openDatabase(path, { migrationsFolder: before })
    options.log(`search-eval: ${n} releases of the set's sentences at migration 0013`)
    fill(old.$client, docs, options.releases)
    old.$client.close()
    const t = performance.now()
    const store = openTestStore(path)
    const migrateMs = performance.now() - t
    // The copy into the new index, as the program runs it (in the background, batches of ~20 ms), with the
    // event loop's delay measured meanwhile.
    const delay = monitorEventLoopDelay({ resolution: 5 })
    delay.enable()
    const t1 = performance.now()
    const job = startSearchReindex({
      reindex: store.searchReindex,
      databasePath: path,
      logger: createLogger({ level: 'silent' }),
    })
    // The bot's connection meanwhile: a write every 50 ms, and how long each waited for the worker's lock.
    const waits: number[] = []
    while (!store.searchReindex.ready()) {
      const t0 = performance.now()
      store.db.$client.prepare(`UPDATE feeds SET name = 'bench' WHERE id = 1`).run()
      waits.push(performance.now() - t0)
      await sleep(50)
    }
    await job.finished
    waits.sort((a, b) => a - b)
    const reindexS = (performance.now() - t1) / 1000
    delay.disable()
    const time = (texts: string[], languages: string[]) => {
      for (const q of texts.slice(0, 10)) store.search.search(q, { limit: 5, languages })
      return texts
        .map((q) => {
          const t0 = performance.now()
          store.search.search(q, { limit: 5, languages })
          return performance.now() - t0
        })
        .sort((a, b) => a - b)
    }
    const judged = time(
      queries.map((q) => q.query),
      ['ru'],
    )
    // Two- and three-letter prefixes typed with *, and short words whose stems are two or three letters.
    const short = time(
      ['ал*', 'пр*', 'ba*', 'pr*', 'qə*', 'мир', 'газ', 'год', 'Алиев', 'Bakı', 'ölkə', 'war', 'COP29'],
      ['az'],
    )
    const ms = (v: number) => `${v.toFixed(2)} ms`
    store.close()
    return [
      {
        bench: 'search-eval',
        metric: `migration 0014 on ${n} releases (start-up)`,
        value: `${migrateMs.toFixed(0)} ms`,
      },
      {
        bench: 'search-eval',
        metric: `background re-index of ${n} releases`,
        value: `${reindexS.toFixed(1)} s`,
      },
      {
        bench: 'search-eval',
        metric: 'a write of the bot during the re-index: p99 / max wait',
        value: `${percentile(waits, 99).toFixed(0)} / ${(waits.at(-1) ?? 0).toFixed(0)} ms`,
      },
      {
        bench: 'search-eval',
        metric: 'event-loop delay p99 during the re-index',
        value: `${(delay.percentile(99) / 1e6).toFixed(1)} ms`,
        target: '< 50 ms',
      },
      {
        bench: 'search-eval',
        metric: `judged queries over ${n} releases p50`,
        value: ms(percentile(judged, 50)),
      },
      {
        bench: 'search-eval',
        metric: 'judged queries p95',
        value: ms(percentile(judged, 95)),
        target: '< 10 ms',
      },
      {
        bench: 'search-eval',
        metric: 'short stems and 2-3 letter prefixes p50',
        value: ms(percentile(short, 50)),
      },
      {
        bench: 'search-eval',
        metric: 'short stems and 2-3 letter prefixes p95',
        value: ms(percentile(short, 95)),
        target: '< 10 ms',
      },
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
