import type { FastifyInstance } from 'fastify'
import { formatDate } from '../../../i18n/dates.ts'
import { topicName, translate } from '../../../i18n/index.ts'
import { safeHref } from '../../../render/escape.ts'
import { truncateText } from '../../../render/text.ts'
import type { RouteDeps } from '../deps.ts'
import { languageName } from '../locale.ts'
import { type PageSetting, pageBase, scopedFeeds } from '../page.ts'
import { publisherTimeZone } from '../publisher-zone.ts'
import { sendPage } from '../send-page.ts'
import { notFoundPage } from './problems.ts'

/** Paragraphs of a stored body (clean text, paragraphs separated by blank lines). */
const paragraphsOf = (body: string) =>
  body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)

/**
 * `/releases/:id`: one release as it stands now (a correction replaced the text in place), in its own language,
 * dated in the publisher's time zone and the reader's format, with its image, topics, the other language editions
 * and the publisher's link; OpenGraph and Twitter card tags so a shared link shows a preview.
 */
export function releaseRoute(app: FastifyInstance, deps: RouteDeps, setting: PageSetting): void {
  app.get<{ Params: { id: number } }>(
    '/releases/:id',
    {
      schema: {
        params: {
          type: 'object',
          properties: { id: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } },
        },
        querystring: { type: 'object', properties: { lang: { type: 'string', maxLength: 16 } } },
      },
    },
    async (request, reply) => {
      const base = pageBase(request, reply, setting)
      const release = deps.store.archive.release(request.params.id)
      if (!release) return notFoundPage(request, reply, base)
      const { locale } = base
      const zone = publisherTimeZone(release.sourceConfig)
      const { topics } = release
      const date = release.publishedAt ?? release.firstSeenAt
      const title = release.title.trim() || base.l.untitled
      const summary = release.summary.trim()
      const image = release.imageUrl ? safeHref(release.imageUrl) : undefined
      const seen = new Set([release.language])
      const translations = release.translations.flatMap((t) => {
        if (seen.has(t.language)) return []
        seen.add(t.language)
        const lang = t.language ?? ''
        return [{ href: `/releases/${t.id}`, lang, label: lang ? languageName(lang) : '?' }]
      })
      const feeds = release.language
        ? scopedFeeds(`/feeds/lang/${release.language}`, languageName(release.language))
        : base.alternates
      return sendPage(request, reply, 'release', {
        ...base,
        title,
        description: truncateText(summary.replace(/\s+/g, ' '), 300),
        alternates: feeds,
        og: {
          title,
          description: truncateText(summary.replace(/\s+/g, ' '), 300),
          url: base.canonical,
          image,
          locale: release.language ?? undefined,
          published: new Date(date).toISOString(),
        },
        release: {
          title,
          lang: release.language ?? '',
          languageName: release.language ? languageName(release.language) : '',
          date: formatDate(date, locale, 'long', zone),
          iso: new Date(date).toISOString(),
          updated:
            release.updatedAt && release.updatedAt > date
              ? translate(locale, 'web-updated', {
                  date: formatDate(release.updatedAt, locale, 'long', zone),
                })
              : '',
          zone: translate(locale, 'web-time-zone', { zone }),
          source: release.source?.trim() ?? '',
          // A summary cut from the body's start would be read twice: the lead is shown only when it says more.
          summary: release.body.includes(summary.replace(/…$/, '').trim()) ? '' : summary,
          paragraphs: paragraphsOf(release.body),
          image,
          original: release.url ? safeHref(release.url) : undefined,
          topics: topics.map((topic) => ({
            href: `/topics/${encodeURIComponent(topic.slug)}`,
            name: topicName(topic, locale),
          })),
          translations,
        },
      })
    },
  )
}
