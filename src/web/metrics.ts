import type { FastifyInstance } from 'fastify'
import type { Store } from '../db/index.ts'
import type { Logger } from '../logger.ts'
import { renderMetrics } from '../metrics.ts'
import { checkMetricsAccess } from '../metrics-access.ts'

export type MetricsDeps = {
  store: Store
  sender: { stats(): { ratePerSecond: number; telegramDown?: { since: number } | null } }
  pollTimings?: ReadonlyMap<number, number> | undefined
  metricsToken: string | undefined
  logger: Logger
}

/** GET /metrics in Prometheus text: a bearer token (METRICS_TOKEN), or without one this machine only. */
export function metricsRoutes(app: FastifyInstance, deps: MetricsDeps): void {
  app.get('/metrics', async (request, reply) => {
    const access = checkMetricsAccess(request.raw, deps.metricsToken)
    if (!access.ok) {
      if (access.status === 401) reply.header('www-authenticate', 'Bearer')
      return reply.code(access.status).type('text/plain').send(access.message)
    }
    // Metrics read the database: closed (shutting down) or broken, the scrape gets a 503, not a hung socket.
    let body: string
    try {
      body = renderMetrics(deps.store, deps.sender.stats(), deps.pollTimings)
    } catch (error) {
      deps.logger.error({ err: error }, 'could not collect metrics')
      return reply.code(503).type('text/plain').send('metrics unavailable\n')
    }
    return reply.code(200).type('text/plain; version=0.0.4').send(body)
  })
}
