/**
 * The `source:` and `lang:` filters of a parsed query, checked against the store: what every surface that
 * searches (the bot's /search and inline mode, the CLI, the web archive) passes on as SearchFilters.
 * `topic:` stays with each surface, which shows unknown topics its own way (the bot suggests near names).
 */
import type { Store } from '../db/index.ts'
import { LOCALES } from '../i18n/index.ts'
import type { QueryError, SearchRequest } from './query.ts'

export type ResolvedFilters = { feedIds?: number[] | undefined; language?: string | undefined }

export function resolveSourceAndLanguage(
  store: Pick<Store, 'feeds'>,
  request: Pick<SearchRequest, 'source' | 'lang'>,
): { ok: true; filters: ResolvedFilters } | { ok: false; error: QueryError } {
  const filters: ResolvedFilters = {}
  if (request.lang !== undefined) {
    if (!(LOCALES as readonly string[]).includes(request.lang))
      return {
        ok: false,
        error: {
          key: 'search-unknown-language',
          vars: { lang: request.lang, languages: LOCALES.join(', ') },
        },
      }
    filters.language = request.lang
  }
  if (request.source !== undefined) {
    const ids = store.feeds.idsForSource(request.source)
    if (ids.length === 0)
      return { ok: false, error: { key: 'search-unknown-source', vars: { source: request.source } } }
    filters.feedIds = ids
  }
  return { ok: true, filters }
}
