import type { FastifyInstance } from 'fastify'
import type { Store } from '../db/index.ts'
import type { Logger } from '../logger.ts'
import { createFeedRoutes } from '../publish/routes.ts'

export type FeedsDeps = {
  store: Pick<Store, 'published' | 'topics'>
  publicUrl: string | undefined
  logger: Logger
}

/**
 * /feeds/*: the published Atom and JSON feeds. Their logic (Host checks, ETag and 304, 405 for other methods) is
 * src/publish/routes.ts's, on the raw Node request and response; Fastify only routes to it, every method
 * included, so a POST still gets that module's 405.
 */
export function feedRoutes(app: FastifyInstance, deps: FeedsDeps): void {
  const serveFeeds = createFeedRoutes(deps)
  app.all('/feeds/*', async (request, reply) => {
    reply.hijack()
    serveFeeds(request.raw, reply.raw, new URL(request.url, 'http://localhost').pathname)
  })
}
