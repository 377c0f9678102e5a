import type { FastifyInstance } from 'fastify'
import { type Bot, webhookCallback } from 'grammy'
import type { Logger } from '../logger.ts'

export type WebhookDeps = {
  // biome-ignore lint/suspicious/noExplicitAny: any bot context type will do for the webhook adapter
  bot: Bot<any>
  /** The path of WEBHOOK_URL, where Telegram posts updates. */
  path: string
  secret: string | undefined
  logger: Logger
}

/**
 * POST <path of WEBHOOK_URL>: Telegram's updates, through grammY's Fastify adapter, which checks the
 * X-Telegram-Bot-Api-Secret-Token header against WEBHOOK_SECRET (401 otherwise) and answers once the update is
 * handled (or, past grammY's timeout, at once, leaving the handler running).
 */
export function webhookRoutes(app: FastifyInstance, deps: WebhookDeps): void {
  const handle = webhookCallback(deps.bot, 'fastify', { secretToken: deps.secret, onTimeout: 'return' })
  app.post(deps.path, async (request, reply) => {
    try {
      await handle(request, reply)
    } catch (error) {
      deps.logger.error({ err: error }, 'webhook update failed')
      if (!reply.sent) await reply.code(500).send()
    }
    return reply
  })
}
