import { Composer, InlineKeyboard } from 'grammy'
import { parseAlertQuery } from '../../db/alert-query.ts'
import { ALERTS_PER_CHAT } from '../../db/alerts-repository.ts'
import type { Store } from '../../db/index.ts'
import { subscriptionTexts } from '../../render/subscription-texts.ts'
import { callbackData, callbackPatterns } from '../callback-data.ts'
import type { BotContext } from '../context.ts'
import { answer, editHtml, replyHtml } from '../reply.ts'
import { type Target, targetFor } from '../subscription-target.ts'
import { texts } from '../texts.ts'
import { lookupTopic } from '../topic-lookup.ts'

const composer = new Composer<BotContext>()

/** /alerts: the subscription's alerts with a delete button each (carrying the channel when from /channels). */
export function alertsView(store: Store, target: Target) {
  const list = store.alerts.list(target.chatId, target.threadId)
  if (list.length === 0) return { html: subscriptionTexts.alertsEmpty, keyboard: undefined }
  const channel = target.channelTitle ? target.chatId : undefined
  const keyboard = new InlineKeyboard()
  for (const alert of list)
    keyboard
      .text(subscriptionTexts.alertDeleteButton(alert.query), callbackData.alertDelete(alert.id, channel))
      .row()
  const heading = target.channelTitle
    ? `${subscriptionTexts.channelSettingsHeading(target.channelTitle)}\n`
    : ''
  return {
    html:
      heading +
      subscriptionTexts.alertsList(
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
  const parsed = parseAlertQuery(text)
  if (!parsed.ok) {
    const error = {
      empty: subscriptionTexts.alertUsage,
      'only-excludes': subscriptionTexts.alertOnlyExcludes,
      'too-long': subscriptionTexts.alertTooLong,
      'too-many': subscriptionTexts.alertTooMany,
    }[parsed.error]
    return replyHtml(ctx, error)
  }
  let topicId: number | null = null
  if (parsed.topic !== undefined) {
    const found = lookupTopic(store, parsed.topic)
    if (found.kind === 'unknown') return replyHtml(ctx, found.html)
    topicId = found.topic.id
  }
  const query = text.trim().replace(/\s+/g, ' ')
  const outcome = store.alerts.add(target, {
    query,
    include: parsed.include,
    exclude: parsed.exclude,
    topicId,
  })
  if (outcome.kind === 'no-subscription') return replyHtml(ctx, texts.notSubscribedButton)
  if (outcome.kind === 'limit') return replyHtml(ctx, subscriptionTexts.alertLimit(ALERTS_PER_CHAT))
  if (outcome.kind === 'duplicate') return replyHtml(ctx, subscriptionTexts.alertDuplicate(query))
  ctx.deps.logger.info({ chatId: target.chatId, threadId: target.threadId }, 'alert saved')
  const saved = subscriptionTexts.alertSaved(query)
  const sub = store.chats.subscription(target.chatId, target.threadId)
  if (sub?.mode !== 'all') return replyHtml(ctx, saved)
  const channel = target.channelTitle ? target.chatId : undefined
  const keyboard = new InlineKeyboard().text(
    subscriptionTexts.switchToFiltered,
    callbackData.mode('topics', channel),
  )
  return replyHtml(ctx, `${saved}\n\n${subscriptionTexts.alertWhileAll}`, keyboard)
}

composer.command('alert', async (ctx) => {
  const resolved = await targetFor(ctx, undefined)
  if (!resolved.ok) return replyHtml(ctx, resolved.text)
  return saveAlert(ctx, resolved.target, ctx.match)
})

composer.command('alerts', async (ctx) => {
  const resolved = await targetFor(ctx, undefined)
  if (!resolved.ok) return replyHtml(ctx, resolved.text)
  const view = alertsView(ctx.deps.store, resolved.target)
  return replyHtml(ctx, view.html, view.keyboard)
})

composer.callbackQuery(callbackPatterns.alertDelete, async (ctx) => {
  const resolved = await targetFor(ctx, ctx.match[2])
  if (!resolved.ok) return answer(ctx, resolved.text)
  const { target } = resolved
  const deleted = ctx.deps.store.alerts.delete(Number(ctx.match[1]), target.chatId, target.threadId)
  const view = alertsView(ctx.deps.store, target)
  await editHtml(ctx, view.html, view.keyboard)
  return answer(ctx, deleted ? subscriptionTexts.alertDeleted : subscriptionTexts.alertGone)
})

export { composer as alertsFeature }
