import { Composer, InlineKeyboard } from 'grammy'
import { ALERTS_PER_CHAT } from '../../db/alerts-repository.ts'
import type { Store } from '../../db/index.ts'
import type { Translator } from '../../i18n/index.ts'
import { escapeHtml } from '../../render/escape.ts'
import { parseQuery } from '../../search/query.ts'
import { callbackData, callbackPatterns } from '../callback-data.ts'
import type { BotContext } from '../context.ts'
import { readerLanguages } from '../helpers/reader-languages.ts'
import { answer, editHtml, replyHtml } from '../helpers/reply.ts'
import { type Target, targetFor } from '../helpers/subscription-target.ts'
import { lookupTopic } from '../helpers/topic-lookup.ts'
import { subscriptionTexts } from '../messages/subscription-texts.ts'

const composer = new Composer<BotContext>()

/** /alerts: the subscription's alerts with a delete button each (carrying the channel when from /channels). */
export function alertsView(store: Store, target: Target, tr: Translator) {
  const texts = subscriptionTexts(tr)
  const list = store.alerts.list(target.chatId, target.threadId)
  if (list.length === 0) return { html: texts.alertsEmpty, keyboard: undefined }
  const channel = target.channelTitle ? target.chatId : undefined
  const keyboard = new InlineKeyboard()
  for (const alert of list)
    keyboard.text(texts.alertDeleteButton(alert.query), callbackData.alertDelete(alert.id, channel)).row()
  const heading = target.channelTitle ? `${texts.channelSettingsHeading(target.channelTitle)}\n` : ''
  return {
    html:
      heading +
      texts.alertsList(
        list.map((a) => a.query),
        ALERTS_PER_CHAT,
      ),
    keyboard,
  }
}

/**
 * Saves an alert for a subscription and says what happens now; a chat that receives everything is told so, with
 * a button to receive only its topics and alerts.
 */
export function saveAlert(ctx: BotContext, target: Target, text: string) {
  const { store } = ctx.deps
  const parsed = parseQuery(text, 'alert')
  if (!parsed.ok) {
    const texts = subscriptionTexts(ctx)
    const known: Record<string, string> = {
      'alert-usage': texts.alertUsage,
      'alert-only-excludes': texts.alertOnlyExcludes,
      'alert-too-long': texts.alertTooLong,
      'alert-too-many': texts.alertTooMany,
    }
    const { key, vars } = parsed.error
    const escaped = Object.fromEntries(Object.entries(vars).map(([name, value]) => [name, escapeHtml(value)]))
    return replyHtml(ctx, known[key] ?? ctx.t(key, escaped))
  }
  const { include, exclude, topic } = parsed.request
  let topicId: number | null = null
  if (topic !== undefined) {
    const found = lookupTopic(store, topic, ctx)
    if (found.kind === 'unknown') return replyHtml(ctx, found.html)
    topicId = found.topic.id
  }
  const query = text.trim().replace(/\s+/g, ' ')
  const outcome = store.alerts.add(target, {
    query,
    include,
    exclude,
    topicId,
    language: readerLanguages(ctx)[0] ?? ctx.locale,
  })
  if (outcome.kind === 'no-subscription') return replyHtml(ctx, ctx.t('button-not-subscribed'))
  if (outcome.kind === 'limit') return replyHtml(ctx, subscriptionTexts(ctx).alertLimit(ALERTS_PER_CHAT))
  if (outcome.kind === 'duplicate') return replyHtml(ctx, subscriptionTexts(ctx).alertDuplicate(query))
  ctx.deps.logger.info({ chatId: target.chatId, threadId: target.threadId }, 'alert saved')
  const saved = subscriptionTexts(ctx).alertSaved(query)
  const sub = store.chats.subscription(target.chatId, target.threadId)
  if (sub?.mode !== 'all') return replyHtml(ctx, saved)
  const channel = target.channelTitle ? target.chatId : undefined
  const keyboard = new InlineKeyboard().text(
    subscriptionTexts(ctx).switchToFiltered,
    callbackData.mode('topics', channel),
  )
  return replyHtml(ctx, `${saved}\n\n${subscriptionTexts(ctx).alertWhileAll}`, keyboard)
}

composer.command('alert', async (ctx) => {
  const resolved = await targetFor(ctx, undefined)
  if (!resolved.ok) return replyHtml(ctx, resolved.text)
  return saveAlert(ctx, resolved.target, ctx.match)
})

composer.command('alerts', async (ctx) => {
  const resolved = await targetFor(ctx, undefined)
  if (!resolved.ok) return replyHtml(ctx, resolved.text)
  const view = alertsView(ctx.deps.store, resolved.target, ctx)
  return replyHtml(ctx, view.html, view.keyboard)
})

composer.callbackQuery(callbackPatterns.alertDelete, async (ctx) => {
  const resolved = await targetFor(ctx, ctx.match[2])
  if (!resolved.ok) return answer(ctx, resolved.text)
  const { target } = resolved
  const deleted = ctx.deps.store.alerts.delete(Number(ctx.match[1]), target.chatId, target.threadId)
  const view = alertsView(ctx.deps.store, target, ctx)
  await editHtml(ctx, view.html, view.keyboard)
  return answer(ctx, deleted ? subscriptionTexts(ctx).alertDeleted : subscriptionTexts(ctx).alertGone)
})

export { composer as alertsFeature }
