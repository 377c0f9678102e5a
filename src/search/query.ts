/**
 * The one query language of /search, inline mode, `pressbot search`, /alert and the web archive:
 *   words               every word must be there, in any of its forms (see analysis.ts)
 *   word*               a prefix, as typed
 *   "a phrase"          the words in that order (each in any of its forms)
 *   -word, -"a phrase"  must not be there
 *   topic:<slug|name>   from:YYYY-MM-DD   to:YYYY-MM-DD   source:<feed id or host>   lang:<en|ru|az>
 * Pure: no database. Turning the terms into an FTS5 expression is match.ts; resolving topic: and source: against
 * the store is the caller's.
 */
import { truncateText } from '../render/text.ts'

/** One include or exclude: a word (one element) or a phrase; `prefix` marks a trailing `*` typed by the reader. */
export type QueryTerm = { words: string[]; prefix: boolean }

export type SearchRequest = {
  /** The words, phrases and exclusions as typed, filters removed (shown back to the reader). */
  words: string
  include: QueryTerm[]
  exclude: QueryTerm[]
  /** The topic as typed (slug or name); the caller resolves it against the store. */
  topic?: string | undefined
  /** The source as typed (a feed id, or its host); the caller resolves it. */
  source?: string | undefined
  /** A language code (lower case), checked against the known languages by the caller. */
  lang?: string | undefined
  /** Inclusive bounds in ms since the epoch: from the start of `from` to the end of `to` (whole UTC days). */
  from?: number | undefined
  to?: number | undefined
  /** The dates as typed, to show back to the user. */
  fromText?: string | undefined
  toText?: string | undefined
}

/** Why a query cannot run: a key of locales/*.ftl and its (plain text) variables. */
export type QueryError = { key: string; vars: Record<string, string> }

export type ParsedQuery = { ok: true; request: SearchRequest } | { ok: false; error: QueryError }

/** Terms a query may hold: FTS5 work grows with each, and nobody types more. */
const MAX_TERMS = 12
const MAX_WORD_LENGTH = 64
/** What a search reads of its text at most; longer text is cut (an alert is refused instead). */
const SEARCH_TEXT_LIMIT = 2000
/** Alerts are shown in lists and on pushes: a query longer than this is refused, not cut. */
const ALERT_QUERY_MAX_LENGTH = 200

const DAY_MS = 86_400_000
const FILTER = /^(topic|from|to|source|lang):(.*)$/iu
const WORD = /[\p{L}\p{N}\p{M}]+/gu
// A term: optional "-", then a quoted phrase or a bare token. A quote left open is no phrase: it is passed over
// and the words after it are words (a half-typed inline query must not turn into a phrase that finds nothing).
const TOKEN = /(-?)(?:"([^"]*)"|([^\s"]+)|")/gu

/** The start of a UTC day written YYYY-MM-DD, or undefined for anything else (including 2024-02-30). */
export function parseDay(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!match) return undefined
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const at = Date.UTC(year, month - 1, day)
  const date = new Date(at)
  // Date.UTC rolls Feb 30 over into March; a round trip catches every impossible date.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined
  }
  return at
}

function termOf(text: string, starred: boolean): QueryTerm | undefined {
  const words = [...text.matchAll(WORD)].map((m) => m[0].slice(0, MAX_WORD_LENGTH))
  if (words.length === 0) return undefined
  // A prefix needs two letters at least: "a*" would match half the archive.
  return { words, prefix: starred && [...(words.at(-1) ?? '')].length >= 2 }
}

const EXAMPLES: Record<string, string> = {
  topic: 'topic:energy',
  from: 'from:2024-01-31',
  to: 'to:2024-12-31',
  source: 'source:3',
  lang: 'lang:ru',
}

const error = (key: string, vars: Record<string, string> = {}): ParsedQuery => ({
  ok: false,
  error: { key, vars },
})

/**
 * Parses a query. `purpose: 'alert'` applies the alert rules: at most ALERT_QUERY_MAX_LENGTH characters and
 * MAX_TERMS terms (refused, not cut), at least one word to look for, and topic: as the only filter (an alert
 * watches new releases: dates make no sense, and language and source are the chat's settings). Never throws.
 */
export function parseQuery(text: string, purpose: 'search' | 'alert' = 'search'): ParsedQuery {
  const alert = purpose === 'alert'
  const trimmed = text.trim()
  if (alert && [...trimmed].length > ALERT_QUERY_MAX_LENGTH) return error('alert-too-long')
  const input = alert ? trimmed : trimmed.slice(0, SEARCH_TEXT_LIMIT)
  const request: SearchRequest = { words: '', include: [], exclude: [] }
  // The words as typed: the input less its filters (spans cut out), so a stray quote or "!!!" is shown back too.
  const filterSpans: Array<[number, number]> = []
  let terms = 0
  for (const match of input.matchAll(TOKEN)) {
    const negative = match[1] === '-'
    const quoted = match[2]
    let bare = match[3]
    const filter = quoted === undefined && bare !== undefined ? FILTER.exec(bare) : null
    if (filter) {
      const name = filter[1]!.toLowerCase()
      const value = filter[2]!
      if (alert && name !== 'topic') return error('alert-filter-unsupported', { filter: name })
      if (negative) return error('search-negative-filter', { filter: name })
      if (!value) return error('search-needs-value', { filter: name, example: EXAMPLES[name]! })
      const failed = applyFilter(request, name, value)
      if (failed) return failed
      filterSpans.push([match.index, match.index + match[0].length])
      continue
    }
    const starred =
      (quoted === undefined && bare?.endsWith('*')) || input[match.index + match[0].length] === '*'
    if (bare?.endsWith('*')) bare = bare.replace(/\*+$/, '')
    const term = termOf(quoted ?? bare ?? '', starred)
    if (!term) continue
    terms++
    if (terms > MAX_TERMS) {
      if (alert) return error('alert-too-many')
      break // a search reads its first terms; nobody means the thirteenth
    }
    ;(negative ? request.exclude : request.include).push(term)
  }
  if (request.from !== undefined && request.to !== undefined && request.from > request.to)
    return error('search-from-after-to', { from: request.fromText ?? '', to: request.toText ?? '' })
  if (request.include.length === 0 && request.exclude.length > 0)
    return error(alert ? 'alert-only-excludes' : 'search-only-excludes')
  if (alert && request.include.length === 0) return error('alert-usage')
  let words = ''
  let at = 0
  for (const [start, end] of filterSpans) {
    words += `${input.slice(at, start)} `
    at = end
  }
  request.words = `${words}${input.slice(at)}`.replace(/\s+/g, ' ').trim()
  return { ok: true, request }
}

function applyFilter(request: SearchRequest, name: string, value: string): ParsedQuery | undefined {
  if (name === 'topic') request.topic = value
  else if (name === 'source') request.source = value
  else if (name === 'lang') request.lang = value.toLowerCase()
  else {
    const day = parseDay(value)
    if (day === undefined)
      return error('search-not-a-date', {
        value: truncateText(value, 40),
        filter: name,
        example: EXAMPLES[name]!,
      })
    if (name === 'from') {
      request.from = day
      request.fromText = value
    } else {
      request.to = day + DAY_MS - 1
      request.toText = value
    }
  }
  return undefined
}

/** Whether a parsed search asks for anything (words or a filter); an empty one gets the usage text. */
export function hasCriteria(request: SearchRequest): boolean {
  return (
    request.words !== '' ||
    request.topic !== undefined ||
    request.source !== undefined ||
    request.lang !== undefined ||
    request.from !== undefined ||
    request.to !== undefined
  )
}
