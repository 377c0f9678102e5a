import type { FastifyInstance } from 'fastify'
import { TOPICS_LISTED } from '../../../db/topics-repository.ts'
import { topicName, translate } from '../../../i18n/index.ts'
import type { RouteDeps } from '../deps.ts'
import { languageName } from '../locale.ts'
import { listEntry, type PageSetting, pageBase, scopedFeeds } from '../page.ts'
import { LIST_MAX_PAGE, LIST_PAGE_SIZE, pageLinks, pageQuery } from '../paging.ts'
import { sendPage } from '../send-page.ts'
import { notFoundPage } from './problems.ts'

const langOnly = { type: 'object', properties: { lang: { type: 'string', maxLength: 16 } } } as const

/** `/topics`: every topic with its number of releases; `/topics/:slug`: a topic's newest releases, paged. */
export function topicRoutes(app: FastifyInstance, deps: RouteDeps, setting: PageSetting): void {
  app.get('/topics', { schema: { querystring: langOnly } }, async (request, reply) => {
    const base = pageBase(request, reply, setting)
    // The most used topics first, as many as /topics in the bot lists (the index keeps their counts).
    const topics = deps.store.topics
      .page({ offset: 0, limit: TOPICS_LISTED })
      .filter((topic) => topic.releaseCount > 0)
      .map((topic) => ({
        href: `/topics/${encodeURIComponent(topic.slug)}`,
        name: topicName(topic, base.locale),
        count: translate(base.locale, 'releases-count', { count: topic.releaseCount }),
      }))
    return sendPage(request, reply, 'topics', { ...base, title: base.l.topicsTitle, topics })
  })

  app.get<{ Params: { slug: string }; Querystring: { page: number; language?: string } }>(
    '/topics/:slug',
    {
      schema: {
        params: { type: 'object', properties: { slug: { type: 'string', maxLength: 64 } } },
        querystring: {
          type: 'object',
          properties: {
            page: pageQuery(LIST_MAX_PAGE),
            language: { type: 'string', pattern: '^([a-z]{2,3})?$' },
            lang: { type: 'string', maxLength: 16 },
          },
        },
      },
    },
    async (request, reply) => {
      const base = pageBase(request, reply, setting)
      const topic = deps.store.topics.bySlug(request.params.slug)
      if (!topic) return notFoundPage(request, reply, base)
      const { page } = request.query
      const language = request.query.language || undefined
      const list = deps.store.archive.list({
        topicSlug: topic.slug,
        language,
        limit: LIST_PAGE_SIZE,
        offset: (page - 1) * LIST_PAGE_SIZE,
      })
      if (page > 1 && list.items.length === 0) return notFoundPage(request, reply, base)
      const name = topicName(topic, base.locale)
      return sendPage(request, reply, 'home', {
        ...base,
        title: page > 1 ? `${name} · ${translate(base.locale, 'web-page', { page })}` : name,
        heading: name,
        action: `/topics/${encodeURIComponent(topic.slug)}`,
        alternates: scopedFeeds(`/feeds/topic/${encodeURIComponent(topic.slug)}`, name),
        items: list.items.map((item) => listEntry(item, base.locale)),
        paging: pageLinks(request.url, page, list.more, LIST_MAX_PAGE),
        languageOptions: deps.releaseLanguages().map((code) => ({
          value: code,
          label: languageName(code),
          selected: code === language,
        })),
        topicOptions: undefined,
      })
    },
  )
}
