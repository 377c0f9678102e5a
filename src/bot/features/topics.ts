import { Composer } from 'grammy'
import { b } from '../../render/builders.ts'
import { topicLabel } from '../../render/text.ts'
import { callbackPatterns } from '../callback-data.ts'
import type { BotContext } from '../context.ts'
import { canManageChat } from '../filters.ts'
import { TOPICS_PAGE_SIZE, topicKeyboard, topicsKeyboard } from '../keyboards.ts'
import { PAGE_SIZE, renderReleaseList, renderTopics } from '../render.ts'
import { answer, editHtml, editKeyboard, replyHtml } from '../reply.ts'
import { threadOf } from '../subscription-target.ts'
import { texts } from '../texts.ts'
import { lookupTopic } from '../topic-lookup.ts'

const composer = new Composer<BotContext>()

/**
 * One page of the /topics message and keyboard for a chat or forum topic, as they are now (a page past the end
 * shows the last).
 */
function topicsView(ctx: BotContext, chatId: number, requestedPage = 0) {
  const threadId = threadOf(ctx)
  const { store } = ctx.deps
  const all = store.topics.listWithCounts()
  const pages = Math.max(1, Math.ceil(all.length / TOPICS_PAGE_SIZE))
  const page = Math.min(requestedPage, pages - 1)
  const topics = all.slice(page * TOPICS_PAGE_SIZE, (page + 1) * TOPICS_PAGE_SIZE)
  const followed = new Set(store.chats.topicSlugs(chatId, threadId))
  const chat = store.chats.get(chatId)
  const sub = store.chats.subscription(chatId, threadId)
  const mode = chat?.status === 'active' && sub?.status === 'active' ? sub.mode : undefined
  const html = renderTopics({ topics, followed, mode, page: { page, pages } })
  return { html, keyboard: all.length > 0 ? topicsKeyboard(topics, followed, { page, pages }) : undefined }
}

composer.command('topics', (ctx) => {
  const view = topicsView(ctx, ctx.chat.id)
  return replyHtml(ctx, view.html, view.keyboard)
})

/** /topic <name>: the latest releases in it, with a follow/unfollow button. */
composer.command('topic', (ctx) => {
  const name = ctx.match.trim()
  if (!name) return replyHtml(ctx, texts.topicUsage)
  const found = lookupTopic(ctx.deps.store, name)
  if (found.kind === 'unknown') return replyHtml(ctx, found.html)
  const { topic } = found
  const releases = ctx.deps.store.releases.latest({ limit: PAGE_SIZE, topicSlug: topic.slug })
  const html = renderReleaseList(
    `🗂 ${b(`Latest in ${topicLabel(topic.name)}`)}`,
    releases,
    'No releases in this topic yet.',
  )
  const following = ctx.deps.store.chats.topicSlugs(ctx.chat.id, threadOf(ctx)).includes(topic.slug)
  return replyHtml(ctx, html, topicKeyboard(topic, following))
})

type Toggled = { chatId: number; topic: { id: number; name: string }; following: boolean }

/** The button's answer (at most 200 characters, which the capped topic name keeps it under). */
const toggledText = (done: Toggled) =>
  `${done.following ? 'Following' : 'Unfollowed'} ${topicLabel(done.topic.name)}`

/**
 * Toggles a topic for the chat the button is in. Returns the topic and its new state, or the reason nothing
 * changed (not allowed, chat never subscribed, topic gone) for the button's answer.
 */
async function toggle(ctx: BotContext, topicId: number): Promise<Toggled | string> {
  const chatId = ctx.chat?.id
  if (chatId === undefined) return texts.staleButton
  if (!(await canManageChat(ctx))) return texts.groupAdminsOnly
  // Topics hang on a subscription: a chat (or forum topic) that never sent /start has none.
  const threadId = threadOf(ctx)
  if (!ctx.deps.store.chats.subscription(chatId, threadId)) return texts.notSubscribedButton
  const topic = ctx.deps.store.topics.byId(topicId)
  if (!topic) return 'That topic no longer exists. Send /topics again.'
  const following = ctx.deps.store.chats.toggleTopic(chatId, topic.id, threadId)
  return { chatId, topic, following }
}

composer.callbackQuery(callbackPatterns.topicsPage, async (ctx) => {
  const chatId = ctx.chat?.id
  if (chatId === undefined) return answer(ctx, texts.staleButton)
  const view = topicsView(ctx, chatId, Number(ctx.match[1]))
  await editHtml(ctx, view.html, view.keyboard)
  await answer(ctx)
})

composer.callbackQuery(callbackPatterns.topicsToggle, async (ctx) => {
  const done = await toggle(ctx, Number(ctx.match[1]))
  if (typeof done === 'string') return answer(ctx, done)
  const view = topicsView(ctx, done.chatId, Number(ctx.match[2] ?? 0))
  await editHtml(ctx, view.html, view.keyboard)
  await answer(ctx, toggledText(done))
})

composer.callbackQuery(callbackPatterns.topicToggle, async (ctx) => {
  const done = await toggle(ctx, Number(ctx.match[1]))
  if (typeof done === 'string') return answer(ctx, done)
  await editKeyboard(ctx, topicKeyboard(done.topic, done.following))
  await answer(ctx, toggledText(done))
})

export { composer as topicsFeature }
