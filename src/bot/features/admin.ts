import { Composer } from 'grammy'
import type { FeedRow } from '../../db/schema.ts'
import { checkNewFeedUrl, findFeedByUrl } from '../../feed/feed-url.ts'
import { sourceFromPreset } from '../../feed/html/add-source.ts'
import { PRESETS } from '../../feed/html/presets.ts'
import { b } from '../../render/builders.ts'
import { escapeHtml } from '../../render/escape.ts'
import { truncateText } from '../../render/text.ts'
import { type BotContext, isAdmin } from '../context.ts'
import { htmlSourceTexts } from '../html-source-texts.ts'
import { renderFeeds, renderStats } from '../render-admin.ts'
import { replyHtml } from '../reply.ts'

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
      totals: store.metrics.totalsByStatus(),
      ratePerSecond: senderStats().ratePerSecond,
      feeds: store.feeds.list(),
      paused: store.chats.paused(),
    }),
  )
})

admin.command('feeds', (ctx) => replyHtml(ctx, renderFeeds(ctx.deps.store.feeds.list())))

const feedAddUsage = 'Usage: <code>/feed_add https://example.org/press/rss</code> (an http or https URL).'
const feedRemoveUsage = 'Usage: <code>/feed_remove &lt;id or URL&gt;</code>, as listed by /feeds.'

/** `/feed_add <listing URL> --preset <name>`: a press page without a feed. */
function addPresetSource(ctx: BotContext & { from: { id: number } }, url: string, preset: string) {
  const source = sourceFromPreset(url, preset)
  if (!source.ok) return replyHtml(ctx, htmlSourceTexts.cannotAddSource(source.error))
  const { feeds } = ctx.deps.store
  const { feed, created, resumed } = feeds.add(
    { url: source.url, sourceConfig: source.sourceConfig },
    { resume: true },
  )
  ctx.deps.logger.info(
    { feedId: feed.id, by: ctx.from.id, created, resumed, preset },
    'press page added from the bot',
  )
  if (!created && !resumed) {
    if (feed.sourceConfig !== source.sourceConfig)
      feeds.configure(feed.id, { sourceConfig: source.sourceConfig })
    return replyHtml(ctx, htmlSourceTexts.replacedSource(feed.id))
  }
  const next = 'It will be read at the next poll; its current items are kept for search, not pushed.'
  return replyHtml(ctx, `${htmlSourceTexts.addedSource(feed.id, feed.url, preset)}\n${next}`)
}

admin.command('feed_add', (ctx) => {
  const withPreset = /^(\S+)\s+--preset(?:=|\s+)(\S+)\s*$/.exec(ctx.match.trim())
  if (withPreset) return addPresetSource(ctx, withPreset[1]!, withPreset[2]!)
  const checked = checkNewFeedUrl(ctx.match, { allowPrivate: ctx.deps.allowPrivateFeeds ?? false })
  if (!checked.ok) {
    const why = ctx.match.trim() ? `That is not a feed URL: ${escapeHtml(checked.reason)}.\n` : ''
    return replyHtml(ctx, `${why}${feedAddUsage}\n${htmlSourceTexts.presetUsage(Object.keys(PRESETS))}`)
  }
  const { url } = checked
  const { feed, created, resumed } = ctx.deps.store.feeds.add({ url }, { resume: true })
  ctx.deps.logger.info({ feedId: feed.id, by: ctx.from.id, created, resumed }, 'feed added from the bot')
  const next = 'It will be fetched at the next poll; its current items are kept for search, not pushed.'
  if (resumed) return replyHtml(ctx, `✅ Resumed feed #${feed.id}: ${escapeHtml(url)}\n${next}`)
  return replyHtml(
    ctx,
    created
      ? `✅ Added feed #${feed.id}: ${escapeHtml(url)}\n${next}`
      : `That feed is already there as #${feed.id}.`,
  )
})

/** /feed_remove by the id /feeds shows, or by the feed's URL however it is spelled. */
admin.command('feed_remove', (ctx) => {
  const wanted = ctx.match.trim()
  if (!wanted) return replyHtml(ctx, feedRemoveUsage)
  const { store } = ctx.deps
  let feed: FeedRow | undefined
  if (/^\d+$/.test(wanted)) {
    feed = /^\d{1,9}$/.test(wanted) ? store.feeds.get(Number(wanted)) : undefined
    if (!feed) return replyHtml(ctx, `There is no feed #${escapeHtml(wanted)}. See /feeds.`)
  } else {
    const found = findFeedByUrl(wanted, (url) => store.feeds.findByIdOrUrl(url))
    if (!found.ok)
      return replyHtml(ctx, `That is not a feed URL: ${escapeHtml(found.reason)}.\n${feedRemoveUsage}`)
    feed = found.feed
    if (!feed) return replyHtml(ctx, 'There is no feed with that URL. See /feeds.')
  }
  const name = b(truncateText(feed.name ?? feed.title ?? feed.url, 200))
  if (!feed.enabled) return replyHtml(ctx, `Feed #${feed.id} ${name} is already removed.`)
  store.feeds.remove(feed.id, { purge: false })
  ctx.deps.logger.info({ feedId: feed.id, by: ctx.from.id }, 'feed removed from the bot')
  return replyHtml(
    ctx,
    `Removed feed #${feed.id} ${name}. It is no longer polled; its releases stay searchable (/feed_add with its URL resumes it).`,
  )
})

export { composer as adminFeature }
