import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { feedDisplayName } from '../../db/feed-source.ts'
import { sendError, sendInvalid } from './api-errors.ts'
import type { ConsoleDeps } from './deps.ts'
import { sessionOf } from './session.ts'

const params = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31),
})
const action = z.object({ action: z.enum(['poll', 'pause', 'resume']) })

/** Every feed and press page with what an admin checks first: is it read, when last, what went wrong. */
function sourcesOf(deps: ConsoleDeps) {
  const now = deps.now()
  return deps.store.feeds.list().map((feed) => ({
    id: feed.id,
    name: feedDisplayName(feed),
    url: feed.url,
    kind: feed.kind,
    status: feed.status,
    lastOkAt: feed.lastOkAt,
    lastPolledAt: feed.lastPolledAt,
    // Whole: the admin must see what the site answered, not the first 200 characters of it.
    lastError: feed.lastError,
    consecutiveErrors: feed.consecutiveErrors,
    // Null: at the next scheduled poll.
    nextPollAt: feed.enabled ? feed.nextPollAt : null,
    backingOff: feed.enabled && feed.nextPollAt !== null && feed.nextPollAt > now,
    releases: feed.releaseCount,
  }))
}

/**
 * GET /console/api/sources, and POST /console/api/sources/:id/{poll,pause,resume}: the operations of the CLI and
 * the bot on the same repository calls — pause is `feeds remove` (releases kept), resume is `feeds add` of its URL,
 * poll makes it due at once, as `poll --once` ignores backoff, and runs the due poll.
 */
export function sourceRoutes(app: FastifyInstance, deps: ConsoleDeps) {
  app.get('/sources', async () => ({ sources: sourcesOf(deps) }))

  app.post('/sources/:id/:action', async (request, reply) => {
    const { locale, userId } = sessionOf(request)
    const id = params.safeParse(request.params)
    if (!id.success) return sendInvalid(reply, locale, id.error)
    const what = action.safeParse(request.params)
    if (!what.success) return sendInvalid(reply, locale, what.error)
    const feed = deps.store.feeds.get(id.data.id)
    if (!feed) return sendError(reply, 404, locale, 'console-source-unknown', { id: String(id.data.id) })
    switch (what.data.action) {
      case 'poll':
        if (!deps.store.feeds.makeDue(feed.id))
          return sendError(reply, 409, locale, 'console-source-paused', { id: String(feed.id) })
        deps.pollDue()
        break
      case 'pause':
        deps.store.feeds.remove(feed.id, { purge: false })
        break
      case 'resume':
        deps.store.feeds.add({ url: feed.url }, { resume: true })
        break
    }
    deps.logger.info(
      { feedId: feed.id, action: what.data.action, by: userId },
      'source changed from the console',
    )
    return { sources: sourcesOf(deps) }
  })
}
