import type { SubscriptionRow } from '../../db/schema.ts'
import type { BotContext } from '../context.ts'
import { subscriptionTexts } from '../messages/subscription-texts.ts'
import { canManageChat } from './filters.ts'

/** The subscription an update speaks for: a chat (thread 0) or one forum topic of it. */
export type Target = { chatId: number; threadId: number; channelTitle?: string | undefined }

/**
 * The forum topic an update was sent in, or 0 for the whole chat. Only a message that is a topic message counts
 * (a reply thread in an ordinary group is not a topic); the General topic is 0, never thread id 1.
 */
export function threadOf(ctx: BotContext): number {
  const msg = ctx.msg
  if (!msg?.is_topic_message || !msg.message_thread_id || msg.message_thread_id <= 1) return 0
  return msg.message_thread_id
}

/** Where the update was sent: its chat and topic. */
export function hereTarget(ctx: BotContext): Target | undefined {
  return ctx.chat ? { chatId: ctx.chat.id, threadId: threadOf(ctx) } : undefined
}

/**
 * The subscription a settings button (or command) changes, once the user may change it: the chat or topic it
 * was sent in (its admins, in groups), or, with `channelId` (buttons of /channels, in a private chat), a
 * subscribed channel of which the user is an admin right now (asked from Telegram each time). Else why not.
 */
export async function targetFor(
  ctx: BotContext,
  channelId: string | undefined,
): Promise<{ ok: true; target: Target; subscription: SubscriptionRow } | { ok: false; text: string }> {
  if (channelId === undefined) {
    const here = hereTarget(ctx)
    if (!here) return { ok: false, text: ctx.t('button-stale') }
    if (!(await canManageChat(ctx))) return { ok: false, text: ctx.t('group-admins-only') }
    const subscription = ctx.deps.store.chats.subscription(here.chatId, here.threadId)
    if (!subscription) return { ok: false, text: ctx.t('button-not-subscribed') }
    return { ok: true, target: here, subscription }
  }
  if (ctx.chat?.type !== 'private' || !ctx.from) return { ok: false, text: ctx.t('button-stale') }
  const id = Number(channelId)
  const chat = ctx.deps.store.chats.get(id)
  const subscription = ctx.deps.store.chats.subscription(id, 0)
  if (chat?.type !== 'channel' || chat.status === 'stopped' || !subscription)
    return { ok: false, text: subscriptionTexts(ctx).channelGone }
  if (!(await isChannelAdmin(ctx, id, ctx.from.id)))
    return { ok: false, text: subscriptionTexts(ctx).channelNotAdmin }
  return {
    ok: true,
    target: { chatId: id, threadId: 0, channelTitle: chat.title ?? String(id) },
    subscription,
  }
}

/** Whether the user administers the channel now; any refusal by Telegram (left, kicked, gone) is a no. */
export async function isChannelAdmin(ctx: BotContext, channelId: number, userId: number): Promise<boolean> {
  try {
    const member = await ctx.api.getChatMember(channelId, userId)
    return member.status === 'creator' || member.status === 'administrator'
  } catch {
    // Dropped: why Telegram refused (not a member, no such chat, network): in every case not an admin we can see.
    return false
  }
}
