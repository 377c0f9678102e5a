import { limit } from '@grammyjs/ratelimiter'
import { Composer } from 'grammy'
import { type BotContext, DEFAULT_FLOOD_LIMIT, type FloodLimit } from './context.ts'
import { texts } from './texts.ts'

/** Inline queries arrive as the user types, several a second: they get a looser, silent limit of their own. */
const INLINE_FACTOR = 4

/**
 * Drops updates from a user who sends more than `limit` in `timeFrameMs` (@grammyjs/ratelimiter, in memory,
 * its timer unref'd). The first excess update of a window gets one polite warning; the rest are dropped in
 * silence, so a flood never turns into a flood of replies. Counting is per user: others are unaffected.
 */
export function createFloodGuard(options: FloodLimit = DEFAULT_FLOOD_LIMIT) {
  const composer = new Composer<BotContext>()
  const userKey = (ctx: BotContext) => ctx.from?.id.toString()

  composer.on('inline_query').use(
    limit<BotContext, never>({
      timeFrame: options.timeFrameMs,
      limit: options.limit * INLINE_FACTOR,
      keyGenerator: userKey,
      keyPrefix: 'inline:',
      onLimitExceeded: () => {},
    }),
  )

  composer
    .drop((ctx) => ctx.inlineQuery !== undefined)
    .use(
      limit<BotContext, never>({
        timeFrame: options.timeFrameMs,
        limit: options.limit,
        keyGenerator: userKey,
        keyPrefix: 'updates:',
        onLimitExceeded: async (ctx) => {
          ctx.deps.logger.info({ userId: ctx.from?.id }, 'flood limit reached; dropping updates for a while')
          try {
            if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: texts.floodWarningShort })
            else if (ctx.chat) await ctx.reply(texts.floodWarning, { parse_mode: 'HTML' })
          } catch (error) {
            ctx.deps.logger.debug({ err: error }, 'could not send the flood warning')
          }
        },
      }),
    )

  return composer
}
