import { Composer } from 'grammy'
import { topicName } from '../../i18n/index.ts'
import { b } from '../../render/builders.ts'
import { escapeHtml } from '../../render/escape.ts'
import { topicLabel } from '../../render/text.ts'
import { callbackPatterns } from '../callback-data.ts'
import type { BotContext } from '../context.ts'
import { canManageChat } from '../helpers/filters.ts'
import { answer, editHtml, editKeyboard, replyHtml } from '../helpers/reply.ts'
import { threadOf } from '../helpers/subscription-target.ts'
import { lookupTopic } from '../helpers/topic-lookup.ts'
import { TOPICS_PAGE_SIZE, topicKeyboard, topicsKeyboard } from '../messages/keyboards.ts'
import { PAGE_SIZE, renderReleaseList, renderTopics } from '../messages/releases.ts'

const composer = new Composer<BotContext>()

/**
 * One page of the /topics message and keyboard for a chat or forum topic, as they are now (a page past the end
 * shows the last).
 */
function topicsView(ctx: BotContext, chatId: number, requestedPage = 0) {
  const threadId = threadOf(ctx)
  const { store } = ctx.deps
  // Counted and read through indexes, one page at a time: an archive can hold hundreds of thousands of topics.
  const listed = store.topics.listedCount()
  const pages = Math.max(1, Math.ceil(listed / TOPICS_PAGE_SIZE))
  const page = Math.min(requestedPage, pages - 1)
  const topics = store.topics.page({ offset: page * TOPICS_PAGE_SIZE, limit: TOPICS_PAGE_SIZE })
  const followed = new Set(store.chats.topicSlugs(chatId, threadId))
  const chat = store.chats.get(chatId)
  const sub = store.chats.subscription(chatId, threadId)
  const mode = chat?.status === 'active' && sub?.status === 'active' ? sub.mode : undefined
  const html = renderTopics({ topics, followed, mode, page: { page, pages } }, ctx)
  return {
    html,
    keyboard: listed > 0 ? topicsKeyboard(topics, followed, ctx, { page, pages }) : undefined,
  }
}

composer.command('topics', (ctx) => {
  const view = topicsView(ctx, ctx.chat.id)
  return replyHtml(ctx, view.html, view.keyboard)
})

/** /topic <name>: the latest releases in it, with a follow/unfollow button. */
composer.command('topic', (ctx) => {
  const name = ctx.match.trim()
  if (!name) return replyHtml(ctx, ctx.t('topic-usage'))
  const found = lookupTopic(ctx.deps.store, name, ctx)
  if (found.kind === 'unknown') return replyHtml(ctx, found.html)
  const { topic } = found
  const releases = ctx.deps.store.releases.latest({ limit: PAGE_SIZE, topicSlug: topic.slug })
  const html = renderReleaseList(
    `🗂 ${b(ctx.t('topic-latest', { name: topicLabel(topicName(topic, ctx.locale)) }))}`,
    releases,
    escapeHtml(ctx.t('topic-empty')),
    ctx,
  )
  const following = ctx.deps.store.chats.topicSlugs(ctx.chat.id, threadOf(ctx)).includes(topic.slug)
  return replyHtml(ctx, html, topicKeyboard(topic, following, ctx))
})

type Toggled = {
  chatId: number
  topic: { id: number; name: string; names: string | null }
  following: boolean
}

/** The button's answer (at most 200 characters, which the capped topic name keeps it under). */
const toggledText = (ctx: BotContext, done: Toggled) =>
  ctx.t(done.following ? 'topic-following' : 'topic-unfollowed', {
    name: topicLabel(topicName(done.topic, ctx.locale)),
  })

/**
 * Toggles a topic for the chat the button is in. Returns the topic and its new state, or the reason nothing
 * changed (not allowed, chat never subscribed, topic gone) for the button's answer.
 */
async function toggle(ctx: BotContext, topicId: number): Promise<Toggled | string> {
  const chatId = ctx.chat?.id
  if (chatId === undefined) return ctx.t('button-stale')
  if (!(await canManageChat(ctx))) return ctx.t('group-admins-only')
  // Topics hang on a subscription: a chat (or forum topic) that never sent /start has none.
  const threadId = threadOf(ctx)
  if (!ctx.deps.store.chats.subscription(chatId, threadId)) return ctx.t('button-not-subscribed')
  const topic = ctx.deps.store.topics.byId(topicId)
  if (!topic) return ctx.t('topic-gone')
  const following = ctx.deps.store.chats.toggleTopic(chatId, topic.id, threadId)
  return { chatId, topic, following }
}

composer.callbackQuery(callbackPatterns.topicsPage, async (ctx) => {
  const chatId = ctx.chat?.id
  if (chatId === undefined) return answer(ctx, ctx.t('button-stale'))
  const view = topicsView(ctx, chatId, Number(ctx.match[1]))
  await editHtml(ctx, view.html, view.keyboard)
  await answer(ctx)
})

composer.callbackQuery(callbackPatterns.topicsToggle, async (ctx) => {
  const done = await toggle(ctx, Number(ctx.match[1]))
  if (typeof done === 'string') return answer(ctx, done)
  const view = topicsView(ctx, done.chatId, Number(ctx.match[2] ?? 0))
  await editHtml(ctx, view.html, view.keyboard)
  await answer(ctx, toggledText(ctx, done))
})

composer.callbackQuery(callbackPatterns.topicToggle, async (ctx) => {
  const done = await toggle(ctx, Number(ctx.match[1]))
  if (typeof done === 'string') return answer(ctx, done)
  await editKeyboard(ctx, topicKeyboard(done.topic, done.following, ctx))
  await answer(ctx, toggledText(ctx, done))
})

export { composer as topicsFeature }
