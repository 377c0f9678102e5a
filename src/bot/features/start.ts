import { Composer } from 'grammy'
import { subscriptionTexts } from '../../render/subscription-texts.ts'
import type { BotContext } from '../context.ts'
import { canManageChat, chatIdentity } from '../filters.ts'
import { replyHtml } from '../reply.ts'
import { threadOf } from '../subscription-target.ts'
import { texts } from '../texts.ts'

const composer = new Composer<BotContext>()

/**
 * /start subscribes the chat, or, sent in a forum topic, that topic (a paused topic resumes); a second /start
 * says so instead of pretending something changed.
 */
composer.command('start', async (ctx) => {
  if (!(await canManageChat(ctx))) return replyHtml(ctx, texts.groupAdminsOnly)
  const threadId = threadOf(ctx)
  const { alreadyActive } = ctx.deps.store.chats.subscribe(chatIdentity(ctx.chat), threadId)
  ctx.deps.logger.info({ chatId: ctx.chat.id, threadId, alreadyActive }, 'chat subscribed')
  if (alreadyActive) return replyHtml(ctx, texts.alreadySubscribed)
  return replyHtml(ctx, threadId > 0 ? subscriptionTexts.topicSubscribed : texts.welcome)
})

/** /stop unsubscribes; the repository also drops what was still queued for the chat. */
composer.command('stop', async (ctx) => {
  if (!(await canManageChat(ctx))) return replyHtml(ctx, texts.groupAdminsOnly)
  const wasActive = ctx.deps.store.chats.unsubscribe(ctx.chat.id, threadOf(ctx))
  if (wasActive) ctx.deps.logger.info({ chatId: ctx.chat.id }, 'chat unsubscribed')
  return replyHtml(ctx, wasActive ? texts.stopped : texts.alreadyStopped)
})

/**
 * Lifecycle updates that need no reply: a group upgraded to a supergroup gets a new id (its subscription
 * moves with it), and a user who blocks the bot (or a group that removes it) is stopped right away rather
 * than at the next failed push.
 */
composer.on('message:migrate_to_chat_id', (ctx) => {
  ctx.deps.store.chats.migrate(ctx.chat.id, ctx.message.migrate_to_chat_id)
  ctx.deps.logger.info(
    { from: ctx.chat.id, to: ctx.message.migrate_to_chat_id },
    'chat migrated to a supergroup',
  )
})

composer.on('my_chat_member', (ctx) => {
  const status = ctx.myChatMember.new_chat_member.status
  if (status === 'kicked' || status === 'left') {
    ctx.deps.store.chats.markBlocked(
      ctx.chat.id,
      status === 'kicked' ? 'bot was blocked or removed' : 'bot left the chat',
    )
  }
})

export { composer as startFeature }
