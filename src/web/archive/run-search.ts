import type { Store } from '../../db/index.ts'
import type { SearchPage } from '../../db/search.ts'
import { type Locale, translate } from '../../i18n/index.ts'
import { truncateText } from '../../render/text.ts'
import { resolveSourceAndLanguage } from '../../search/filters.ts'
import { hasCriteria, parseQuery, type SearchRequest } from '../../search/query.ts'

type Topic = { slug: string; name: string; names: string | null }

/** A search the page can show, or a message (plain text) saying why there is none, with topic suggestions. */
export type WebSearchOutcome =
  | { kind: 'results'; result: SearchPage; request: SearchRequest; topic: Topic | undefined }
  | { kind: 'message'; message: string; suggestions?: Array<{ href: string; label: string }> }

/**
 * Runs raw query text the way the bot's /search does: the one query language (src/search/query.ts), the store's topic
 * lookup for topic: (slug or name in any language), then the store's search with the reader's language first.
 * Never throws on user input; every problem is a message in `locale`.
 */
export function runWebSearch(
  store: Pick<Store, 'search' | 'topics' | 'feeds'>,
  text: string,
  options: { locale: Locale; limit: number; offset: number },
): WebSearchOutcome {
  const { locale } = options
  if (!text) return { kind: 'message', message: translate(locale, 'web-search-empty') }
  const parsed = parseQuery(text)
  if (!parsed.ok) return { kind: 'message', message: translate(locale, parsed.error.key, parsed.error.vars) }
  const { request } = parsed
  if (!hasCriteria(request)) return { kind: 'message', message: translate(locale, 'web-search-empty') }
  let topic: Topic | undefined
  if (request.topic) {
    const found = store.topics.lookup(request.topic)
    if (found.kind !== 'found') {
      const name = truncateText(request.topic.trim(), 64)
      return {
        kind: 'message',
        message: translate(locale, 'web-search-unknown-topic', { name }),
        suggestions:
          found.kind === 'unknown'
            ? found.suggestions.map((t) => ({ href: `/topics/${encodeURIComponent(t.slug)}`, label: t.slug }))
            : [],
      }
    }
    topic = found.topic
  }
  const resolved = resolveSourceAndLanguage(store, request)
  if (!resolved.ok)
    return { kind: 'message', message: translate(locale, resolved.error.key, resolved.error.vars) }
  const result = store.search.search(request.words, {
    languages: [locale],
    limit: options.limit,
    offset: options.offset,
    topicSlug: topic?.slug,
    from: request.from,
    to: request.to,
    ...resolved.filters,
  })
  return { kind: 'results', result, request, topic }
}
