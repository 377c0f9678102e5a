import { Composer } from 'grammy'
import type { BotContext } from '../context.ts'
import { canManageChat, chatIdentity } from '../helpers/filters.ts'
import { replyHtml } from '../helpers/reply.ts'
import { threadOf } from '../helpers/subscription-target.ts'
import { subscriptionTexts } from '../messages/subscription-texts.ts'

const composer = new Composer<BotContext>()

/**
 * /start subscribes the chat, or, sent in a forum topic, that topic (a paused topic resumes); a second /start
 * says so instead of pretending something changed.
 */
composer.command('start', async (ctx) => {
  if (!(await canManageChat(ctx))) return replyHtml(ctx, ctx.t('group-admins-only'))
  const threadId = threadOf(ctx)
  // The language the chat is answered in now becomes its language for pushes too (until /settings changes it);
  // it is the chat's, shared by all its topics.
  const { alreadyActive } = ctx.deps.store.chats.subscribe(
    { ...chatIdentity(ctx.chat), locale: ctx.locale },
    threadId,
  )
  ctx.deps.logger.info({ chatId: ctx.chat.id, threadId, alreadyActive }, 'chat subscribed')
  if (alreadyActive) return replyHtml(ctx, ctx.t('start-already'))
  return replyHtml(ctx, threadId > 0 ? subscriptionTexts(ctx).topicSubscribed : ctx.t('start-welcome'))
})

/**
 * /stop unsubscribes. What was still queued for the chat stays in the outbox and is skipped by the sender's check
 * before each send ("chat unsubscribed"); a /start before its turn gets it sent after all (README, Delivery).
 */
composer.command('stop', async (ctx) => {
  if (!(await canManageChat(ctx))) return replyHtml(ctx, ctx.t('group-admins-only'))
  const wasActive = ctx.deps.store.chats.unsubscribe(ctx.chat.id, threadOf(ctx))
  if (wasActive) ctx.deps.logger.info({ chatId: ctx.chat.id }, 'chat unsubscribed')
  return replyHtml(ctx, ctx.t(wasActive ? 'stop-done' : 'stop-already'))
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
