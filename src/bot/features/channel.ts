import { Composer, GrammyError } from 'grammy'
import type { ChatFromGetChat } from 'grammy/types'
import { b } from '../../render/builders.ts'
import { escapeHtml } from '../../render/escape.ts'
import type { BotContext } from '../context.ts'
import { replyHtml } from '../reply.ts'

const composer = new Composer<BotContext>()

/** "@name", "t.me/name" or a "-100…" id, as getChat accepts it; undefined when it is none of these. */
export function parseChannelRef(text: string): string | number | undefined {
  const value = text.trim()
  const username = /^(?:@|(?:https?:\/\/)?t\.me\/)([A-Za-z][A-Za-z0-9_]{3,31})$/.exec(value)?.[1]
  if (username) return `@${username}`
  if (/^-100\d{5,15}$/.test(value)) return Number(value)
  return undefined
}

const usage = (command: string) =>
  `Send <code>/${command} @yourchannel</code> (or the channel’s -100… id) here, in our private chat. ` +
  'You must be an admin of the channel, and I must be one too, allowed to post messages.'

type Checked = { ok: true; channel: ChatFromGetChat & { type: 'channel' } } | { ok: false; html: string }

/** getChat + getChatMember: the channel exists, is a channel, and the requester administers it. */
async function checkRequester(ctx: BotContext, ref: string | number, userId: number): Promise<Checked> {
  let chat: ChatFromGetChat
  try {
    chat = await ctx.api.getChat(ref)
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error
    return {
      ok: false,
      html: 'I can’t see that channel. Check the name, and add me to the channel as an admin first.',
    }
  }
  if (chat.type !== 'channel') {
    return {
      ok: false,
      html: 'That is not a channel. For a group, add me to it and send /start there.',
    }
  }
  let status: string
  try {
    status = (await ctx.api.getChatMember(chat.id, userId)).status
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error
    return { ok: false, html: 'I can’t check the channel’s admins: add me to the channel as an admin first.' }
  }
  if (status !== 'creator' && status !== 'administrator') {
    return { ok: false, html: `Only an admin of ${b(chat.title)} can do that.` }
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
  if (ref === undefined) return replyHtml(ctx, usage('subscribe_channel'))
  const checked = await checkRequester(ctx, ref, ctx.from.id)
  if (!checked.ok) return replyHtml(ctx, checked.html)
  const { channel } = checked
  if (!(await botCanPost(ctx, channel.id))) {
    return replyHtml(
      ctx,
      `I’m not allowed to post in ${b(channel.title)}. Make me an admin there with “Post messages”, then try again.`,
    )
  }
  const { alreadyActive } = ctx.deps.store.chats.subscribe({
    id: channel.id,
    type: 'channel',
    title: channel.title,
    subscribedBy: ctx.from.id,
  })
  ctx.deps.logger.info({ chatId: channel.id, by: ctx.from.id, alreadyActive }, 'channel subscribed')
  return replyHtml(
    ctx,
    alreadyActive
      ? `${b(channel.title)} is already subscribed.`
      : `✅ ${b(channel.title)} is subscribed: new releases will be posted there. ` +
          `To stop, send <code>/unsubscribe_channel ${escapeHtml(String(ref))}</code>. ` +
          'Change what it receives with /channels.',
  )
})

inPrivate.command('unsubscribe_channel', async (ctx) => {
  const ref = parseChannelRef(ctx.match)
  if (ref === undefined) return replyHtml(ctx, usage('unsubscribe_channel'))
  const checked = await checkRequester(ctx, ref, ctx.from.id)
  if (!checked.ok) return replyHtml(ctx, checked.html)
  const wasActive = ctx.deps.store.chats.unsubscribe(checked.channel.id)
  return replyHtml(
    ctx,
    wasActive
      ? `${b(checked.channel.title)} is unsubscribed: nothing more will be posted there.`
      : `${b(checked.channel.title)} was not subscribed.`,
  )
})

// Sent in a group: the answer names the right place instead of pretending not to know the command.
composer.command(['subscribe_channel', 'unsubscribe_channel'], (ctx) =>
  replyHtml(ctx, 'Please send this command to me in a private chat.'),
)

export { composer as channelFeature }
