import type { FastifyInstance } from 'fastify'
import { topicName } from '../../i18n/index.ts'
import { shortCache } from '../archive/short-cache.ts'
import type { ConsoleDeps } from './deps.ts'
import { sessionOf } from './session.ts'

/**
 * GET /console/api/audience: subscribers by the day they joined, by language, kind of chat, mode and digest, forum
 * topics and the most followed topics. The counts read every active chat, so they are kept a minute.
 */
export function audienceRoutes(app: FastifyInstance, deps: ConsoleDeps) {
  const figures = shortCache(60_000, () => deps.store.audience.figures(deps.now()))
  app.get('/audience', async (request) => {
    const { locale } = sessionOf(request)
    const data = figures()
    return {
      ...data,
      topTopics: data.topTopics.map((topic) => ({
        slug: topic.slug,
        name: topicName(topic, locale),
        n: topic.n,
      })),
    }
  })
}
