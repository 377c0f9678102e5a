import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify'
import type { Bot } from 'grammy'
import type { Config } from '../config.ts'
import type { Store } from '../db/index.ts'
import type { Logger } from '../logger.ts'
import { registerArchive } from './archive/index.ts'
import { registerConsole } from './console/index.ts'
import { feedRoutes } from './feeds.ts'
import { healthRoutes } from './health.ts'
import { metricsRoutes } from './metrics.ts'
import { webhookRoutes } from './webhook.ts'

export type HttpDeps = {
  config: Config
  // biome-ignore lint/suspicious/noExplicitAny: any bot context type will do for the webhook adapter
  bot: Bot<any>
  store: Store
  sender: { stats(): { ratePerSecond: number; telegramDown?: { since: number } | null } }
  pollTimings?: ReadonlyMap<number, number> | undefined
  /** Why the service is unhealthy beyond its database (long polling died), or null while it is fine. */
  problem?: (() => string | null) | undefined
  logger: Logger
  /** The admins' console's hands on the running service (app.ts); without them "poll now" and sending wait for the next tick. */
  console?: { pollDue(): void; wakeSender(): void } | undefined
}

/**
 * The service's HTTP side as one Fastify instance, built but not listening (tests call `inject` on it):
 * /healthz, /metrics, the published feeds under /feeds/ and, in webhook mode, the Telegram webhook at
 * WEBHOOK_URL's path, the admins' console under /console/ (src/web/console/, with a bot token), and the public web
 * archive (src/web/archive/) unless WEB_ARCHIVE=false. Anything else is a 404; a handler that throws is a logged 500, never a crash.
 */
export async function buildHttp(deps: HttpDeps): Promise<FastifyInstance> {
  const { config, logger } = deps
  const app = Fastify({
    // pino's own type is wider than Fastify's view of a logger; the instance is the same.
    loggerInstance: logger as FastifyBaseLogger,
    // One line per request would drown the bot's own log; failures are logged where they happen.
    logController: new LogController({ disableRequestLogging: true }),
    // The webhook and the pages read nothing larger; Telegram's updates are a few kilobytes.
    bodyLimit: 1024 * 1024,
  })
  healthRoutes(app, deps)
  metricsRoutes(app, { ...deps, metricsToken: config.metricsToken })
  feedRoutes(app, {
    store: deps.store,
    publicUrl: config.publicUrl,
    publicHosts: config.publicHosts,
    logger,
  })
  if (config.botMode === 'webhook' && config.webhookUrl) {
    webhookRoutes(app, {
      bot: deps.bot,
      path: new URL(config.webhookUrl).pathname,
      secret: config.webhookSecret,
      logger,
    })
  }
  // The admins' console needs the bot token: Telegram signs its initData with it.
  if (config.botToken)
    await registerConsole(app, {
      store: deps.store,
      botToken: config.botToken,
      adminIds: config.adminIds,
      sessionSeconds: config.consoleSessionSeconds,
      configuredRatePerSecond: config.sendRatePerSecond,
      sender: deps.sender,
      pollDue: deps.console?.pollDue ?? (() => {}),
      wakeSender: deps.console?.wakeSender ?? (() => {}),
      now: Date.now,
      logger,
    })
  // The archive's pages (WEB_ARCHIVE, on by default) answer unknown addresses with a 404 page; without them, a line.
  const notFoundPage = config.webArchive
    ? await registerArchive(app, {
        store: deps.store,
        publicUrl: config.publicUrl,
        searchPerMinute: config.webSearchPerMinute,
        logger,
      })
    : undefined
  app.setNotFoundHandler(
    (request, reply) =>
      notFoundPage?.(request, reply) ?? reply.code(404).type('text/plain').send('not found\n'),
  )
  app.setErrorHandler((error, request, reply) => {
    // Schema validation and body parsing failures are the client's: say what was wrong, log nothing.
    const status = (error as { statusCode?: number }).statusCode
    if (status !== undefined && status >= 400 && status < 500)
      return reply
        .code(status)
        .type('text/plain')
        .send(`${(error as Error).message}\n`)
    logger.error({ err: error, url: request.url }, 'http request failed')
    return reply.code(500).type('text/plain').send('internal error\n')
  })
  await app.ready()
  return app
}
