import type { I18nFlavor } from '@grammyjs/i18n'
import type { Context } from 'grammy'
import type { UserFromGetMe } from 'grammy/types'
import type { Store } from '../db/index.ts'
import type { Locale } from '../i18n/index.ts'
import type { Logger } from '../logger.ts'
import type { ArchiveLinks } from '../web/archive/links.ts'

/** Incoming updates one user may send per time frame before the bot stops answering them for a while. */
export type FloodLimit = { limit: number; timeFrameMs: number }

/** The default flood limit: 5 updates per 2 seconds per user, generous for a person, tight for a script. */
export const DEFAULT_FLOOD_LIMIT: FloodLimit = { limit: 5, timeFrameMs: 2_000 }

/** Everything the bot's handlers need from the rest of the program, passed in by app.ts (or a test). */
export type BotDeps = {
  store: Store
  /** Telegram user ids allowed to use the admin commands. */
  adminIds: number[]
  logger: Logger
  /** Bot API root without a trailing slash, e.g. https://api.telegram.org or a test server. */
  apiRoot: string
  /** The bot's identity; when given, grammY skips getMe (tests). */
  botInfo?: UserFromGetMe | undefined
  /** Tells the outbox sender that new deliveries are queued (after a broadcast is confirmed). */
  wakeSender: () => void
  /** The sender's measured rate, and the Telegram outage it backs off from, if any (wall-clock times). */
  senderStats: () => { ratePerSecond: number; telegramDown?: { since: number; nextTryAt: number } | null }
  /** FEED_ALLOW_PRIVATE: /feed_add accepts loopback and private addresses (default false). */
  allowPrivateFeeds?: boolean | undefined
  /** Timeout of every request to the Bot API (default REQUEST_TIMEOUT_SECONDS); tests shorten it. */
  requestTimeoutSeconds?: number | undefined
  /** Per-user incoming flood limit; defaults to {@link DEFAULT_FLOOD_LIMIT}. */
  floodLimit?: FloodLimit | undefined
  /** The web archive's addresses: search replies and inline results get an "Open in archive" button. */
  archive?: ArchiveLinks | undefined
  /** The admins' console (a Mini App) for /console's web_app button; undefined without a usable PUBLIC_URL. */
  consoleUrl?: string | undefined
}

/**
 * grammY's context plus the program's dependencies, installed by a middleware in createBot, and the chat's
 * language: `locale`, and `t(key, vars)` from the i18n plugin (see src/bot/middleware/i18n.ts). A BotContext is a
 * Translator, so renderers take `ctx` as their texts.
 */
export type BotContext = Context & I18nFlavor & { deps: BotDeps; locale: Locale }

/** Whether the update comes from one of the configured admins. */
export function isAdmin(ctx: BotContext): boolean {
  return ctx.from !== undefined && ctx.deps.adminIds.includes(ctx.from.id)
}
