import { Composer } from 'grammy'
import { decodeLanguages } from '../../db/chats-repository.ts'
import type { SubscriptionRow } from '../../db/schema.ts'
import { toLocale, translator } from '../../i18n/index.ts'
import { callbackPatterns } from '../callback-data.ts'
import { menuOf, publicCommands } from '../commands.ts'
import { type BotContext, isAdmin } from '../context.ts'
import { answer, editHtml, replyHtml } from '../helpers/reply.ts'
import { applyDigest, chatLocale } from '../helpers/subscription-settings.ts'
import { hereTarget, type Target, targetFor } from '../helpers/subscription-target.ts'
import { offeredLanguages, renderSettingsView, scheduleOf } from '../messages/settings.ts'
import { describeDigest } from '../messages/subscription-texts.ts'
import { switchLocale } from '../middleware/i18n.ts'

/**
 * The chat's languages after tapping `code`: "all" clears the choice (every language); a language is added
 * or removed; removing the last one means every language again (an empty choice would receive nothing).
 */
export function toggleLanguage(current: readonly string[] | null, code: string): string[] | null {
  if (code === 'all') return null
  const chosen = new Set(current ?? [])
  if (chosen.has(code)) chosen.delete(code)
  else chosen.add(code)
  return chosen.size === 0 ? null : [...chosen].sort()
}

/** The default time of a digest switched on by a button (changed with /digest daily HH:MM). */
const DEFAULT_DIGEST_MINUTE = 8 * 60

const composer = new Composer<BotContext>()

composer.command('settings', (ctx) => {
  const target = hereTarget(ctx)!
  const sub = ctx.deps.store.chats.subscription(target.chatId, target.threadId)
  if (!sub) return replyHtml(ctx, ctx.t('settings-not-subscribed'))
  const { html, keyboard } = renderSettingsView(sub, target, ctx.deps.store.releases.languages(), ctx)
  return replyHtml(ctx, html, keyboard)
})

type Apply = (sub: SubscriptionRow, target: Target, archive: readonly string[]) => string

/**
 * Runs a settings change for the button's subscription (the chat or topic it is in, or the channel named in its
 * data) after checking the user may change it, then re-renders. `apply` gets the archive's languages too, read
 * once for the check and the new keyboard.
 */
async function change(ctx: BotContext, channelId: string | undefined, apply: Apply) {
  const resolved = await targetFor(ctx, channelId)
  if (!resolved.ok) return answer(ctx, resolved.text)
  const { target, subscription } = resolved
  const archive = ctx.deps.store.releases.languages()
  const done = apply(subscription, target, archive)
  const updated = ctx.deps.store.chats.subscription(target.chatId, target.threadId) ?? subscription
  const locale = target.channelTitle ? chatLocale(ctx.deps.store, target.chatId) : ctx.locale
  const { html, keyboard } = renderSettingsView(updated, target, archive, ctx, locale)
  await editHtml(ctx, html, keyboard)
  return answer(ctx, done)
}

/** Sets the mode of a subscription and says what it means now. */
function setMode(ctx: BotContext, target: Target, mode: 'all' | 'topics'): string {
  const { store } = ctx.deps
  store.chats.setMode(target.chatId, mode, target.threadId)
  if (mode === 'all') return ctx.t('settings-done-all')
  const following =
    store.chats.topicSlugs(target.chatId, target.threadId).length > 0 ||
    [...store.sources.states(target.chatId, target.threadId).values()].includes('follow')
  const alerts = store.alerts.list(target.chatId, target.threadId).length > 0
  return ctx.t(following || alerts ? 'settings-done-topics' : 'settings-done-no-topics')
}

composer.callbackQuery(callbackPatterns.mode, (ctx) => {
  const mode = ctx.match[1] === 'topics' ? 'topics' : 'all'
  return change(ctx, ctx.match[2], (_sub, target) => setMode(ctx, target, mode))
})

composer.callbackQuery(callbackPatterns.language, (ctx) => {
  const code = ctx.match[1] ?? ''
  return change(ctx, ctx.match[2], (sub, target, archive) => {
    // The pattern admits any code; only the offered languages are real choices.
    if (code !== 'all' && !offeredLanguages(archive, decodeLanguages(sub.languages)).includes(code))
      return ctx.t('button-stale')
    const languages = toggleLanguage(decodeLanguages(sub.languages), code)
    ctx.deps.store.chats.setLanguages(target.chatId, languages, target.threadId)
    return languages
      ? ctx.t('settings-done-languages', { languages: languages.join(', ') })
      : ctx.t('settings-done-all-languages')
  })
})

composer.callbackQuery(callbackPatterns.updateNotices, (ctx) => {
  const on = ctx.match[1] === 'on'
  return change(ctx, ctx.match[2], (_sub, target) => {
    ctx.deps.store.chats.setSound(target.chatId, target.threadId, { updateNotices: on })
    return ctx.t(on ? 'settings-done-update-notices-on' : 'settings-done-update-notices-off')
  })
})

composer.callbackQuery(callbackPatterns.digest, (ctx) => {
  const wanted = ctx.match[1] as 'off' | 'daily' | 'weekly'
  return change(ctx, ctx.match[2], (sub, target) => {
    const current = scheduleOf(sub)
    const minute = current.digest === 'off' ? DEFAULT_DIGEST_MINUTE : current.minute
    const schedule =
      wanted === 'off'
        ? ({ digest: 'off' } as const)
        : wanted === 'daily'
          ? ({ digest: 'daily', minute } as const)
          : ({
              digest: 'weekly',
              minute,
              weekday: current.digest === 'weekly' ? current.weekday : 1,
            } as const)
    applyDigest(ctx.deps.store, target, schedule, sub.timeZone, Date.now())
    const updated = ctx.deps.store.chats.subscription(target.chatId, target.threadId)
    return updated
      ? ctx.t('settings-done-digest', { digest: describeDigest(scheduleOf(updated), updated.timeZone, ctx) })
      : ctx.t('button-stale')
  })
})

/**
 * The bot's language in a chat (chat-wide: every topic of a group speaks it): stored, and, when set for the chat
 * the button is in, this very answer and page already in it. That chat's "/" menu follows (Telegram would
 * otherwise describe the commands in the app's language); an admin's private menu, with the admin commands, stays
 * as registerCommands publishes it. For a channel (from /channels) only the channel's pushes change.
 */
composer.callbackQuery(callbackPatterns.botLanguage, async (ctx) => {
  const locale = toLocale(ctx.match[1])
  const forChannel = ctx.match[2] !== undefined
  let chosen: number | undefined
  await change(ctx, ctx.match[2], (_sub, target) => {
    if (!locale || ctx.match[1] !== locale) return ctx.t('button-stale')
    ctx.deps.store.chats.setLocale(target.chatId, locale)
    if (!forChannel) switchLocale(ctx, locale)
    chosen = target.chatId
    return ctx.t('settings-done-bot-language')
  })
  if (chosen === undefined || !locale || forChannel || (ctx.chat?.type === 'private' && isAdmin(ctx))) return
  await ctx.api
    .setMyCommands(menuOf(publicCommands, translator(locale)), { scope: { type: 'chat', chat_id: chosen } })
    .catch((error: unknown) =>
      ctx.deps.logger.warn({ err: error, chatId: chosen }, 'could not set the chat menu'),
    )
})

export { composer as settingsFeature }
