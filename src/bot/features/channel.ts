import { Composer, GrammyError } from 'grammy'
import type { ChatFromGetChat } from 'grammy/types'
import { escapeHtml } from '../../render/escape.ts'
import type { BotContext } from '../context.ts'
import { replyHtml } from '../helpers/reply.ts'

const composer = new Composer<BotContext>()

/** "@name", "t.me/name" or a "-100…" id, as getChat accepts it; undefined when it is none of these. */
export function parseChannelRef(text: string): string | number | undefined {
  const value = text.trim()
  const username = /^(?:@|(?:https?:\/\/)?t\.me\/)([A-Za-z][A-Za-z0-9_]{3,31})$/.exec(value)?.[1]
  if (username) return `@${username}`
  if (/^-100\d{5,15}$/.test(value)) return Number(value)
  return undefined
}

const usage = (ctx: BotContext, command: string) => ctx.t('channel-usage', { command })

type Checked = { ok: true; channel: ChatFromGetChat & { type: 'channel' } } | { ok: false; html: string }

/** getChat + getChatMember: the channel exists, is a channel, and the requester administers it. */
async function checkRequester(ctx: BotContext, ref: string | number, userId: number): Promise<Checked> {
  let chat: ChatFromGetChat
  try {
    chat = await ctx.api.getChat(ref)
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error
    return { ok: false, html: escapeHtml(ctx.t('channel-not-visible')) }
  }
  if (chat.type !== 'channel') return { ok: false, html: escapeHtml(ctx.t('channel-not-channel')) }
  let status: string
  try {
    status = (await ctx.api.getChatMember(chat.id, userId)).status
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error
    return { ok: false, html: escapeHtml(ctx.t('channel-cannot-check')) }
  }
  if (status !== 'creator' && status !== 'administrator') {
    return { ok: false, html: ctx.t('channel-not-admin', { channel: escapeHtml(chat.title) }) }
  }
  return { ok: true, channel: chat }
}

/** Whether the bot itself is an admin that may post in the channel. */
async function botCanPost(ctx: BotContext, channelId: number): Promise<boolean> {
  try {
    const me = await ctx.api.getChatMember(channelId, ctx.me.id)
    return me.status === 'administrator' && me.can_post_messages === true
  } catch (error) {
    if (error instanceof GrammyError) return false
    throw error
  }
}

const inPrivate = composer.chatType('private')

inPrivate.command('subscribe_channel', async (ctx) => {
  const ref = parseChannelRef(ctx.match)
  if (ref === undefined) return replyHtml(ctx, usage(ctx, 'subscribe_channel'))
  const checked = await checkRequester(ctx, ref, ctx.from.id)
  if (!checked.ok) return replyHtml(ctx, checked.html)
  const { channel } = checked
  const title = escapeHtml(channel.title)
  if (!(await botCanPost(ctx, channel.id)))
    return replyHtml(ctx, ctx.t('channel-cannot-post', { channel: title }))
  // The channel's pushes speak the language of the admin who subscribed it.
  const { alreadyActive } = ctx.deps.store.chats.subscribe({
    id: channel.id,
    type: 'channel',
    title: channel.title,
    locale: ctx.locale,
    subscribedBy: ctx.from.id,
  })
  ctx.deps.logger.info({ chatId: channel.id, by: ctx.from.id, alreadyActive }, 'channel subscribed')
  return replyHtml(
    ctx,
    alreadyActive
      ? ctx.t('channel-already', { channel: title })
      : ctx.t('channel-subscribed', { channel: title, ref: escapeHtml(String(ref)) }),
  )
})

inPrivate.command('unsubscribe_channel', async (ctx) => {
  const ref = parseChannelRef(ctx.match)
  if (ref === undefined) return replyHtml(ctx, usage(ctx, 'unsubscribe_channel'))
  const checked = await checkRequester(ctx, ref, ctx.from.id)
  if (!checked.ok) return replyHtml(ctx, checked.html)
  const wasActive = ctx.deps.store.chats.unsubscribe(checked.channel.id)
  return replyHtml(
    ctx,
    ctx.t(wasActive ? 'channel-unsubscribed' : 'channel-was-not', {
      channel: escapeHtml(checked.channel.title),
    }),
  )
})

// Sent in a group: the answer names the right place instead of pretending not to know the command.
composer.command(['subscribe_channel', 'unsubscribe_channel'], (ctx) =>
  replyHtml(ctx, ctx.t('channel-private-only')),
)

export { composer as channelFeature }
