/**
 * The chat's language on every update (see src/i18n/ for the texts): `ctx.locale`, and `ctx.t` from grammY's i18n
 * plugin bound to it.
 */
import { Composer } from 'grammy'
import { DEFAULT_LOCALE, i18n, type Locale, toLocale } from '../../i18n/index.ts'
import type { BotContext } from '../context.ts'

/**
 * The language to answer in: the chat's stored choice (/settings, or the subscriber's language at /start),
 * else the sender's Telegram language when it is one of ours ("ru-RU" counts as "ru"), else English. Updates
 * without a chat (inline queries) use the sender's private chat with the bot.
 */
function negotiateLocale(ctx: BotContext): Locale {
  const chatId = ctx.chat?.id ?? ctx.from?.id
  const stored = chatId === undefined ? undefined : toLocale(ctx.deps.store.chats.localeOf(chatId))
  return stored ?? toLocale(ctx.from?.language_code) ?? DEFAULT_LOCALE
}

/**
 * Installs grammY's i18n plugin (ctx.t, ctx.i18n) and points it at {@link negotiateLocale}'s answer, kept in
 * ctx.locale for renderers and dates. Needs ctx.deps (installed before).
 */
export function createI18nMiddleware() {
  const composer = new Composer<BotContext>()
  composer.use(i18n().middleware())
  composer.use((ctx, next) => {
    switchLocale(ctx, negotiateLocale(ctx))
    return next()
  })
  return composer
}

/** Switches the rest of this update to `locale` (after the chat chose it in /settings). */
export function switchLocale(ctx: BotContext, locale: Locale): void {
  ctx.locale = locale
  ctx.i18n.useLocale(locale)
}
