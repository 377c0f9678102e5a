import { Composer } from 'grammy'
import { groupSources, type SourceGroup } from '../../feed/source-groups.ts'
import { callbackPatterns } from '../callback-data.ts'
import type { BotContext } from '../context.ts'
import { canManageChat } from '../helpers/filters.ts'
import { answer, editHtml, replyHtml } from '../helpers/reply.ts'
import { threadOf } from '../helpers/subscription-target.ts'
import {
  renderSources,
  SOURCES_PAGE_SIZE,
  sourceLabel,
  sourcesKeyboard,
  stateOf,
} from '../messages/sources.ts'

const composer = new Composer<BotContext>()

/** Every source readers can choose, grouped into publishers (their language editions as one). */
export function listSources(ctx: BotContext): SourceGroup[] {
  return groupSources(ctx.deps.store.sources.choosable())
}

/** One page of /sources for the chat or forum topic the update is in (a page past the end shows the last). */
function sourcesView(ctx: BotContext, chatId: number, requestedPage = 0) {
  const threadId = threadOf(ctx)
  const { store } = ctx.deps
  const all = listSources(ctx)
  const pages = Math.max(1, Math.ceil(all.length / SOURCES_PAGE_SIZE))
  const page = Math.min(requestedPage, pages - 1)
  const chat = store.chats.get(chatId)
  const sub = store.chats.subscription(chatId, threadId)
  const view = {
    groups: all.slice(page * SOURCES_PAGE_SIZE, (page + 1) * SOURCES_PAGE_SIZE),
    states: store.sources.states(chatId, threadId),
    mode: chat?.status === 'active' && sub?.status === 'active' ? sub.mode : undefined,
    page,
    pages,
  }
  return { html: renderSources(view, ctx), keyboard: all.length > 0 ? sourcesKeyboard(view, ctx) : undefined }
}

composer.command('sources', (ctx) => {
  const view = sourcesView(ctx, ctx.chat.id)
  return replyHtml(ctx, view.html, view.keyboard)
})

composer.callbackQuery(callbackPatterns.sourcesPage, async (ctx) => {
  const chatId = ctx.chat?.id
  if (chatId === undefined) return answer(ctx, ctx.t('button-stale'))
  const view = sourcesView(ctx, chatId, Number(ctx.match[1]))
  await editHtml(ctx, view.html, view.keyboard)
  await answer(ctx)
})

/** A source's button: follow it; followed, unfollow it; muted, unmute it (the way back from a push's "mute"). */
composer.callbackQuery(callbackPatterns.sourceToggle, async (ctx) => {
  const chatId = ctx.chat?.id
  if (chatId === undefined) return answer(ctx, ctx.t('button-stale'))
  if (!(await canManageChat(ctx))) return answer(ctx, ctx.t('group-admins-only'))
  const threadId = threadOf(ctx)
  const group = listSources(ctx).find((g) => g.feedIds.includes(Number(ctx.match[1])))
  if (!group) return answer(ctx, ctx.t('source-gone'))
  const state = stateOf(group, ctx.deps.store.sources.states(chatId, threadId))
  const next = state === undefined ? 'follow' : null
  if (!ctx.deps.store.sources.set(chatId, threadId, group.feedIds, next))
    return answer(ctx, ctx.t('button-not-subscribed'))
  const view = sourcesView(ctx, chatId, Number(ctx.match[2] ?? 0))
  await editHtml(ctx, view.html, view.keyboard)
  const done =
    next === 'follow' ? 'source-following' : state === 'mute' ? 'source-unmuted' : 'source-unfollowed'
  await answer(ctx, ctx.t(done, { name: sourceLabel(group) }))
})

export { composer as sourcesFeature }
