import { Composer } from 'grammy'
import { feedDisplayName } from '../../db/feed-source.ts'
import type { FeedRow } from '../../db/schema.ts'
import { checkNewFeedUrl, findFeedByUrl } from '../../feed/feed-url.ts'
import { sourceFromPreset } from '../../feed/html/add-source.ts'
import { PRESETS } from '../../feed/html/presets.ts'
import { formatPollInterval, parsePollInterval } from '../../feed/poll-interval.ts'
import { code } from '../../render/builders.ts'
import { escapeHtml } from '../../render/escape.ts'
import { truncateText } from '../../render/text.ts'
import { type BotContext, isAdmin } from '../context.ts'
import { replyHtml } from '../helpers/reply.ts'
import { renderFeeds, renderStats } from '../messages/admin.ts'

const composer = new Composer<BotContext>()
// Admin commands live only in the admin's private chat. Everyone else (and admins in groups) falls through
// to the fallback feature, which answers exactly as for a command that does not exist.
const admin = composer.chatType('private').filter(isAdmin)

admin.command('stats', (ctx) => {
  const { store, senderStats } = ctx.deps
  const sender = senderStats()
  const down = sender.telegramDown
  return replyHtml(
    ctx,
    renderStats(
      {
        chats: store.chats.countsByStatus(),
        releases: store.releases.count(),
        queue: store.deliveries.stats(),
        totals: store.metrics.totalsByStatus(),
        ratePerSecond: sender.ratePerSecond,
        telegramDown: down
          ? {
              since: down.since,
              retryInSeconds: Math.max(0, Math.ceil((down.nextTryAt - Date.now()) / 1000)),
            }
          : null,
        feeds: store.feeds.list(),
        paused: store.chats.paused(),
      },
      ctx,
    ),
  )
})

admin.command('feeds', (ctx) => replyHtml(ctx, renderFeeds(ctx.deps.store.feeds.list(), ctx)))

/** "That is not a feed URL: …" and the usage under it. */
const badUrl = (ctx: BotContext, reason: string, usageKey: string) =>
  `${ctx.t('feed-bad-url', { reason: escapeHtml(reason) })}\n${ctx.t(usageKey)}`

/** `/feed_add <listing URL> --preset <name>`: a press page without a feed. */
function addPresetSource(
  ctx: BotContext & { from: { id: number } },
  url: string,
  preset: string,
  intervalMs?: number,
) {
  const source = sourceFromPreset(url, preset)
  if (!source.ok) return replyHtml(ctx, ctx.t('feed-source-cannot-add', { reason: escapeHtml(source.error) }))
  const { feeds } = ctx.deps.store
  const { feed, created, resumed } = feeds.add(
    { url: source.url, sourceConfig: source.sourceConfig },
    { resume: true },
  )
  ctx.deps.logger.info(
    { feedId: feed.id, by: ctx.from.id, created, resumed, preset },
    'press page added from the bot',
  )
  const timing = applyEvery(ctx, feed.id, intervalMs)
  if (!created && !resumed) {
    if (feed.sourceConfig !== source.sourceConfig)
      feeds.configure(feed.id, { sourceConfig: source.sourceConfig })
    return replyHtml(ctx, `${ctx.t('feed-source-replaced', { id: String(feed.id) })}${timing}`)
  }
  const vars = { id: String(feed.id), url: escapeHtml(feed.url), preset: escapeHtml(preset) }
  return replyHtml(ctx, `${ctx.t('feed-source-added', vars)}\n${ctx.t('feed-source-next-poll')}${timing}`)
}

/** `--every 60s` anywhere in /feed_add's text: the interval, and the text without it. */
function everyOption(text: string): { rest: string; every?: ReturnType<typeof parsePollInterval> } {
  const match = /(?:^|\s)--every(?:=|\s+)(\S+)/.exec(text)
  if (!match) return { rest: text }
  return { rest: text.replace(match[0], ' '), every: parsePollInterval(match[1]!) }
}

/** After an add: the feed's own interval when one was given (a feed added again keeps its row, and gets it). */
function applyEvery(ctx: BotContext, feedId: number, every: number | undefined): string {
  if (every === undefined) return ''
  ctx.deps.store.feeds.configure(feedId, { pollIntervalMs: every })
  return `\n${ctx.t('feed-every-set', { every: formatPollInterval(every) })}`
}

admin.command('feed_add', (ctx) => {
  const { rest, every } = everyOption(ctx.match)
  if (every && !every.ok) return replyHtml(ctx, ctx.t('feed-bad-every', { reason: escapeHtml(every.error) }))
  const intervalMs = every?.ms
  const withPreset = /^(\S+)\s+--preset(?:=|\s+)(\S+)\s*$/.exec(rest.trim())
  if (withPreset) return addPresetSource(ctx, withPreset[1]!, withPreset[2]!, intervalMs)
  const checked = checkNewFeedUrl(rest, { allowPrivate: ctx.deps.allowPrivateFeeds ?? false })
  if (!checked.ok) {
    const presets = Object.keys(PRESETS).map(code).join(', ')
    const usage = `${ctx.t('feed-add-usage')}\n${ctx.t('feed-add-preset-usage', { presets })}\n${ctx.t('feed-every-usage')}`
    return replyHtml(
      ctx,
      rest.trim() ? `${ctx.t('feed-bad-url', { reason: escapeHtml(checked.reason) })}\n${usage}` : usage,
    )
  }
  const { url } = checked
  const { feed, created, resumed } = ctx.deps.store.feeds.add({ url }, { resume: true })
  ctx.deps.logger.info({ feedId: feed.id, by: ctx.from.id, created, resumed }, 'feed added from the bot')
  const vars = { id: String(feed.id), url: escapeHtml(url) }
  const timing = applyEvery(ctx, feed.id, intervalMs)
  if (!created && !resumed) return replyHtml(ctx, `${ctx.t('feed-exists', vars)}${timing}`)
  return replyHtml(
    ctx,
    `${ctx.t(resumed ? 'feed-resumed' : 'feed-added', vars)}\n${ctx.t('feed-next-poll')}${timing}`,
  )
})

/** /feed_remove by the id /feeds shows, or by the feed's URL however it is spelled. */
admin.command('feed_remove', (ctx) => {
  const wanted = ctx.match.trim()
  if (!wanted) return replyHtml(ctx, ctx.t('feed-remove-usage'))
  const { store } = ctx.deps
  let feed: FeedRow | undefined
  if (/^\d+$/.test(wanted)) {
    feed = /^\d{1,9}$/.test(wanted) ? store.feeds.get(Number(wanted)) : undefined
    if (!feed) return replyHtml(ctx, ctx.t('feed-no-such-id', { id: escapeHtml(wanted) }))
  } else {
    const found = findFeedByUrl(wanted, (url) => store.feeds.findByIdOrUrl(url))
    if (!found.ok) return replyHtml(ctx, badUrl(ctx, found.reason, 'feed-remove-usage'))
    feed = found.feed
    if (!feed) return replyHtml(ctx, ctx.t('feed-no-such-url'))
  }
  const vars = {
    id: String(feed.id),
    name: escapeHtml(truncateText(feedDisplayName(feed), 200)),
  }
  if (!feed.enabled) return replyHtml(ctx, ctx.t('feed-already-removed', vars))
  store.feeds.remove(feed.id, { purge: false })
  ctx.deps.logger.info({ feedId: feed.id, by: ctx.from.id }, 'feed removed from the bot')
  return replyHtml(ctx, ctx.t('feed-removed', vars))
})

export { composer as adminFeature }
