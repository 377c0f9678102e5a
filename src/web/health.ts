import type { FastifyInstance } from 'fastify'
import type { Store } from '../db/index.ts'
import type { Logger } from '../logger.ts'

export type HealthDeps = {
  store: Pick<Store, 'maintenance'>
  /** Why the service is unhealthy beyond its database (long polling died), or null while it is fine. */
  problem?: (() => string | null) | undefined
  logger: Logger
}

/** GET /healthz, open to anyone: 200 {"status":"ok"}, or 503 with the reason (database unreadable, polling dead). */
export function healthRoutes(app: FastifyInstance, deps: HealthDeps): void {
  app.get('/healthz', async (_request, reply) => {
    let status: string | null
    try {
      deps.store.maintenance.ping()
      status = deps.problem?.() ?? null
    } catch (error) {
      deps.logger.error({ err: error }, 'health check failed')
      status = 'database unavailable'
    }
    return reply
      .code(status === null ? 200 : 503)
      .type('application/json')
      .send(JSON.stringify({ status: status ?? 'ok' }))
  })
}
