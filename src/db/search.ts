import { type SQL, sql } from 'drizzle-orm'
import { foldLikeIndex } from '../search/fold.ts'
import { toMatchExpression } from '../search/match.ts'
import { parseQuery } from '../search/query.ts'
import type { Db } from './client.ts'
import { boundedDistance } from './edit-distance.ts'
import type { SearchReindex } from './search-reindex.ts'
import { MARK_CLOSE, MARK_OPEN } from './snippet-markers.ts'

/**
 * The FTS5 expression for the words of a query (phrases, exclusions and prefixes included; filters are the
 * caller's, as SearchFilters), or null when nothing searchable is left. See src/search/ for the language.
 */
export function toMatchQuery(userText: string, hint?: string): string | null {
  const parsed = parseQuery(userText)
  return parsed.ok ? toMatchExpression(parsed.request, hint) : null
}

/** Vocabulary terms "did you mean" compares at most per word: bounds its work on any archive (see suggest). */
const SUGGESTION_CANDIDATES = 20_000

export type SearchFilters = {
  /**
   * The reader's languages, preferred first. One news item in several languages (same translation key) is one
   * hit, in the first of these it exists in among the matches; the other editions come as `translations`.
   */
  languages?: readonly string[] | undefined
  topicSlug?: string | undefined
  /** Only releases of these feeds (`source:`). */
  feedIds?: readonly number[] | undefined
  /** Only releases in this language (`lang:`); it also decides how Latin words are analysed. */
  language?: string | undefined
  /** Inclusive bounds on the publication time, ms since the epoch. */
  from?: number | undefined
  to?: number | undefined
}

export type SearchHit = {
  id: number
  title: string
  url: string | null
  publishedAt: number | null
  /** Text around the matched words, which are wrapped in MARK_OPEN / MARK_CLOSE. */
  snippet: string
  summary: string
  language: string | null
  /** The other language editions of the news item. */
  translations?: Array<{ id: number; language: string | null; url: string | null }>
}

/** `total` counts reachable hits; `capped` says there are more matches than RANK_CANDIDATES. */
export type SearchPage = { hits: SearchHit[]; total: number; capped: boolean }

/**
 * Ranking scores every candidate, so a word found in most of a large archive ("president") would cost a full
 * scoring pass. Instead, bm25 ranks the newest RANK_CANDIDATES matches (rowid order is storage order, oldest
 * first per feed): this bounds the worst case on a large archive (bench/search.bench.ts; README, Measured figures),
 * and for press releases the newest matches are the ones people look for.
 */
export const RANK_CANDIDATES = 1000

// bm25 column weights for (title, summary, body): a word in the title counts ten times one in the body (rank()).

/** The topic and date filters as conditions on `releases r` (the date is the one every list sorts by). */
function releaseFilters(options: SearchFilters, alias = 'r'): SQL[] {
  const r = sql.raw(alias)
  const filters: SQL[] = []
  if (options.topicSlug) {
    filters.push(sql`${r}.id IN (SELECT rt.release_id FROM release_topics rt JOIN topics t ON t.id = rt.topic_id
                             WHERE t.slug = ${options.topicSlug})`)
  }
  if (options.feedIds) {
    const ids = options.feedIds.length ? options.feedIds : [-1]
    filters.push(
      sql`${r}.feed_id IN (${sql.join(
        ids.map((id) => sql`CAST(${id} AS INTEGER)`),
        sql`, `,
      )})`,
    )
  }
  if (options.language) filters.push(sql`${r}.language = ${options.language}`)
  if (options.from !== undefined)
    filters.push(sql`coalesce(${r}.published_at, ${r}.first_seen_at) >= ${options.from}`)
  if (options.to !== undefined)
    filters.push(sql`coalesce(${r}.published_at, ${r}.first_seen_at) <= ${options.to}`)
  return filters
}

/** One news item: its translation key, else the release alone. */
const itemKey = sql.raw(`coalesce(r.translation_key, 'release:' || r.id)`)

/** 0 for the reader's first language, 1 for the second…, then every other language. */
function preference(languages: readonly string[] | undefined, alias = 'r'): SQL {
  if (!languages?.length) return sql`0`
  const language = sql.raw(`${alias}.language`)
  return sql`coalesce(nullif(instr(${`,${languages.join(',')},`}, ',' || ${language} || ','), 0), 1000000)`
}

/**
 * Search over the word-form index, releases_search (migration 0014); while an archive from before it is still
 * being copied there (see search-reindex.ts), over the old porter index with the same queries: prefixes of the
 * stems still find most forms there, only ё/ə/ı are not folded yet.
 */
