import type { FastifyInstance } from 'fastify'
import type { ConsoleDeps } from './deps.ts'

/**
 * GET /console/api/delivery: the chart's series (per hour over 7 days, per minute over 2 hours), the queue now, the
 * send rate measured against SEND_RATE_PER_SECOND, and the last releases' deliveries. Every query is bounded (see
 * delivery-chart-repository.ts).
 */
export function deliveryRoutes(app: FastifyInstance, deps: ConsoleDeps) {
  app.get('/delivery', async () => {
    const now = deps.now()
    const { store } = deps
    return {
      hourly: store.deliveryChart.hourly(now),
      perMinute: store.deliveryChart.perMinute(now),
      queued: store.deliveries.stats(now).queued,
      rate: { now: deps.sender.stats().ratePerSecond, configured: deps.configuredRatePerSecond },
      releases: store.deliveryChart.lastReleases(),
    }
  })
}
