import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fastifyCookie from '@fastify/cookie'
import fastifyEtag from '@fastify/etag'
import fastifyRateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import fastifyView from '@fastify/view'
import { Eta } from 'eta'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { translate } from '../../i18n/index.ts'
import type { ArchiveDeps } from './deps.ts'
import { type PageSetting, pageBase } from './page.ts'
import { homeRoute } from './routes/home.ts'
import { notFoundPage, problemPage } from './routes/problems.ts'
import { releaseRoute } from './routes/release.ts'
import { searchRoute } from './routes/search.ts'
import { sitemapRoutes } from './routes/sitemap.ts'
import { topicRoutes } from './routes/topics.ts'
import { shortCache } from './short-cache.ts'

const VIEWS_DIR = fileURLToPath(new URL('./views', import.meta.url))
const ASSETS_DIR = fileURLToPath(new URL('./assets', import.meta.url))

/** The stylesheet's address, versioned by its content: it may then be cached for a year. */
function stylesheetPath(): string {
  const css = readFileSync(new URL('./assets/style.css', import.meta.url))
  return `/assets/style.css?v=${createHash('sha256').update(css).digest('hex').slice(0, 12)}`
}

/** The archive's answer to what no route serves: a 404 page in the reader's language. */
export type NotFoundPage = (request: FastifyRequest, reply: FastifyReply) => FastifyReply

/**
 * The public web archive (WEB_ARCHIVE): `/`, `/search`, `/releases/:id`, `/topics`, `/topics/:slug`,
 * `/sitemap.xml`, `/robots.txt` and `/assets/`. Server-rendered by Eta with escaping on (feed text is never
 * escaped by hand), no script anywhere (see security-headers.ts), ETags on every page, search rate-limited per
 * client address. Returns the 404 page, for the instance's not-found handler.
 */
export async function registerArchive(app: FastifyInstance, deps: ArchiveDeps): Promise<NotFoundPage> {
  const setting: PageSetting = { publicUrl: deps.publicUrl, stylesheet: stylesheetPath() }
  const routeDeps = { ...deps, releaseLanguages: shortCache(60_000, () => deps.store.releases.languages()) }
  await app.register(fastifyCookie)
  await app.register(fastifyView, {
    engine: { eta: new Eta({ views: VIEWS_DIR, autoEscape: true, cache: true }) },
    root: VIEWS_DIR,
    production: true,
  })
  await app.register(async (pages) => {
    await pages.register(fastifyRateLimit, { global: false })
    await pages.register(fastifyEtag)
    await pages.register(fastifyStatic, {
      root: ASSETS_DIR,
      prefix: '/assets/',
      maxAge: '365d',
      immutable: true,
      decorateReply: false,
    })
    pages.setErrorHandler((error: FastifyError, request, reply) => {
      const base = pageBase(request, reply, setting)
      const status = error.statusCode ?? 500
      if (status === 429)
        return problemPage(request, reply, base, {
          status,
          heading: base.l.searchTitle,
          message: translate(base.locale, 'web-rate-limited'),
        })
      if (status >= 400 && status < 500)
        return problemPage(request, reply, base, {
          status: 400,
          heading: translate(base.locale, 'web-bad-request-title'),
          message: translate(base.locale, 'web-bad-request'),
        })
      deps.logger.error({ err: error, url: request.url }, 'archive page failed')
      return problemPage(request, reply, base, {
        status: 500,
        heading: translate(base.locale, 'web-error-title'),
        message: translate(base.locale, 'web-error'),
      })
    })
    homeRoute(pages, routeDeps, setting)
    searchRoute(pages, routeDeps, setting)
    releaseRoute(pages, routeDeps, setting)
    topicRoutes(pages, routeDeps, setting)
    sitemapRoutes(pages, deps)
  })
  return (request, reply) => notFoundPage(request, reply, pageBase(request, reply, setting))
}
