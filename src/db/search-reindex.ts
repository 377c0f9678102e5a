/**
 * Copies the releases stored before migration 0014 into the word-form index (releases_search), a batch at a time,
 * while the program runs: see the migration's comment. The transaction that copies the last batch also drops the
 * old porter index and its triggers, which kept it right until then; from that commit on, search reads the new
 * index (search.ts asks `ready()`).
 */
import { sql } from 'drizzle-orm'
import { foldSql } from '../search/fold.ts'
import type { Db } from './client.ts'

export type ReindexProgress = { indexed: number; total: number; done: boolean }

const fold = (column: string) => sql.raw(foldSql(column))

/**
 * One bounded step of merging the index's segments (FTS5's incremental 'merge': `pages` pages at most). A copy in
 * many small transactions leaves many small segments, and every query reads each of them; merged, queries read
 * few. Returns whether the step did any work (FTS5 says so through total_changes()).
 */
function mergeStep(db: Db, pages: number): boolean {
  const changes = () => db.get<{ n: number }>(sql`SELECT total_changes() AS n`)?.n ?? 0
  const before = changes()
  db.run(sql`INSERT INTO releases_search (releases_search, rank) VALUES ('merge', ${-pages})`)
  return changes() - before > 1
}

export function createSearchReindex(db: Db) {
  let ready = false
  const state = () =>
    db.get<{ upto: number; last: number }>(
      sql`SELECT indexed_upto AS upto, last_id AS last FROM search_reindex`,
    )

  return {
    /** Whether every release is in the new index (cached once true: it never goes back). */
    ready(): boolean {
      if (ready) return true
      const s = state()
      ready = s === undefined || s.upto >= s.last
      return ready
    },

    progress(): ReindexProgress {
      const s = state() ?? { upto: 0, last: 0 }
      const total =
        db.get<{ n: number }>(sql`SELECT count(*) AS n FROM releases WHERE id <= ${s.last}`)?.n ?? 0
      const indexed =
        db.get<{ n: number }>(sql`SELECT count(*) AS n FROM releases WHERE id <= ${s.upto}`)?.n ?? 0
      return { indexed, total, done: s.upto >= s.last }
    },

    /**
     * Copies the next `rows` releases (by id) into the new index in one transaction; returns whether the copy is
     * complete. The last batch drops the old index in the same transaction.
     */
    step(rows: number): boolean {
      const done = db.transaction(
        (tx) => {
          const s = tx.get<{ upto: number; last: number }>(
            sql`SELECT indexed_upto AS upto, last_id AS last FROM search_reindex`,
          )
          if (!s || s.upto >= s.last) return true
          const next =
            tx.get<{ id: number }>(sql`SELECT id FROM releases WHERE id > ${s.upto} AND id <= ${s.last}
              ORDER BY id LIMIT 1 OFFSET ${Math.max(0, rows - 1)}`)?.id ?? s.last
          tx.run(sql`INSERT INTO releases_search (rowid, title, summary, body)
            SELECT id, ${fold('title')}, ${fold('summary')}, ${fold('body')} FROM releases
            WHERE id > ${s.upto} AND id <= ${next}`)
          tx.run(sql`UPDATE search_reindex SET indexed_upto = ${next}`)
          if (next < s.last) return false
          // The last batch: the porter index of before 0014 has served its time.
          for (const trigger of ['releases_fts_ai', 'releases_fts_ad', 'releases_fts_au'])
            tx.run(sql.raw(`DROP TRIGGER IF EXISTS ${trigger}`))
          tx.run(sql`DROP TABLE IF EXISTS releases_fts`)
          return true
        },
        { behavior: 'immediate' },
      )
      if (done) ready = true
      return done
    },

    /** After the copy: merges the index's segments a bounded step at a time; returns whether work is left. */
    mergeStep(pages: number): boolean {
      return mergeStep(db, pages)
    },
  }
}

export type SearchReindex = ReturnType<typeof createSearchReindex>
