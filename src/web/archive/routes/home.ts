import type { FastifyInstance } from 'fastify'
import { topicName, translate } from '../../../i18n/index.ts'
import type { RouteDeps } from '../deps.ts'
import { languageName } from '../locale.ts'
import { listEntry, type PageSetting, pageBase } from '../page.ts'
import { LIST_MAX_PAGE, LIST_PAGE_SIZE, pageLinks, pageQuery } from '../paging.ts'
import { sendPage } from '../send-page.ts'
import { notFoundPage } from './problems.ts'

type Query = { page: number; language?: string; topic?: string; lang?: string }

const querystring = {
  type: 'object',
  properties: {
    page: pageQuery(LIST_MAX_PAGE),
    // An empty choice in the filter form ("Any") comes as `language=`.
    language: { type: 'string', pattern: '^([a-z]{2,3})?$' },
    topic: { type: 'string', maxLength: 64 },
    lang: { type: 'string', maxLength: 16 },
  },
} as const

/** `/`: the newest releases, filtered by release language and topic (a plain GET form), paged. */
export function homeRoute(app: FastifyInstance, deps: RouteDeps, setting: PageSetting): void {
  app.get<{ Querystring: Query }>('/', { schema: { querystring } }, async (request, reply) => {
    const base = pageBase(request, reply, setting)
    const { page } = request.query
    const language = request.query.language || undefined
    const topicSlug = request.query.topic || undefined
    if (topicSlug !== undefined && deps.store.topics.bySlug(topicSlug) === undefined)
      return notFoundPage(request, reply, base)
    const list = deps.store.archive.list({
      language,
      topicSlug,
      limit: LIST_PAGE_SIZE,
      offset: (page - 1) * LIST_PAGE_SIZE,
    })
    if (page > 1 && list.items.length === 0) return notFoundPage(request, reply, base)
    const title = base.l.latestTitle
    return sendPage(request, reply, 'home', {
      ...base,
      title: page > 1 ? `${title} · ${translate(base.locale, 'web-page', { page })}` : title,
      heading: title,
      action: '/',
      items: list.items.map((item) => listEntry(item, base.locale)),
      paging: pageLinks(request.url, page, list.more, LIST_MAX_PAGE),
      languageOptions: deps.releaseLanguages().map((code) => ({
        value: code,
        label: languageName(code),
        selected: code === language,
      })),
      topicOptions: deps.store.archive.topics().map((topic) => ({
        value: topic.slug,
        label: topicName(topic, base.locale),
        selected: topic.slug === topicSlug,
      })),
    })
  })
}
