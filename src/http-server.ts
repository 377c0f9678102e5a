import type { ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { settleWithin } from './util/with-timeout.ts'
import { buildHttp, type HttpDeps } from './web/build-http.ts'

export type HttpServer = {
  port: number
  /**
   * Stops accepting connections and lets requests in progress (webhook updates being handled) finish, for up to
   * `graceMs`; then drops whatever connections are left.
   */
  close(graceMs?: number): Promise<void>
}

/**
 * The HTTP side (src/web/build-http.ts) listening on PORT, with the graceful close the process needs: Fastify's
 * own close waits for requests in progress without a bound, so this one bounds the wait.
 */
export async function createHttpServer(deps: HttpDeps): Promise<HttpServer> {
  const { config, logger } = deps
  const app = await buildHttp(deps)
  /** Responses not yet finished, so close() can wait for them. */
  const inFlight = new Set<ServerResponse>()
  app.server.on('request', (_req, res: ServerResponse) => {
    inFlight.add(res)
    res.once('close', () => inFlight.delete(res))
  })
  await app.listen({ port: config.port ?? 0, host: '::' })
  const port = (app.server.address() as AddressInfo).port
  logger.info({ port, webhook: config.botMode === 'webhook' }, 'http server listening')
  return {
    port,
    async close(graceMs = 10_000) {
      // No new connections from now on (Node also drops the idle keep-alive ones); Fastify's close comes last.
      app.server.close()
      const pending = [...inFlight].map((res) => new Promise((resolve) => res.once('close', resolve)))
      await settleWithin(Promise.all(pending), graceMs)
      if (inFlight.size > 0) logger.warn({ requests: inFlight.size }, 'closing requests still in progress')
      // Keep-alive connections that carried the finished requests, and anything past the grace period.
      app.server.closeAllConnections()
      await app.close()
    },
  }
}
