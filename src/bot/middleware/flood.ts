import { limit } from '@grammyjs/ratelimiter'
import { Composer } from 'grammy'
import { type BotContext, DEFAULT_FLOOD_LIMIT, type FloodLimit } from '../context.ts'
import { CHANNEL_BOT_ID, GROUP_ANONYMOUS_BOT_ID } from '../service-accounts.ts'

/** Inline queries arrive as the user types, several a second: they get a looser, silent limit of their own. */
const INLINE_FACTOR = 4

/**
 * The limiter starts every window afresh (for every user at once), so a flood that goes on would earn a warning
 * per window. A user who was warned hears nothing more for this long, however long the flood lasts.
 */
export const WARNING_QUIET_MS = 60_000

/**
 * Telegram's stand-ins for anonymous group admins (GroupAnonymousBot) and for channels posting in their linked
 * group: one "user" across every group, so they are counted per chat instead.
 */
const SHARED_SENDER_IDS = new Set([GROUP_ANONYMOUS_BOT_ID, CHANNEL_BOT_ID])

/**
 * Drops updates from a user who sends more than `limit` in `timeFrameMs` (@grammyjs/ratelimiter, in memory,
 * its timer unref'd). The first excess update gets one polite warning; the rest are dropped in silence, and a
 * flood that outlasts the window earns no second warning for WARNING_QUIET_MS, so a flood never turns into a
 * flood of replies. Counting is per user: others are unaffected.
 */
export function createFloodGuard(options: FloodLimit = DEFAULT_FLOOD_LIMIT) {
  const composer = new Composer<BotContext>()
  const userKey = (ctx: BotContext) =>
    (ctx.from && !SHARED_SENDER_IDS.has(ctx.from.id) ? ctx.from.id : ctx.chat?.id)?.toString()
  /** key -> until when a warned user is not warned again. */
  const warnedUntil = new Map<string, number>()
  const shouldWarn = (key: string | undefined, now: number): boolean => {
    if (key === undefined) return false
    if ((warnedUntil.get(key) ?? 0) > now) return false
    if (warnedUntil.size >= 10_000)
      for (const [k, until] of warnedUntil) if (until <= now) warnedUntil.delete(k)
    warnedUntil.set(key, now + WARNING_QUIET_MS)
    return true
  }

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
        // Called for every excess update, not only the first: shouldWarn keeps the warning to one per quiet
        // minute, and each drop is logged at debug level.
        alwaysReply: true,
        onLimitExceeded: async (ctx) => {
          // At debug level only: a flood of thousands would otherwise be thousands of lines.
          ctx.deps.logger.debug({ userId: ctx.from?.id }, 'flood: update dropped')
          if (!shouldWarn(userKey(ctx), Date.now())) return
          ctx.deps.logger.info({ userId: ctx.from?.id }, 'flood limit reached; dropping updates for a while')
          try {
            if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t('flood-warning-short') })
            else if (ctx.chat) await ctx.reply(ctx.t('flood-warning'), { parse_mode: 'HTML' })
          } catch (error) {
            ctx.deps.logger.debug({ err: error }, 'could not send the flood warning')
          }
        },
      }),
    )

  return composer
}
