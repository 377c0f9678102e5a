import type { FastifyInstance } from 'fastify'
import { LRUCache } from 'lru-cache'
import type { ArchiveDeps } from '../deps.ts'

/** The sitemap protocol's limit of addresses in one file: the newest releases fill what the other pages leave. */
const SITEMAP_LIMIT = 50_000
/** A full sitemap takes a few hundred milliseconds to build: it is built at most once per this (5 minutes). */
const SITEMAP_TTL_MS = 300_000

/**
 * `/robots.txt` (everything but search result pages may be crawled) and `/sitemap.xml` (the home page, the topics
 * and the newest releases, with their last change). Both need PUBLIC_URL: a sitemap holds absolute addresses, and
 * one taken from a request's Host header could be anybody's.
 */
export function sitemapRoutes(app: FastifyInstance, deps: ArchiveDeps): void {
  app.get('/robots.txt', async (_request, reply) => {
    const lines = ['User-agent: *', 'Disallow: /search', 'Disallow: /metrics', 'Allow: /']
    if (deps.publicUrl) lines.push(`Sitemap: ${deps.publicUrl}/sitemap.xml`)
    return reply
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(`${lines.join('\n')}\n`)
  })

  // Failed builds are not kept (LRUCache's fetch), so a database error is retried by the next request.
  const sitemaps = new LRUCache<string, string>({
    max: 1,
    ttl: SITEMAP_TTL_MS,
    fetchMethod: (base) => buildSitemap(base),
  })

  async function buildSitemap(base: string): Promise<string> {
    const topics = deps.store.archive.topics()
    const fixed = [
      { loc: `${base}/`, lastmod: undefined },
      { loc: `${base}/topics`, lastmod: undefined },
      ...topics.map((t) => ({ loc: `${base}/topics/${encodeURIComponent(t.slug)}`, lastmod: undefined })),
    ]
    const releases = deps.store.archive.sitemap(Math.max(0, SITEMAP_LIMIT - fixed.length)).map((r) => ({
      loc: `${base}/releases/${r.id}`,
      lastmod: new Date(r.changedAt).toISOString(),
    }))
    return app.view('sitemap', { urls: [...fixed, ...releases] })
  }

  app.get('/sitemap.xml', async (_request, reply) => {
    const base = deps.publicUrl
    if (!base) return reply.code(404).type('text/plain; charset=utf-8').send('sitemap.xml needs PUBLIC_URL\n')
    const body = await sitemaps.fetch(base)
    return reply
      .type('application/xml; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(body)
  })
}
