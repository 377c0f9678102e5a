import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type Bot, webhookCallback } from 'grammy'
import type { Config } from './config.ts'
import type { Store } from './db/index.ts'
import type { Logger } from './logger.ts'
import { renderMetrics } from './metrics.ts'
import { checkMetricsAccess } from './metrics-access.ts'
import { createFeedRoutes } from './publish/routes.ts'
import { settleWithin } from './util/with-timeout.ts'

export type HttpServer = {
  port: number
  /**
   * Stops accepting connections and lets requests in progress (webhook updates being handled) finish, for up to
   * `graceMs`; then drops whatever connections are left.
   */
  close(graceMs?: number): Promise<void>
}

type Deps = {
  config: Config
  // biome-ignore lint/suspicious/noExplicitAny: any bot context type will do for the webhook adapter
  bot: Bot<any>
  store: Store
  sender: { stats(): { ratePerSecond: number; telegramDown?: { since: number } | null } }
  pollTimings?: ReadonlyMap<number, number>
  /** Why the service is unhealthy beyond its database (long polling died), or null while it is fine. */
  problem?: () => string | null
  logger: Logger
}

/**
 * The service's HTTP side on PORT: /healthz (open), Prometheus /metrics (bearer token or this machine only), the
 * published feeds under /feeds/ (see publish/routes.ts) and, in webhook mode, the Telegram webhook at
 * WEBHOOK_URL's path (grammY checks the X-Telegram-Bot-Api-Secret-Token header against WEBHOOK_SECRET).
 */
export async function createHttpServer(deps: Deps): Promise<HttpServer> {
  const { config, logger } = deps
  const webhookPath = config.webhookUrl ? new URL(config.webhookUrl).pathname : null
  const handleUpdate =
    config.botMode === 'webhook'
      ? webhookCallback(deps.bot, 'http', { secretToken: config.webhookSecret, onTimeout: 'return' })
      : null

  const healthz = (res: ServerResponse) => {
    let status: string | null
    try {
      deps.store.maintenance.ping()
      status = deps.problem?.() ?? null
    } catch (error) {
      logger.error({ err: error }, 'health check failed')
      status = 'database unavailable'
    }
    res
      .writeHead(status === null ? 200 : 503, { 'content-type': 'application/json' })
      .end(JSON.stringify({ status: status ?? 'ok' }))
  }

  // Metrics read the database: closed (shutting down) or broken, the scrape gets a 503, not a hung socket.
  const metrics = (req: IncomingMessage, res: ServerResponse) => {
    const access = checkMetricsAccess(req, config.metricsToken)
    if (!access.ok) {
      const challenge = access.status === 401 ? { 'www-authenticate': 'Bearer' } : {}
      res.writeHead(access.status, { 'content-type': 'text/plain', ...challenge }).end(access.message)
      return
    }
    let body: string
    try {
      body = renderMetrics(deps.store, deps.sender.stats(), deps.pollTimings)
    } catch (error) {
      logger.error({ err: error }, 'could not collect metrics')
      res.writeHead(503, { 'content-type': 'text/plain' }).end('metrics unavailable\n')
      return
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(body)
  }

  const feeds = createFeedRoutes({
    store: deps.store,
    publicUrl: config.publicUrl,
    publicHosts: config.publicHosts,
    logger,
  })

  /** Responses not yet finished, so close() can wait for them. */
  const inFlight = new Set<ServerResponse>()

  const route = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    if (req.method === 'GET' && path === '/healthz') return healthz(res)
    if (req.method === 'GET' && path === '/metrics') return metrics(req, res)
    if (handleUpdate && req.method === 'POST' && path === webhookPath) {
      handleUpdate(req, res).catch((error: unknown) => {
        logger.error({ err: error }, 'webhook update failed')
        if (!res.headersSent) res.writeHead(500).end()
      })
      return
    }
    if (path.startsWith('/feeds/')) return feeds(req, res, path)
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n')
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    inFlight.add(res)
    res.once('close', () => inFlight.delete(res))
    try {
      route(req, res)
    } catch (error) {
      // A throw here would take the process down with it.
      logger.error({ err: error, url: req.url }, 'http request failed')
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error\n')
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port ?? 0, resolve)
  })
  const port = (server.address() as AddressInfo).port
  logger.info({ port, webhook: webhookPath !== null && handleUpdate !== null }, 'http server listening')
  return {
    port,
    async close(graceMs = 10_000) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections()
      const pending = [...inFlight].map((res) => new Promise((resolve) => res.once('close', resolve)))
      await settleWithin(Promise.all(pending), graceMs)
      if (inFlight.size > 0) logger.warn({ requests: inFlight.size }, 'closing requests still in progress')
      // Keep-alive connections that carried the finished requests, and anything past the grace period.
      server.closeAllConnections()
      await closed
    },
  }
}
