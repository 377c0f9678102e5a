import type { FastifyInstance } from 'fastify'
import type { FeedRequestDeps } from '../publish/feed-request.ts'
import { createFeedRoutes } from '../publish/routes.ts'

/**
 * /feeds/*: the published Atom and JSON feeds. Their logic (Host checks, ETag and 304, 405 for other methods) is
 * src/publish/routes.ts's, on the raw Node request and response; Fastify only routes to it, every method
 * included, so a POST still gets that module's 405.
 */
export function feedRoutes(app: FastifyInstance, deps: FeedRequestDeps): void {
  const serveFeeds = createFeedRoutes(deps)
  app.all('/feeds/*', async (request, reply) => {
    reply.hijack()
    serveFeeds(request.raw, reply.raw, new URL(request.url, 'http://localhost').pathname)
  })
}
