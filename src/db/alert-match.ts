/**
 * Matching saved alerts against one new release, inside the transaction that stores and fans it out.
 *
 * Checking 100,000 alerts one by one against each release would take seconds. Each alert is instead filed under
 * one key, a term every release it matches must contain: 'w:<stem>' for a word (its longest, as the likely rarest),
 * else 'p:<first letters>' for a prefix. Stems come from SQLite's own tokenizer (a scratch FTS5 table with the
 * archive's tokenizer), so a key is what FTS5 would match, stemming and diacritics included. A new release's
 * terms give the keys it holds; only the alerts filed under those are candidates, and each candidate is then
 * checked exactly, with its MATCH expression, against the scratch table holding that one release alone (the same
 * tokenizer as releases_fts; a one-document index answers a prefix or a phrase in microseconds, where the
 * archive's index would walk every doclist of the prefix).
 */
import { type SQL, sql } from 'drizzle-orm'

type Runner = { run(query: SQL): unknown; all<T>(query: SQL): T[]; get<T>(query: SQL): T | undefined }

/** Letters a prefix key keeps: a `word*` of two letters or more matches stems starting with its first three. */
const PREFIX_KEY_LENGTH = 3

/**
 * The temporary tables matching uses, per connection: a scratch FTS5 table (tokenizer of releases_fts), its
 * vocabulary, the release's terms as an indexed set, and the matches of the release being fanned out. Temporary tables live outside the database file: nothing to migrate, nothing left behind.
 */
