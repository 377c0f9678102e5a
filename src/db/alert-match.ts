/**
 * Matching saved alerts against one new release, inside the transaction that stores and fans it out.
 *
 * Checking 100,000 alerts one by one against each release would take seconds. Each alert is instead filed under
 * one key, a term every release it matches must contain: 'w:<stem>' for a word (its rarest word in the archive),
 * else 'p:<first letters>' for a prefix. Stems come from SQLite's own tokenizer (a scratch FTS5 table with the
 * archive's tokenizer), so a key is what FTS5 would match, stemming and diacritics included. A new release's
 * terms give the keys it holds; only the alerts filed under those are candidates, and each candidate is then
 * checked exactly, with its MATCH expression against that one release (rowid = the release).
 */
import { type SQL, sql } from 'drizzle-orm'

type Runner = { run(query: SQL): unknown; all<T>(query: SQL): T[]; get<T>(query: SQL): T | undefined }

/** Letters a prefix key keeps: a `word*` of two letters or more matches stems starting with its first three. */
const PREFIX_KEY_LENGTH = 3

/**
 * The temporary tables matching uses, per connection: a scratch FTS5 table (tokenizer of releases_fts), its
 * vocabulary, the archive's vocabulary (document counts, for the rarest word), and the matches of the release
 * being fanned out. Temporary tables live outside the database file: nothing to migrate, nothing left behind.
 */
export function ensureMatchTables(db: Runner): void {
  db.run(sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.alert_scratch USING fts5(t,
    tokenize = 'porter unicode61 remove_diacritics 2')`)
  db.run(
    sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.alert_scratch_terms USING fts5vocab(temp, alert_scratch, row)`,
  )
  db.run(sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.releases_terms USING fts5vocab(main, releases_fts, row)`)
  db.run(sql`CREATE TABLE IF NOT EXISTS temp.alert_matches (
    subscription_id INTEGER PRIMARY KEY, alert_id INTEGER NOT NULL)`)
}

/** The stems FTS5 makes of `text` (empty when it holds no word). */
function stems(db: Runner, text: string): string[] {
  db.run(sql`DELETE FROM temp.alert_scratch`)
  db.run(sql`INSERT INTO temp.alert_scratch (rowid, t) VALUES (1, ${text})`)
  const terms = db.all<{ term: string }>(sql`SELECT term FROM temp.alert_scratch_terms`).map((r) => r.term)
  db.run(sql`DELETE FROM temp.alert_scratch`)
  return terms
}

/**
 * The candidate key of an alert: among its included whole words, the one fewest releases hold (a rare word makes
 * few candidates); an alert of prefixes only is filed under its first prefix's first letters.
 */
export function alertKey(db: Runner, include: ReadonlyArray<{ words: string[]; prefix: boolean }>): string {
  ensureMatchTables(db)
  const whole = include.flatMap((term) => (term.prefix ? term.words.slice(0, -1) : term.words))
  let best: { key: string; docs: number } | undefined
  for (const word of whole) {
    for (const stem of stems(db, word)) {
      const docs =
        db.get<{ n: number }>(sql`SELECT doc AS n FROM temp.releases_terms WHERE term = ${stem}`)?.n ?? 0
      if (!best || docs < best.docs) best = { key: `w:${stem}`, docs }
    }
  }
  if (best) return best.key
  const prefix = include.find((term) => term.prefix)?.words.at(-1) ?? ''
  const stem = stems(db, prefix)[0] ?? prefix.toLowerCase()
  return `p:${stem.slice(0, PREFIX_KEY_LENGTH)}`
}

/**
 * Fills temp.alert_matches with, per subscription, the first of its alerts that matches release `releaseId`
 * (its topic filter included). The caller reads it in the same transaction (see fanOutRelease).
 */
export function matchAlerts(db: Runner, releaseId: number): void {
  ensureMatchTables(db)
  db.run(sql`DELETE FROM temp.alert_matches`)
  db.run(sql`DELETE FROM temp.alert_scratch`)
  db.run(sql`INSERT INTO temp.alert_scratch (rowid, t)
    SELECT 1, title || ' ' || summary || ' ' || body FROM releases WHERE id = ${releaseId}`)
  // The release's keys: each stem as a word key, and its first one to three letters as prefix keys.
  db.run(sql`
    INSERT OR IGNORE INTO temp.alert_matches (subscription_id, alert_id)
    SELECT a.subscription_id, a.id FROM alerts a
    WHERE a.key IN (
        SELECT 'w:' || term FROM temp.alert_scratch_terms
        UNION SELECT 'p:' || substr(term, 1, ${PREFIX_KEY_LENGTH}) FROM temp.alert_scratch_terms
        UNION SELECT 'p:' || substr(term, 1, 2) FROM temp.alert_scratch_terms
        UNION SELECT 'p:' || substr(term, 1, 1) FROM temp.alert_scratch_terms)
      AND EXISTS (SELECT 1 FROM releases_fts
                  WHERE releases_fts MATCH a.match_query AND releases_fts.rowid = CAST(${releaseId} AS INTEGER))
      AND (a.topic_id IS NULL OR EXISTS (
             SELECT 1 FROM release_topics rt WHERE rt.release_id = ${releaseId} AND rt.topic_id = a.topic_id))
    ORDER BY a.id`)
  db.run(sql`DELETE FROM temp.alert_scratch`)
}
