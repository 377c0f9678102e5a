/**
 * The language of /alert, the same as /search's words: every word must match, `word*` matches a prefix,
 * `"a phrase"` the words in that order, `-word` (or `-"a phrase"`) excludes, `topic:<slug>` limits to a topic.
 * Pure: parsing and the FTS5 expression; picking the candidate key needs the database (see alert-match.ts).
 */

const MAX_TERMS = 12
const MAX_WORD_LENGTH = 64
/** Alerts are shown in lists and on pushes: a query longer than this is refused, not cut. */
const ALERT_QUERY_MAX_LENGTH = 200

/** One include or exclude: a word (one element) or a phrase; `prefix` marks a trailing `*`. */
export type AlertTerm = { words: string[]; prefix: boolean }

export type ParsedAlert =
  | { ok: true; include: AlertTerm[]; exclude: AlertTerm[]; topic?: string | undefined }
  | { ok: false; error: 'empty' | 'only-excludes' | 'too-long' | 'too-many' }

const WORD = /[\p{L}\p{N}\p{M}]+/gu
// A term: optional "-", then a quoted phrase or a bare token, then an optional "*".
const TOKEN = /(-?)(?:"([^"]*)"?|([^\s"]+))/gu

function termOf(text: string, starred: boolean): AlertTerm | undefined {
  const words = [...text.matchAll(WORD)].map((m) => m[0].slice(0, MAX_WORD_LENGTH))
  if (words.length === 0) return undefined
  // A prefix needs two letters at least, as in /search: "a*" would match half the archive.
  return { words, prefix: starred && (words.at(-1)?.length ?? 0) >= 2 }
}

/** Parses what follows /alert. Never throws. */
export function parseAlertQuery(text: string): ParsedAlert {
  const trimmed = text.trim()
  if ([...trimmed].length > ALERT_QUERY_MAX_LENGTH) return { ok: false, error: 'too-long' }
  const include: AlertTerm[] = []
  const exclude: AlertTerm[] = []
  let topic: string | undefined
  for (const match of trimmed.matchAll(TOKEN)) {
    const negative = match[1] === '-'
    const quoted = match[2]
    let bare = match[3]
    if (quoted === undefined && bare !== undefined) {
      const filter = /^topic:(.+)$/i.exec(bare)
      if (filter && !negative) {
        topic = filter[1]
        continue
      }
    }
    const starred =
      (quoted === undefined && bare?.endsWith('*')) || trimmed[match.index + match[0].length] === '*'
    if (bare?.endsWith('*')) bare = bare.replace(/\*+$/, '')
    const term = termOf(quoted ?? bare ?? '', starred)
    if (term) (negative ? exclude : include).push(term)
  }
  if (include.length + exclude.length > MAX_TERMS) return { ok: false, error: 'too-many' }
  if (include.length === 0) return { ok: false, error: exclude.length > 0 ? 'only-excludes' : 'empty' }
  return { ok: true, include, exclude, topic }
}

const quote = (term: AlertTerm) => `"${term.words.join(' ').replaceAll('"', '""')}"${term.prefix ? '*' : ''}`

/** The FTS5 expression: every include, none of the excludes. Every word is quoted, so nothing is syntax. */
export function toAlertMatch(alert: { include: AlertTerm[]; exclude: AlertTerm[] }): string {
  const positive = `(${alert.include.map(quote).join(' ')})`
  return [positive, ...alert.exclude.map((term) => `NOT ${quote(term)}`)].join(' ')
}
