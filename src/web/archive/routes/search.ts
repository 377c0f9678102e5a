import type { FastifyInstance } from 'fastify'
import { topicName, translate } from '../../../i18n/index.ts'
import type { RouteDeps } from '../deps.ts'
import { ARCHIVE_QUERY_LIMIT } from '../links.ts'
import { listEntry, type PageSetting, pageBase } from '../page.ts'
import { pageLinks, pageQuery, SEARCH_MAX_PAGE, SEARCH_PAGE_SIZE } from '../paging.ts'
import { runWebSearch } from '../run-search.ts'
import { sendPage } from '../send-page.ts'
import { snippetParts } from '../snippet.ts'
import { notFoundPage } from './problems.ts'

/** Longer queries get a page saying so (the engine reads only the first words anyway). */
const MAX_QUERY_LENGTH = ARCHIVE_QUERY_LIMIT

type Query = { q?: string; page: number; lang?: string }

/**
 * `/search?q=…`: the bot's /search on a page (the same parser, engine and ranking; the chrome's language first,
 * one hit per news item), with the matched words marked. Rate-limited per client address, like any search box.
 */
export function searchRoute(app: FastifyInstance, deps: RouteDeps, setting: PageSetting): void {
  app.get<{ Querystring: Query }>(
    '/search',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: {
            q: { type: 'string' },
            page: pageQuery(SEARCH_MAX_PAGE),
            lang: { type: 'string', maxLength: 16 },
          },
        },
      },
      config: { rateLimit: { max: deps.searchPerMinute, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const base = pageBase(request, reply, setting)
      const { locale } = base
      const q = (request.query.q ?? '').trim()
      const page = request.query.page
      // The page has its own search box: the header's would be a second one.
      const shown = {
        ...base,
        q: q.slice(0, MAX_QUERY_LENGTH),
        title: base.l.searchTitle,
        noindex: true,
        searchPage: true,
      }
      if (q.length > MAX_QUERY_LENGTH) {
        const message = translate(locale, 'web-search-too-long', { limit: MAX_QUERY_LENGTH })
        return sendPage(request, reply, 'search', { ...shown, message, items: [] }, 400)
      }
      const outcome = runWebSearch(deps.store, q, {
        locale,
        limit: SEARCH_PAGE_SIZE,
        offset: (page - 1) * SEARCH_PAGE_SIZE,
      })
      if (outcome.kind === 'message')
        return sendPage(request, reply, 'search', { ...shown, ...outcome, items: [] })
      const { result, request: parsed, topic } = outcome
      if (result.hits.length === 0 && page > 1) return notFoundPage(request, reply, base)
      const words = parsed.words
      if (result.hits.length === 0) {
        const message = words
          ? translate(locale, 'web-search-nothing', { words })
          : translate(locale, 'web-search-nothing-filters')
        return sendPage(request, reply, 'search', { ...shown, message, nothing: true, items: [] })
      }
      const topicsOf = deps.store.releases.topicsOf(result.hits.map((hit) => hit.id))
      const items = result.hits.map((hit) => ({
        ...listEntry({ ...hit, date: hit.publishedAt, topics: topicsOf.get(hit.id) ?? [] }, locale),
        parts: snippetParts(hit.snippet),
      }))
      const found = words
        ? translate(locale, 'web-search-found', { total: result.total, words })
        : translate(locale, 'web-search-found-filters', { total: result.total })
      return sendPage(request, reply, 'search', {
        ...shown,
        title: `${q} · ${base.l.searchTitle}`,
        found: topic ? `${found} · ${topicName(topic, locale)}` : found,
        capped: result.capped,
        items,
        paging: pageLinks(request.url, page, page * SEARCH_PAGE_SIZE < result.total, SEARCH_MAX_PAGE),
      })
    },
  )
}