function ensureMatchTables(db: Runner): void {
  db.run(sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.alert_scratch USING fts5(t,
    tokenize = 'porter unicode61 remove_diacritics 2')`)
  db.run(
    sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.alert_scratch_terms USING fts5vocab(temp, alert_scratch, row)`,
  )
  db.run(sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.alert_scratch_instances
    USING fts5vocab(temp, alert_scratch, instance)`)
  db.run(sql`CREATE TABLE IF NOT EXISTS temp.release_terms (term TEXT PRIMARY KEY) WITHOUT ROWID`)
  db.run(sql`CREATE TABLE IF NOT EXISTS temp.alert_matches (
    subscription_id INTEGER PRIMARY KEY, alert_id INTEGER NOT NULL)`)
}

/** The stems FTS5 makes of each of `words`, in one pass through the scratch table (one row per word). */
function stemsOf(db: Runner, words: readonly string[]): string[][] {
  if (words.length === 0) return []
  db.run(sql`DELETE FROM temp.alert_scratch`)
  const rows = words.map((word, k) => sql`(${k + 1}, ${word})`)
  db.run(sql`INSERT INTO temp.alert_scratch (rowid, t) VALUES ${sql.join(rows, sql`, `)}`)
  const found = db.all<{ term: string; doc: number }>(
    sql`SELECT term, doc FROM temp.alert_scratch_instances ORDER BY doc, "offset"`,
  )
  db.run(sql`DELETE FROM temp.alert_scratch`)
  const stems = words.map(() => [] as string[])
  for (const { term, doc } of found) stems[doc - 1]?.push(term)
  return stems
}

/** Where an alert is filed, and (for alerts of plain words) the terms that decide it without a MATCH. */
export type AlertIndex = { key: string; terms: string | null }

type Term = { words: string[]; prefix: boolean }

/**
 * Files an alert. key: among its included whole words, the longest stem (a rare word makes few candidates); an
 * alert of prefixes only goes under its first prefix's first letters. terms: for an alert of single words only (no phrase, no prefix), its stems as a JSON array of
 * "+stem" (must be there) and "-stem" (must not), which decide a match by set lookups, without parsing a MATCH.
 */
export function alertIndex(
  db: Runner,
  alert: { include: readonly Term[]; exclude: readonly Term[] },
): AlertIndex {
  ensureMatchTables(db)
  const whole = alert.include.flatMap((term) => (term.prefix ? term.words.slice(0, -1) : term.words))
  const single = (term: Term) => term.words.length === 1 && !term.prefix
  const simple = alert.include.every(single) && alert.exclude.every(single)
  const excludedWords = simple ? alert.exclude.map((term) => term.words[0]!) : []
  const prefix = alert.include.find((term) => term.prefix)?.words.at(-1)
  const allStems = stemsOf(db, [...whole, ...excludedWords, ...(prefix ? [prefix] : [])])
  const candidates = [...new Set(allStems.slice(0, whole.length).flat())]
  // The longest stem: long words are the rarer ones, a stand-in for counting releases that costs nothing (asking
  // FTS5 how many releases hold a common word reads its whole doclist, about a millisecond and a half a word).
  const longest = candidates.reduce<string | undefined>(
    (x, y) => (x && x.length >= y.length ? x : y),
    undefined,
  )
  const best = longest === undefined ? undefined : { key: `w:${longest}` }
  let terms: string | null = null
  const excluded = allStems.slice(whole.length, whole.length + excludedWords.length)
  if (simple && excluded.every((list) => list.length === 1) && best) {
    // The key's own term is known to be there when the alert is a candidate: only the others are listed ('[]':
    // the key decides alone, the common case of a one-word alert).
    const others = candidates.filter((t) => `w:${t}` !== best.key).map((t) => `+${t}`)
    terms = JSON.stringify([...others, ...excluded.map((list) => `-${list[0]}`)])
  }
  if (best) return { key: best.key, terms }
  const stem = allStems.at(-1)?.[0] ?? (prefix ?? '').toLowerCase()
  return { key: `p:${stem.slice(0, PREFIX_KEY_LENGTH)}`, terms: null }
}

/**
 * Fills temp.alert_matches with, per subscription, the first of its alerts that matches release `releaseId`
 * (its topic filter included). The caller reads it in the same transaction (see fanOutRelease).
 */
export function matchAlerts(db: Runner, releaseId: number): void {
  ensureMatchTables(db)
  db.run(sql`DELETE FROM temp.alert_matches`)
  db.run(sql`DELETE FROM temp.alert_scratch`)
  // Title, summary and body as separate paragraphs: a phrase does not run from one into the next.
  db.run(sql`INSERT INTO temp.alert_scratch (rowid, t)
    SELECT 1, title || char(10) || '.' || char(10) || summary || char(10) || '.' || char(10) || body
    FROM releases WHERE id = ${releaseId}`)
  db.run(sql`DELETE FROM temp.release_terms`)
  db.run(sql`INSERT INTO temp.release_terms (term) SELECT term FROM temp.alert_scratch_terms`)
  // Candidates: the alerts filed under one of the release's keys (each stem as a word key, its first one to three
  // letters as prefix keys). Verified by their terms (a missing "+" or a present "-" term fails), else by MATCH.
  db.run(sql`
    INSERT OR IGNORE INTO temp.alert_matches (subscription_id, alert_id)
    SELECT a.subscription_id, a.id FROM alerts a
    WHERE a.key IN (
        SELECT 'w:' || term FROM temp.release_terms
        UNION SELECT 'p:' || substr(term, 1, ${PREFIX_KEY_LENGTH}) FROM temp.release_terms
        UNION SELECT 'p:' || substr(term, 1, 2) FROM temp.release_terms
        UNION SELECT 'p:' || substr(term, 1, 1) FROM temp.release_terms)
      AND CASE WHEN a.terms = '[]' THEN 1
        WHEN a.terms IS NOT NULL THEN NOT EXISTS (SELECT 1 FROM json_each(a.terms) j
                         WHERE (substr(j.value, 2) IN (SELECT term FROM temp.release_terms)) = (substr(j.value, 1, 1) = '-'))
        ELSE EXISTS (SELECT 1 FROM temp.alert_scratch WHERE alert_scratch MATCH a.match_query) END
      AND (a.topic_id IS NULL OR EXISTS (
             SELECT 1 FROM release_topics rt WHERE rt.release_id = ${releaseId} AND rt.topic_id = a.topic_id))
    ORDER BY a.id`)
  db.run(sql`DELETE FROM temp.alert_scratch`)
}
