/**
 * Matching saved alerts against one new release, inside the transaction that stores and fans it out.
 *
 * Checking 100,000 alerts one by one against each release would take seconds. Each alert is instead filed under
 * one key, 'p:<letters>', the first letters (at most KEY_LENGTH) that some word of every release it matches
 * must start with: an alert's words are searched as prefixes of their stems (src/search/analysis.ts), so its key
 * is the start of its most selective word's shortest form, tokenized by SQLite itself (a scratch FTS5 table with
 * the archive's tokenizer), so a key is what FTS5 would match, folding and diacritics included. A new release's
 * words give the keys it holds (each word's first one to KEY_LENGTH letters); only the alerts filed under those
 * are candidates, and each candidate is then checked exactly, with its MATCH expression, against the scratch
 * table holding that one release alone (the same tokenizer and folding as releases_fts; a one-document index
 * answers a prefix or a phrase in microseconds, where the archive's index would walk every doclist of the prefix).
 */
import { type SQL, sql } from 'drizzle-orm'
import { wordForms } from '../search/analysis.ts'
import { foldSql, foldWord } from '../search/fold.ts'
import type { QueryTerm } from '../search/query.ts'
import type { Runner } from './client.ts'

/** Letters a key keeps at most: longer keys make fewer candidates, and each release offers this many per word. */
const KEY_LENGTH = 6

/**
 * The temporary tables matching uses, per connection: a scratch FTS5 table (tokenizer of releases_fts), its
 * vocabulary, the release's terms as an indexed set, and the matches of the release being fanned out. Temporary tables live outside the database file: nothing to migrate, nothing left behind.
 */
function ensureMatchTables(db: Runner): void {
  db.run(sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.alert_scratch USING fts5(t,
    tokenize = 'unicode61 remove_diacritics 2')`)
  db.run(
    sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.alert_scratch_terms USING fts5vocab(temp, alert_scratch, row)`,
  )
  db.run(sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.alert_scratch_instances
    USING fts5vocab(temp, alert_scratch, instance)`)
  db.run(sql`CREATE TABLE IF NOT EXISTS temp.release_terms (term TEXT PRIMARY KEY) WITHOUT ROWID`)
  db.run(sql`CREATE TABLE IF NOT EXISTS temp.alert_matches (
    subscription_id INTEGER PRIMARY KEY, alert_id INTEGER NOT NULL)`)
}

/** The terms FTS5 makes of each of `words`, in one pass through the scratch table (one row per word). */
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

/** Where an alert is filed (see the module comment). */
export type AlertIndex = { key: string; terms: null }

/** The shortest form a term's first word is searched in: every release it matches has a word starting so. */
function shortestForm(term: QueryTerm, hint: string | undefined): string {
  const word = term.words[0]!
  if (term.prefix && term.words.length === 1) return foldWord(word.toLowerCase())
  const forms = wordForms(word, hint)
  return forms.exact ?? forms.prefix ?? word
}

/**
 * Files an alert under the longest of its included words' shortest forms (a long start is a rare one: fewer
 * candidates), cut to KEY_LENGTH letters. `hint`: the chat's language (see analysis.ts).
 */
export function alertIndex(db: Runner, alert: { include: readonly QueryTerm[] }, hint?: string): AlertIndex {
  ensureMatchTables(db)
  const forms = alert.include.map((term) => shortestForm(term, hint))
  // SQLite's tokenizer folds the forms as it folded the release's words (case, diacritics: "şuş" -> "sus").
  const tokens = stemsOf(db, forms).map((list) => list[0] ?? '')
  const longest = tokens.reduce((x, y) => (Array.from(y).length > Array.from(x).length ? y : x), '')
  return { key: `p:${Array.from(longest).slice(0, KEY_LENGTH).join('')}`, terms: null }
}

/**
 * The matches of one release: a table of (subscription_id, alert_id), one row per subscription (its first
 * matching alert), to be read in the same transaction as `${matches.table}` (see fanOutRelease). Its name stays
 * in here.
 */
export type AlertMatches = { table: SQL }

const MATCHES: AlertMatches = { table: sql.raw('temp.alert_matches') }

/**
 * Matches release `releaseId` against every saved alert (its topic filter included) and returns the matches.
 */
export function matchAlerts(db: Runner, releaseId: number): AlertMatches {
  ensureMatchTables(db)
  db.run(sql`DELETE FROM temp.alert_matches`)
  db.run(sql`DELETE FROM temp.alert_scratch`)
  // Title, summary and body as separate paragraphs: a phrase does not run from one into the next.
  db.run(sql`INSERT INTO temp.alert_scratch (rowid, t)
    SELECT 1, ${sql.raw(foldSql(`title || char(10) || '.' || char(10) || summary || char(10) || '.' || char(10) || body`))}
    FROM releases WHERE id = ${releaseId}`)
  db.run(sql`DELETE FROM temp.release_terms`)
  db.run(sql`INSERT INTO temp.release_terms (term) SELECT term FROM temp.alert_scratch_terms`)
  // Candidates: the alerts filed under one of the release's keys (each word's first one to KEY_LENGTH letters),
  // each verified by its MATCH expression.
  const keys = sql.join(
    Array.from(
      { length: KEY_LENGTH },
      (_, k) => sql`SELECT 'p:' || substr(term, 1, ${k + 1}) FROM temp.release_terms`,
    ),
    sql` UNION `,
  )
  db.run(sql`
    INSERT OR IGNORE INTO temp.alert_matches (subscription_id, alert_id)
    SELECT a.subscription_id, a.id FROM alerts a
    WHERE a.key IN (${keys})
      AND EXISTS (SELECT 1 FROM temp.alert_scratch WHERE alert_scratch MATCH a.match_query)
      AND (a.topic_id IS NULL OR EXISTS (
             SELECT 1 FROM release_topics rt WHERE rt.release_id = ${releaseId} AND rt.topic_id = a.topic_id))
    ORDER BY a.id`)
  db.run(sql`DELETE FROM temp.alert_scratch`)
  return MATCHES
}
