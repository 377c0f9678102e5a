import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type Bot, webhookCallback } from 'grammy'
import type { Config } from './config.ts'
import type { Store } from './db/index.ts'
import type { Logger } from './logger.ts'
import { renderMetrics } from './metrics.ts'

export type HttpServer = { port: number; close(): Promise<void> }

type Deps = {
  config: Config
  // biome-ignore lint/suspicious/noExplicitAny: any bot context type will do for the webhook adapter
  bot: Bot<any>
  store: Store
  sender: { stats(): { ratePerSecond: number } }
  pollTimings?: ReadonlyMap<number, number>
  logger: Logger
}

/**
 * The service's HTTP side on PORT: /healthz, Prometheus /metrics and, in webhook mode, the Telegram webhook at
 * WEBHOOK_URL's path (grammY checks the X-Telegram-Bot-Api-Secret-Token header against WEBHOOK_SECRET).
 */
export async function createHttpServer(deps: Deps): Promise<HttpServer> {
  const { config, logger } = deps
  const webhookPath = config.webhookUrl ? new URL(config.webhookUrl).pathname : null
  const handleUpdate =
    config.botMode === 'webhook'
      ? webhookCallback(deps.bot, 'http', { secretToken: config.webhookSecret, onTimeout: 'return' })
      : null

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    if (req.method === 'GET' && path === '/healthz') {
      try {
        deps.store.db.$client.prepare('SELECT 1').get()
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}')
      } catch (error) {
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"database unavailable"}')
        logger.error({ err: error }, 'health check failed')
      }
      return
    }
    if (req.method === 'GET' && path === '/metrics') {
      res
        .writeHead(200, { 'content-type': 'text/plain; version=0.0.4' })
        .end(renderMetrics(deps.store, deps.sender.stats(), deps.pollTimings))
      return
    }
    if (handleUpdate && req.method === 'POST' && path === webhookPath) {
      handleUpdate(req, res).catch((error: unknown) => {
        logger.error({ err: error }, 'webhook update failed')
        if (!res.headersSent) res.writeHead(500).end()
      })
      return
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n')
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port ?? 0, resolve)
  })
  const port = (server.address() as AddressInfo).port
  logger.info({ port, webhook: webhookPath !== null && handleUpdate !== null }, 'http server listening')
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