export function createSearch(db: Db, reindex: Pick<SearchReindex, 'ready'>) {
  const index = () => sql.raw(reindex.ready() ? 'releases_search' : 'releases_fts')
  // Of the same table the query reads (asking ready() again could name the other one mid-query).
  const rank = (fts: SQL) => sql`bm25(${fts}, 10.0, 4.0, 1.0)`

  /** Whether any release has a translation key: without one, search keeps its join-free ranking. */
  const hasTranslations = () =>
    db.get<{ one: number }>(sql`SELECT 1 AS one FROM releases WHERE translation_key IS NOT NULL LIMIT 1`) !==
    undefined

  /** Adds the other language editions to hits that have some (one query per page). */
  function withTranslations(hits: SearchHit[]): SearchHit[] {
    if (hits.length === 0 || !hasTranslations()) return hits
    const ids = sql.join(
      hits.map((h) => sql`CAST(${h.id} AS INTEGER)`),
      sql`, `,
    )
    const rows = db.all<{ hitId: number; id: number; language: string | null; url: string | null }>(sql`
      SELECT h.id AS hitId, t.id, t.language, t.url FROM releases h
      JOIN releases t ON t.translation_key = h.translation_key AND t.id <> h.id
      WHERE h.id IN (${ids}) ORDER BY t.id`)
    return hits.map((hit) => {
      const translations = rows.filter((r) => r.hitId === hit.id).map(({ hitId: _, ...t }) => t)
      return translations.length ? { ...hit, translations } : hit
    })
  }

  return {
    /**
     * Full-text search ranked by bm25. Never throws on user input: text that yields no words gives no hits.
     */
    search(userText: string, options: SearchFilters & { limit: number; offset?: number }): SearchPage {
      const fts = index()
      const match = toMatchQuery(userText, options.language ?? options.languages?.[0])
      // Filters alone list by date; words that hold nothing searchable ("!!!") find nothing.
      if (!match) return userText.trim() ? { hits: [], total: 0, capped: false } : this.browse(options)
      const filters = [sql`${fts} MATCH ${match}`, ...releaseFilters(options)]
      const where = sql.join(filters, sql` AND `)
      // The FTS table's rowid is the release id. Without filters on releases, ranking needs no join: FTS5 walks
      // its own doclists, and a thousand B-tree lookups into releases are saved.
      const from =
        filters.length > 1
          ? sql`FROM ${fts} JOIN releases r ON r.id = ${fts}.rowid WHERE ${where}`
          : sql`FROM ${fts} WHERE ${where}`
      // The oldest of the newest RANK_CANDIDATES matches, if there are that many: walking rowids newest first is cheap.
      const floor = db.get<{ id: number }>(
        sql`SELECT ${fts}.rowid AS id ${from} ORDER BY ${fts}.rowid DESC LIMIT 1 OFFSET ${RANK_CANDIDATES - 1}`,
      )
      // Constrain the FTS rowid, not r.id: only the former reaches FTS5 and skips the older doclist entries.
      // better-sqlite3 binds a JS number as a REAL, and FTS5 mishandles a REAL rowid constraint (`rowid = ?` with
      // 623.0 matched every row): every rowid compared here is cast to INTEGER.
      const candidates = floor ? sql` AND ${fts}.rowid >= CAST(${floor.id} AS INTEGER)` : sql``
      // Rank first, snippets after: SQLite evaluates every selected column for each candidate before sorting, and
      // snippet() re-reads a release's text, so asking for it here would build a thousand snippets to show five.
      const grouped = hasTranslations()
      const ranked = grouped
        ? db.all<{ id: number }>(sql`
            SELECT id FROM (
              SELECT id, score, row_number() OVER (PARTITION BY item ORDER BY preference, score, id DESC) AS n
              FROM (
                SELECT ${fts}.rowid AS id, ${rank(fts)} AS score, ${itemKey} AS item,
                       ${preference(options.languages)} AS preference
                FROM ${fts} JOIN releases r ON r.id = ${fts}.rowid WHERE ${where}${candidates}))
            WHERE n = 1 ORDER BY score, id DESC
            LIMIT ${options.limit} OFFSET ${options.offset ?? 0}`)
        : db.all<{ id: number }>(sql`
            SELECT ${fts}.rowid AS id ${from}${candidates}
            ORDER BY ${rank(fts)}, ${fts}.rowid DESC
            LIMIT ${options.limit} OFFSET ${options.offset ?? 0}`)
      const ids = ranked.map((row) => row.id)
      const details = ids.length
        ? db.all<SearchHit>(sql`
            SELECT r.id, r.title, r.url, r.published_at AS publishedAt, r.summary, r.language,
                   snippet(${fts}, -1, ${MARK_OPEN}, ${MARK_CLOSE}, '…', 24) AS snippet
            FROM ${fts} JOIN releases r ON r.id = ${fts}.rowid
            WHERE ${fts} MATCH ${match}
              AND ${fts}.rowid IN (${sql.join(
                ids.map((id) => sql`CAST(${id} AS INTEGER)`),
                sql`, `,
              )})`)
        : []
      const byId = new Map(details.map((hit) => [hit.id, hit]))
      const hits = withTranslations(ids.flatMap((id) => byId.get(id) ?? []))
      const counted = grouped
        ? sql`SELECT count(DISTINCT ${itemKey}) AS n FROM ${fts} JOIN releases r ON r.id = ${fts}.rowid WHERE ${where}`
        : sql`SELECT count(*) AS n ${from}`
      const total = floor
        ? RANK_CANDIDATES
        : hits.length < options.limit && (options.offset ?? 0) === 0
          ? hits.length
          : (db.get<{ n: number }>(counted)?.n ?? 0)
      return { hits, total, capped: floor !== undefined }
    },

    /**
     * For a query that found nothing: the same query with each word that matches nothing in the archive replaced
     * by the closest word of the archive's vocabulary (edit distance 1, or 2 for words of five letters or more;
     * among equals, the word in most releases), or null when no word could be replaced. Bounded work: each word
     * compares only vocabulary terms of its first letter and about its length, at most SUGGESTION_CANDIDATES.
     */
    suggest(userText: string, hint?: string): string | null {
      const parsed = parseQuery(userText)
      // The vocabulary is the new index's: an archive still being copied there gets no suggestions yet.
      if (!parsed.ok || !reindex.ready()) return null
      const fts = index()
      let suggestion = parsed.request.words
      let replaced = false
      const words = parsed.request.include.flatMap((term) => (term.prefix ? [] : term.words))
      for (const word of new Set(words)) {
        const single = toMatchExpression({ include: [{ words: [word], prefix: false }], exclude: [] }, hint)
        if (!single) continue
        const found = db.get(sql`SELECT 1 AS one FROM ${fts} WHERE ${fts} MATCH ${single} LIMIT 1`)
        if (found) continue
        const typed = foldLikeIndex(word)
        const first = String.fromCodePoint(typed.codePointAt(0)!)
        const max = typed.length >= 5 ? 2 : 1
        const candidates = db.all<{ term: string; doc: number }>(sql`
          SELECT term, doc FROM releases_search_vocab
          WHERE term >= ${first} AND term < ${`${first}\u{10FFFF}`}
            AND length(term) BETWEEN ${typed.length - max} AND ${typed.length + max}
          LIMIT ${SUGGESTION_CANDIDATES}`)
        let best: { term: string; doc: number; distance: number } | undefined
        for (const { term, doc } of candidates) {
          const distance = boundedDistance(typed, term, max)
          if (distance > max) continue
          if (!best || distance < best.distance || (distance === best.distance && doc > best.doc))
            best = { term, doc, distance }
        }
        if (!best) continue
        suggestion = suggestion.replace(word, best.term)
        replaced = true
      }
      return replaced ? suggestion : null
    },

    /**
     * Filters without words (`/search topic:economy from:2025-01-01`): the matching releases, newest first, the
     * summary standing in for a snippet. No filters either: nothing (there is nothing to look for).
     */
    browse(options: SearchFilters & { limit: number; offset?: number }): SearchPage {
      const filters = releaseFilters(options)
      if (filters.length === 0) return { hits: [], total: 0, capped: false }
      // One row per news item: the edition that passes the filters in the reader's first language (see `languages`).
      if (hasTranslations()) {
        const alike = sql.join(
          [sql`r3.translation_key = r.translation_key`, ...releaseFilters(options, 'r3')],
          sql` AND `,
        )
        filters.push(sql`(r.translation_key IS NULL OR r.id = (SELECT r3.id FROM releases r3 WHERE ${alike}
          ORDER BY ${preference(options.languages, 'r3')}, r3.id LIMIT 1))`)
      }
      const from = sql`FROM releases r WHERE ${sql.join(filters, sql` AND `)}`
      const hits = db.all<SearchHit>(sql`
        SELECT r.id, r.title, r.url, r.published_at AS publishedAt, r.summary, r.language, r.summary AS snippet
        ${from}
        ORDER BY coalesce(r.published_at, r.first_seen_at) DESC, r.id DESC
        LIMIT ${options.limit} OFFSET ${options.offset ?? 0}`)
      const total = db.get<{ n: number }>(sql`SELECT count(*) AS n ${from}`)?.n ?? 0
      return { hits: withTranslations(hits), total, capped: false }
    },
  }
}
