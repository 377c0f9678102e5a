import type { Chat } from 'grammy/types'
import type { BotContext } from '../context.ts'
import { GROUP_ANONYMOUS_BOT_ID } from '../service-accounts.ts'

/**
 * Whether the sender may change this chat's subscription: anyone in a private chat; in groups, only the
 * group's admins (asked from Telegram each time, so a demoted admin loses the right at once). An anonymous
 * admin writes as the group itself (sender_chat is the group), which only admins can do.
 */
export async function canManageChat(ctx: BotContext): Promise<boolean> {
  const chat = ctx.chat
  if (!chat || !ctx.from) return false
  if (chat.type === 'private') return true
  if (chat.type === 'channel') return false
  if (ctx.message?.sender_chat?.id === chat.id) return true
  if (ctx.from.id === GROUP_ANONYMOUS_BOT_ID) return false // anonymous, but not speaking as this group
  const member = await ctx.api.getChatMember(chat.id, ctx.from.id)
  return member.status === 'creator' || member.status === 'administrator'
}

/** The subscription identity of a chat: its id, type and, for groups, its title. */
export function chatIdentity(chat: Chat): { id: number; type: Chat['type']; title: string | null } {
  return { id: chat.id, type: chat.type, title: chat.type === 'private' ? null : (chat.title ?? null) }
}
