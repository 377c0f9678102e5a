import { Composer } from 'grammy'
import { decodeLanguages } from '../../db/chats-repository.ts'
import type { SubscriptionRow } from '../../db/schema.ts'
import { describeDigest, subscriptionTexts } from '../../render/subscription-texts.ts'
import { callbackPatterns } from '../callback-data.ts'
import type { BotContext } from '../context.ts'
import { answer, editHtml, replyHtml } from '../reply.ts'
import { applyDigest, offeredLanguages, renderSettingsView, scheduleOf } from '../settings-view.ts'
import { hereTarget, type Target, targetFor } from '../subscription-target.ts'
import { texts } from '../texts.ts'

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
  if (!sub)
    return replyHtml(ctx, 'This chat is not subscribed yet. Send /start first, then choose settings here.')
  const { html, keyboard } = renderSettingsView(sub, target, ctx.deps.store.releases.languages())
  return replyHtml(ctx, html, keyboard)
})

type Apply = (sub: SubscriptionRow, target: Target, archive: readonly string[]) => string

/**
 * Runs a settings change for the button's subscription (the chat or topic it is in, or the channel named in its
 * data) after checking the user may change it, then re-renders. `apply` gets the archive's languages too, read
 * once for the check and the new keyboard.
 */
export async function change(ctx: BotContext, channelId: string | undefined, apply: Apply) {
  const resolved = await targetFor(ctx, channelId)
  if (!resolved.ok) return answer(ctx, resolved.text)
  const { target, subscription } = resolved
  const archive = ctx.deps.store.releases.languages()
  const done = apply(subscription, target, archive)
  const updated = ctx.deps.store.chats.subscription(target.chatId, target.threadId) ?? subscription
  const { html, keyboard } = renderSettingsView(updated, target, archive)
  await editHtml(ctx, html, keyboard)
  return answer(ctx, done)
}

/** Sets the mode of a subscription and says what it means now. */
export function setMode(ctx: BotContext, target: Target, mode: 'all' | 'topics'): string {
  const { store } = ctx.deps
  store.chats.setMode(target.chatId, mode, target.threadId)
  if (mode === 'all') return 'You will receive all releases.'
  const following = store.chats.topicSlugs(target.chatId, target.threadId).length > 0
  const alerts = store.alerts.list(target.chatId, target.threadId).length > 0
  return following || alerts
    ? subscriptionTexts.switchedToFiltered
    : 'You follow no topics and have no alerts yet: pick topics with /topics, or save an /alert.'
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
      return texts.staleButton
    const languages = toggleLanguage(decodeLanguages(sub.languages), code)
    ctx.deps.store.chats.setLanguages(target.chatId, languages, target.threadId)
    return languages ? `Languages: ${languages.join(', ')}` : 'All languages'
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
    return updated ? `Digest: ${describeDigest(scheduleOf(updated), updated.timeZone)}` : texts.staleButton
  })
})

export { composer as settingsFeature }
