import { type Api, Bot, type BotError, GrammyError, HttpError } from 'grammy'
import type { Logger } from '../logger.ts'
import { REQUEST_TIMEOUT_SECONDS, replyTransformers } from './api-limits.ts'
import { adminCommands, menuOf, publicCommands } from './commands.ts'
import type { BotContext, BotDeps } from './context.ts'
import { adminFeature } from './features/admin.ts'
import { alertsFeature } from './features/alerts.ts'
import { broadcastFeature } from './features/broadcast.ts'
import { channelFeature } from './features/channel.ts'
import { channelsFeature } from './features/channels.ts'
import { digestFeature } from './features/digest.ts'
import { createFallbackFeature } from './features/fallback.ts'
import { helpFeature } from './features/help.ts'
import { inlineFeature } from './features/inline.ts'
import { latestFeature } from './features/latest.ts'
import { createSearchFeature } from './features/search.ts'
import { settingsFeature } from './features/settings.ts'
import { startFeature } from './features/start.ts'
import { topicsFeature } from './features/topics.ts'
import { createFloodGuard } from './flood.ts'
import { withinMessageLimit } from './reply.ts'
import { createSearchCodec } from './search-codec.ts'
import { createChatSequencer } from './sequence.ts'

export type { BotContext, BotDeps, FloodLimit } from './context.ts'
export { DEFAULT_FLOOD_LIMIT } from './context.ts'

/** A short description of an error for logs: never the request URL (it holds the token). */
function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof GrammyError)
    return { method: error.method, code: error.error_code, description: error.description }
  if (error instanceof HttpError) return { http: error.message }
  return { err: error }
}

/**
 * Builds the bot with every feature installed, ready for startPolling (polling.ts) or a webhook.
 * Nothing is sent to Telegram here; with `deps.botInfo` grammY skips getMe too.
 */
export function createBot(token: string, deps: BotDeps): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, {
    client: { apiRoot: deps.apiRoot, timeoutSeconds: deps.requestTimeoutSeconds ?? REQUEST_TIMEOUT_SECONDS },
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
  })
  const codec = createSearchCodec()

  // Bounded retries on each update's own ctx.api (grammY builds one per update), so only answers retry (see
  // api-limits.ts): bot.api, used for admin notices, the command menu and broadcast progress edits, stays plain;
  // those callers log and move on. The outbox sender has its own plain Api (app.ts) and retries by itself.
  bot.use((ctx, next) => {
    ctx.deps = deps
    ctx.api.config.use(...replyTransformers())
    return next()
  })
  // Before anything that touches a chat's state: updates run concurrently across chats, in order within one.
  bot.use(createChatSequencer())
  // Commands typed in a channel arrive as channel posts with no sender: channels are managed from a private
  // chat with /subscribe_channel instead, so posts stop here (no next()).
  bot.on(['channel_post', 'edited_channel_post'], () => {})

  bot.errorBoundary(
    (error) => onHandlerError(error, deps.logger),
    createFloodGuard(deps.floodLimit),
    startFeature,
    channelFeature,
    createSearchFeature(codec),
    topicsFeature,
    latestFeature,
    settingsFeature,
    alertsFeature,
    digestFeature,
    channelsFeature,
    helpFeature,
    inlineFeature,
    adminFeature,
    broadcastFeature,
    createFallbackFeature(codec),
  )

  bot.catch((error) => {
    deps.logger.error(
      { updateId: error.ctx.update.update_id, ...describeError(error.error) },
      'unhandled bot error',
    )
  })
  return bot
}

/** Logs a handler's error and, when it can, tells the user something went wrong instead of staying silent. */
async function onHandlerError(error: BotError<BotContext>, logger: Logger): Promise<void> {
  const { ctx } = error
  logger.error({ updateId: ctx.update.update_id, ...describeError(error.error) }, 'handler failed')
  try {
    if (ctx.callbackQuery)
      await ctx.answerCallbackQuery({ text: 'Sorry, something went wrong. Please try again.' })
    else if (ctx.message && ctx.chat) await ctx.reply('Sorry, something went wrong. Please try again later.')
  } catch {
    // The chat may be unreachable (blocked, kicked): the error is already logged.
  }
}

/**
 * Publishes the "/" command menu: the public commands for everyone, and for each admin's private chat the
 * same list plus the admin commands.
 */
export async function registerCommands(api: Api, adminIds: number[]): Promise<void> {
  await api.setMyCommands(menuOf(publicCommands), { scope: { type: 'default' } })
  const forAdmins = menuOf([...publicCommands, ...adminCommands])
  // An admin who never opened a chat with the bot makes Telegram answer "chat not found": the other admins
  // still get their menu, and the caller learns which ones failed.
  const failed: string[] = []
  for (const adminId of adminIds) {
    try {
      await api.setMyCommands(forAdmins, { scope: { type: 'chat', chat_id: adminId } })
    } catch (error) {
      failed.push(`${adminId} (${error instanceof GrammyError ? error.description : String(error)})`)
    }
  }
  if (failed.length > 0) throw new Error(`could not set the admin command menu for ${failed.join(', ')}`)
}

/**
 * Sends an HTML notice (already escaped by the caller) to every admin's private chat. One admin who blocked
 * the bot or never started it must not stop the others: errors are logged per admin and swallowed.
 */
export async function notifyAdmins(
  api: Api,
  adminIds: number[],
  html: string,
  logger: Logger,
): Promise<void> {
  for (const adminId of adminIds) {
    try {
      await api.sendMessage(adminId, withinMessageLimit(html), {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
      })
    } catch (error) {
      logger.warn({ adminId, ...describeError(error) }, 'could not notify an admin')
    }
  }
}
