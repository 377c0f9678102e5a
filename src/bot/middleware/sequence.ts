import { sequentialize } from '@grammyjs/runner'
import type { MiddlewareFn } from 'grammy'
import type { BotContext } from '../context.ts'

/**
 * Updates of one chat that may wait or run at once. Updates are handled concurrently across chats but one at a
 * time within a chat; while a chat's reply is slow its next updates wait, each holding one of the
 * UPDATE_CONCURRENCY slots. Past this many, a chat's further updates are dropped (and logged), so a few stuck
 * chats cannot take every slot and silence the others.
 */
export const MAX_QUEUED_PER_CHAT = 8

/** The order key: the chat, or the user where there is no chat (inline queries, buttons on inline messages). */
function sequenceKey(ctx: BotContext): string | undefined {
  if (ctx.chat) return `chat:${ctx.chat.id}`
  if (ctx.from) return `user:${ctx.from.id}`
  return undefined
}

/**
 * @grammyjs/runner's sequentialize by {@link sequenceKey}, with a cap on each key's queue. Install it before
 * everything that reads or writes a chat's state (the flood guard, every feature), so that handling updates
 * concurrently never reorders one chat's.
 */
export function createChatSequencer(maxQueued = MAX_QUEUED_PER_CHAT): MiddlewareFn<BotContext> {
  const inOrder = sequentialize<BotContext>((ctx) => sequenceKey(ctx))
  const queued = new Map<string, number>()
  return async (ctx, next) => {
    const key = sequenceKey(ctx)
    if (key === undefined) return next()
    const count = queued.get(key) ?? 0
    if (count >= maxQueued) {
      ctx.deps.logger.warn(
        { key, updateId: ctx.update.update_id },
        'dropped an update: too many of this chat waiting behind a slow one',
      )
      return
    }
    queued.set(key, count + 1)
    try {
      await inOrder(ctx, next)
    } finally {
      const left = (queued.get(key) ?? 1) - 1
      if (left === 0) queued.delete(key)
      else queued.set(key, left)
    }
  }
}
