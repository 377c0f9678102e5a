import { type Api, Bot, type BotError, GrammyError, HttpError } from 'grammy'
import type { BotCommandScope } from 'grammy/types'
import { DEFAULT_LOCALE, LOCALES, type Locale, toLocale, translator } from '../i18n/index.ts'
import type { Logger } from '../logger.ts'
import { adminCommands, type CommandInfo, menuOf, publicCommands } from './commands.ts'
import type { BotContext, BotDeps } from './context.ts'
import { adminFeature } from './features/admin.ts'
import { alertsFeature } from './features/alerts.ts'
import { broadcastFeature } from './features/broadcast.ts'
import { broadcastsFeature } from './features/broadcasts.ts'
import { channelFeature } from './features/channel.ts'
import { channelsFeature } from './features/channels.ts'
import { consoleFeature } from './features/console.ts'
import { digestFeature } from './features/digest.ts'
import { createFallbackFeature } from './features/fallback.ts'
import { helpFeature } from './features/help.ts'
import { inlineFeature } from './features/inline.ts'
import { latestFeature } from './features/latest.ts'
import { pushMenuFeature } from './features/push-menu.ts'
import { quietFeature } from './features/quiet.ts'
import { createSearchFeature } from './features/search.ts'
import { settingsFeature } from './features/settings.ts'
import { sourcesFeature } from './features/sources.ts'
import { startFeature } from './features/start.ts'
import { topicsFeature } from './features/topics.ts'
import { withinMessageLimit } from './helpers/reply.ts'
import { createSearchCodec } from './helpers/search-codec.ts'
import { REQUEST_TIMEOUT_SECONDS, replyTransformers } from './middleware/api-limits.ts'
import { createFloodGuard } from './middleware/flood.ts'
import { createI18nMiddleware } from './middleware/i18n.ts'
import { createChatSequencer } from './middleware/sequence.ts'

export type { BotContext, BotDeps } from './context.ts'

/** The fields that describe an error in a log line: never the request URL (it holds the token). */
function errorLogFields(error: unknown): Record<string, unknown> {
  if (error instanceof GrammyError)
    return { method: error.method, code: error.error_code, description: error.description }
  if (error instanceof HttpError) return { http: error.message }
  return { err: error }
}

/**
 * Builds the bot with every feature installed, ready for startPolling (lifecycle/polling.ts) or a webhook.
 * Nothing is sent to Telegram here; with `deps.botInfo` grammY skips getMe too.
 */
export function createBot(token: string, deps: BotDeps): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, {
    client: { apiRoot: deps.apiRoot, timeoutSeconds: deps.requestTimeoutSeconds ?? REQUEST_TIMEOUT_SECONDS },
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
  })
  const codec = createSearchCodec()

  // Bounded retries on each update's own ctx.api (grammY builds one per update), so only answers retry (see
  // middleware/api-limits.ts): bot.api, used for admin notices, the command menu and broadcast progress edits,
  // stays plain; those callers log and move on. The outbox sender has its own plain Api (app.ts) and retries by
  // itself.
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
  bot.use(createI18nMiddleware())

  bot.errorBoundary(
    (error) => onHandlerError(error, deps.logger),
    createFloodGuard(deps.floodLimit),
    startFeature,
    channelFeature,
    createSearchFeature(codec),
    topicsFeature,
    sourcesFeature,
    pushMenuFeature,
    quietFeature,
    latestFeature,
    settingsFeature,
    alertsFeature,
    digestFeature,
    channelsFeature,
    helpFeature,
    inlineFeature,
    adminFeature,
    consoleFeature,
    broadcastFeature,
    broadcastsFeature,
    createFallbackFeature(codec),
  )

  bot.catch((error) => {
    deps.logger.error(
      { updateId: error.ctx.update.update_id, ...errorLogFields(error.error) },
      'unhandled bot error',
    )
  })
  return bot
}

/** Logs a handler's error and, when it can, tells the user something went wrong instead of staying silent. */
async function onHandlerError(error: BotError<BotContext>, logger: Logger): Promise<void> {
  const { ctx } = error
  logger.error({ updateId: ctx.update.update_id, ...errorLogFields(error.error) }, 'handler failed')
  try {
    // The error may have struck before the language was known: then the apology is in English.
    const tr = translator(ctx.locale ?? DEFAULT_LOCALE)
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: tr.t('error-answer') })
    else if (ctx.message && ctx.chat) await ctx.reply(tr.t('error-reply'))
  } catch {
    // The chat may be unreachable (blocked, kicked): the error is already logged.
  }
}

/**
 * One menu per language: English without a language_code (what Telegram shows when no other list matches the
 * user's language), then each other language under its code, so Telegram picks the user's.
 */
async function setMenus(api: Api, commands: readonly CommandInfo[], scope: BotCommandScope): Promise<void> {
  for (const locale of LOCALES) {
    const language = locale === DEFAULT_LOCALE ? {} : { language_code: locale }
    await api.setMyCommands(menuOf(commands, translator(locale)), { scope, ...language })
  }
}

/**
 * Publishes the "/" command menu in every language: the public commands for everyone, and for each admin's
 * private chat the same list plus the admin commands.
 */
export async function registerCommands(api: Api, adminIds: number[]): Promise<void> {
  await setMenus(api, publicCommands, { type: 'default' })
  const forAdmins = [...publicCommands, ...adminCommands]
  // An admin who never opened a chat with the bot makes Telegram answer "chat not found": the other admins
  // still get their menu, and the caller learns which ones failed.
  const failed: string[] = []
  for (const adminId of adminIds) {
    try {
      await setMenus(api, forAdmins, { type: 'chat', chat_id: adminId })
    } catch (error) {
      failed.push(`${adminId} (${error instanceof GrammyError ? error.description : String(error)})`)
    }
  }
  if (failed.length > 0) throw new Error(`could not set the admin command menu for ${failed.join(', ')}`)
}

/**
 * Sends an HTML notice to every admin's private chat, rendered in each admin's language (their chat's stored
 * one, else English) by `render` (which escapes what it inserts). One admin who blocked the bot or never started
 * it must not stop the others: errors are logged per admin and swallowed.
 */
export async function notifyAdmins(
  api: Api,
  admins: { ids: readonly number[]; localeOf: (chatId: number) => string | null },
  render: (locale: Locale) => string,
  logger: Logger,
): Promise<void> {
  for (const adminId of admins.ids) {
    try {
      const html = render(toLocale(admins.localeOf(adminId)) ?? DEFAULT_LOCALE)
      await api.sendMessage(adminId, withinMessageLimit(html), {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
      })
    } catch (error) {
      logger.warn({ adminId, ...errorLogFields(error) }, 'could not notify an admin')
    }
  }
}
