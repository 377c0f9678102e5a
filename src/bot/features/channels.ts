import { Composer, InlineKeyboard } from 'grammy'
import { topicName } from '../../i18n/index.ts'
import { topicLabel } from '../../render/text.ts'
import { callbackData, callbackPatterns } from '../callback-data.ts'
import type { BotContext } from '../context.ts'
import { answer, editHtml, replyHtml } from '../helpers/reply.ts'
import { chatLocale } from '../helpers/subscription-settings.ts'
import { isChannelAdmin, targetFor } from '../helpers/subscription-target.ts'
import { renderSettingsView } from '../messages/settings.ts'
import { subscriptionTexts } from '../messages/subscription-texts.ts'
import { alertsView, saveAlert } from './alerts.ts'
import { parseChannelRef } from './channel.ts'

/**
 * Channel settings, from the admin's private chat: /channels lists the channels the user subscribed, each with a
 * button opening the same settings a chat has (mode, languages, digest), its topics and its alerts;
 * /channel_alert saves an alert for one. Every change asks Telegram again whether the user still administers
 * the channel (see targetFor).
 */
const composer = new Composer<BotContext>()
const inPrivate = composer.chatType('private')

inPrivate.command('channels', (ctx) => {
  const channels = ctx.deps.store.chats.channelsOf(ctx.from.id)
  if (channels.length === 0) return replyHtml(ctx, subscriptionTexts(ctx).channelsEmpty)
  const keyboard = new InlineKeyboard()
  for (const channel of channels.slice(0, 50))
    keyboard
      .text(
        subscriptionTexts(ctx).channelSettingsButton(channel.title ?? String(channel.id)),
        callbackData.channelSettings(channel.id),
      )
      .row()
  return replyHtml(ctx, subscriptionTexts(ctx).channelsList(channels.length), keyboard)
})

inPrivate.callbackQuery(callbackPatterns.channelSettings, async (ctx) => {
  const resolved = await targetFor(ctx, ctx.match[1])
  if (!resolved.ok) return answer(ctx, resolved.text)
  const view = renderSettingsView(
    resolved.subscription,
    resolved.target,
    ctx.deps.store.releases.languages(),
    ctx,
    chatLocale(ctx.deps.store, resolved.target.chatId),
  )
  await editHtml(ctx, view.html, view.keyboard)
  return answer(ctx)
})

/** A channel's topics as toggle buttons, two a row, with a way back to its settings. */
function channelTopicsView(ctx: BotContext, channelId: number, title: string) {
  const { store } = ctx.deps
  const followed = new Set(store.chats.topicSlugs(channelId))
  const topics = store.topics.page({ offset: 0, limit: 60 })
  const keyboard = new InlineKeyboard()
  topics.forEach((topic, index) => {
    const label = `${followed.has(topic.slug) ? '✅ ' : ''}${topicLabel(topicName(topic, ctx.locale))}`
    keyboard.text(label, callbackData.channelTopicToggle(topic.id, channelId))
    if (index % 2 === 1) keyboard.row()
  })
  if (topics.length % 2 === 1) keyboard.row()
  keyboard.text(subscriptionTexts(ctx).backToSettings, callbackData.channelSettings(channelId))
  const texts = subscriptionTexts(ctx)
  const html = `${texts.channelSettingsHeading(title)}\n${texts.channelTopicsTitle}`
  return { html, keyboard }
}

inPrivate.callbackQuery(callbackPatterns.channelTopics, async (ctx) => {
  const resolved = await targetFor(ctx, ctx.match[1])
  if (!resolved.ok) return answer(ctx, resolved.text)
  const { target } = resolved
  const view = channelTopicsView(ctx, target.chatId, target.channelTitle ?? '')
  await editHtml(ctx, view.html, view.keyboard)
  return answer(ctx)
})

inPrivate.callbackQuery(callbackPatterns.channelTopicToggle, async (ctx) => {
  const resolved = await targetFor(ctx, ctx.match[2])
  if (!resolved.ok) return answer(ctx, resolved.text)
  const { target } = resolved
  const topic = ctx.deps.store.topics.byId(Number(ctx.match[1]))
  if (!topic) return answer(ctx, ctx.t('topic-gone'))
  const following = ctx.deps.store.chats.toggleTopic(target.chatId, topic.id)
  const view = channelTopicsView(ctx, target.chatId, target.channelTitle ?? '')
  await editHtml(ctx, view.html, view.keyboard)
  return answer(
    ctx,
    ctx.t(following ? 'topic-following' : 'topic-unfollowed', {
      name: topicLabel(topicName(topic, ctx.locale)),
    }),
  )
})

inPrivate.callbackQuery(callbackPatterns.channelAlerts, async (ctx) => {
  const resolved = await targetFor(ctx, ctx.match[1])
  if (!resolved.ok) return answer(ctx, resolved.text)
  const view = alertsView(ctx.deps.store, resolved.target, ctx)
  const keyboard = (view.keyboard ?? new InlineKeyboard()).text(
    subscriptionTexts(ctx).backToSettings,
    callbackData.channelSettings(resolved.target.chatId),
  )
  await editHtml(ctx, `${view.html}\n\n${subscriptionTexts(ctx).channelAlertUsage}`, keyboard)
  return answer(ctx)
})

/** /channel_alert @channel <words>: an alert for a channel the user subscribed and still administers. */
inPrivate.command('channel_alert', async (ctx) => {
  const [ref, ...words] = ctx.match.trim().split(/\s+/)
  const channelRef = parseChannelRef(ref ?? '')
  if (channelRef === undefined || words.length === 0)
    return replyHtml(ctx, subscriptionTexts(ctx).channelAlertUsage)
  const channelId =
    typeof channelRef === 'number'
      ? channelRef
      : await ctx.api.getChat(channelRef).then(
          (c) => c.id,
          () => undefined,
        )
  const channel = channelId === undefined ? undefined : ctx.deps.store.chats.get(channelId)
  if (channel?.type !== 'channel') return replyHtml(ctx, subscriptionTexts(ctx).channelGone)
  if (!(await isChannelAdmin(ctx, channel.id, ctx.from.id)))
    return replyHtml(ctx, subscriptionTexts(ctx).channelNotAdmin)
  const resolved = await targetFor(ctx, String(channel.id))
  if (!resolved.ok) return replyHtml(ctx, resolved.text)
  return saveAlert(ctx, resolved.target, words.join(' '))
})

export { composer as channelsFeature }
