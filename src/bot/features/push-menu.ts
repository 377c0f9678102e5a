import { Composer, InlineKeyboard } from 'grammy'
import { pushKeyboard } from '../../delivery/messages/release.ts'
import { topicName } from '../../i18n/index.ts'
import { safeHref } from '../../render/escape.ts'
import { topicLabel } from '../../render/text.ts'
import { callbackData, callbackPatterns } from '../callback-data.ts'
import type { BotContext } from '../context.ts'
import { canManageChat } from '../helpers/filters.ts'
import { answer, editKeyboard } from '../helpers/reply.ts'
import { threadOf } from '../helpers/subscription-target.ts'
import { sourceLabel, stateOf } from '../messages/sources.ts'
import { listSources } from './sources.ts'

/**
 * The menu under a push, opened in place by its "⋯" (only the keyboard is edited; the text stays): mute or unmute
 * the push's source, follow or unfollow each of its topics, back. A choice is the second tap and puts the push's
 * own buttons back; each one is undone in /sources or /topics (both reachable from /settings).
 */
const composer = new Composer<BotContext>()

/** A push names at most this many topics in its menu (a keyboard stays a few rows high). */
const MENU_TOPICS = 4

/** What the menu needs of the push: its release, the source it came from, and where the tap was made. */
function pushContext(ctx: BotContext, releaseId: number) {
  const chatId = ctx.chat?.id
  const release = ctx.deps.store.releases.get(releaseId)
  if (chatId === undefined || !release) return undefined
  const threadId = threadOf(ctx)
  const source =
    release.feedId === null ? undefined : listSources(ctx).find((g) => g.feedIds.includes(release.feedId!))
  return { chatId, threadId, release, source }
}

type Push = NonNullable<ReturnType<typeof pushContext>>

function menuKeyboard(ctx: BotContext, push: Push): InlineKeyboard {
  const keyboard = new InlineKeyboard()
  const { store } = ctx.deps
  if (push.source) {
    const muted = stateOf(push.source, store.sources.states(push.chatId, push.threadId)) === 'mute'
    const name = sourceLabel({ ...push.source, languages: [] })
    keyboard
      .text(
        ctx.t(muted ? 'push-unmute-source' : 'push-mute-source', { name }),
        callbackData.pushMute(push.release.id),
      )
      .row()
  }
  const followed = new Set(store.chats.topicSlugs(push.chatId, push.threadId))
  for (const topic of push.release.topics.slice(0, MENU_TOPICS)) {
    const row = store.topics.bySlug(topic.slug)
    if (!row) continue
    const name = topicLabel(topicName(row, ctx.locale))
    const key = followed.has(row.slug) ? 'push-unfollow-topic' : 'push-follow-topic'
    keyboard.text(ctx.t(key, { name }), callbackData.pushTopic(push.release.id, row.id)).row()
  }
  return keyboard.text(ctx.t('page-back'), callbackData.pushBack(push.release.id))
}

/** The push's own buttons again, as the sender rendered them (in the chat's language). */
function pushOwnKeyboard(ctx: BotContext, push: Push): InlineKeyboard {
  const href = push.release.url ? safeHref(push.release.url) : undefined
  return InlineKeyboard.from(pushKeyboard(push.release.id, href, ctx, ctx.deps.archive).inline_keyboard)
}

/** The checks every choice of the menu passes; the reason otherwise, for the button's answer. */
async function allowed(ctx: BotContext, push: Push | undefined): Promise<Push | string> {
  if (!push) return ctx.t('button-stale')
  if (!(await canManageChat(ctx))) return ctx.t('group-admins-only')
  if (!ctx.deps.store.chats.subscription(push.chatId, push.threadId)) return ctx.t('button-not-subscribed')
  return push
}

composer.callbackQuery(callbackPatterns.pushMenu, async (ctx) => {
  const push = pushContext(ctx, Number(ctx.match[1]))
  if (!push) return answer(ctx, ctx.t('button-stale'))
  await editKeyboard(ctx, menuKeyboard(ctx, push))
  await answer(ctx)
})

composer.callbackQuery(callbackPatterns.pushBack, async (ctx) => {
  const push = pushContext(ctx, Number(ctx.match[1]))
  if (!push) return answer(ctx, ctx.t('button-stale'))
  await editKeyboard(ctx, pushOwnKeyboard(ctx, push))
  await answer(ctx)
})

/** Mutes the push's source (every language edition of it); muted already, unmutes it. */
composer.callbackQuery(callbackPatterns.pushMute, async (ctx) => {
  const push = await allowed(ctx, pushContext(ctx, Number(ctx.match[1])))
  if (typeof push === 'string') return answer(ctx, push)
  if (!push.source) return answer(ctx, ctx.t('source-gone'))
  const { sources } = ctx.deps.store
  const muted = stateOf(push.source, sources.states(push.chatId, push.threadId)) === 'mute'
  sources.set(push.chatId, push.threadId, push.source.feedIds, muted ? null : 'mute')
  await editKeyboard(ctx, pushOwnKeyboard(ctx, push))
  await answer(ctx, ctx.t(muted ? 'source-unmuted' : 'push-source-muted', { name: sourceLabel(push.source) }))
})

composer.callbackQuery(callbackPatterns.pushTopic, async (ctx) => {
  const push = await allowed(ctx, pushContext(ctx, Number(ctx.match[1])))
  if (typeof push === 'string') return answer(ctx, push)
  const topic = ctx.deps.store.topics.byId(Number(ctx.match[2]))
  if (!topic) return answer(ctx, ctx.t('topic-gone'))
  const following = ctx.deps.store.chats.toggleTopic(push.chatId, topic.id, push.threadId)
  await editKeyboard(ctx, pushOwnKeyboard(ctx, push))
  const name = topicLabel(topicName(topic, ctx.locale))
  await answer(ctx, ctx.t(following ? 'topic-following' : 'topic-unfollowed', { name }))
})

export { composer as pushMenuFeature }
