import { Composer } from 'grammy'
import { b, escapeHtml, safeHref } from '../../render/html.ts'
import { type BotContext, isAdmin } from '../context.ts'
import { truncateText } from '../render.ts'
import { renderFeeds, renderStats } from '../render-admin.ts'
import { replyHtml } from '../reply.ts'

/** A feed URL an admin may add: absolute http(s) with a host (the same rule as FEED_URLS in config). */
export function parseFeedUrl(text: string): string | undefined {
  const value = text.trim()
  if (!/^https?:\/\//i.test(value)) return undefined
  return safeHref(value)
}

const composer = new Composer<BotContext>()
// Admin commands live only in the admin's private chat. Everyone else (and admins in groups) falls through
// to the fallback feature, which answers exactly as for a command that does not exist.
const admin = composer.chatType('private').filter(isAdmin)

admin.command('stats', (ctx) => {
  const { store, senderStats } = ctx.deps
  return replyHtml(
    ctx,
    renderStats({
      chats: store.chats.countsByStatus(),
      releases: store.releases.count(),
      queue: store.deliveries.stats(),
      ratePerSecond: senderStats().ratePerSecond,
      feeds: store.feeds.list(),
    }),
  )
})

admin.command('feeds', (ctx) => replyHtml(ctx, renderFeeds(ctx.deps.store.feeds.list())))

admin.command('feed_add', (ctx) => {
  const url = parseFeedUrl(ctx.match)
  if (!url) {
    return replyHtml(
      ctx,
      'Usage: <code>/feed_add https://example.org/press/rss</code> (an http or https URL).',
    )
  }
  const { feed, created } = ctx.deps.store.feeds.add({ url })
  ctx.deps.logger.info({ feedId: feed.id, by: ctx.from.id, created }, 'feed added from the bot')
  return replyHtml(
    ctx,
    created
      ? `✅ Added feed #${feed.id}: ${escapeHtml(url)}\nIt will be fetched at the next poll; its current items are kept for search, not pushed.`
      : `That feed is already there as #${feed.id}.`,
  )
})

admin.command('feed_remove', (ctx) => {
  const id = ctx.match.trim()
  const feed = /^\d{1,9}$/.test(id) ? ctx.deps.store.feeds.get(Number(id)) : undefined
  if (!feed) {
    return replyHtml(ctx, 'Usage: <code>/feed_remove &lt;id&gt;</code> with an id from /feeds.')
  }
  ctx.deps.store.feeds.remove(feed.id, { purge: false })
  ctx.deps.logger.info({ feedId: feed.id, by: ctx.from.id }, 'feed removed from the bot')
  return replyHtml(
    ctx,
    `Removed feed #${feed.id} ${b(truncateText(feed.name ?? feed.title ?? feed.url, 200))}. Its releases stay searchable.`,
  )
})

export { composer as adminFeature }
