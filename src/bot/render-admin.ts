/** Pure rendering of the admin reports (/stats, /feeds). Feed names, URLs and errors are escaped. */
import type { FeedSummary } from '../db/feeds-repository.ts'
import { b } from '../render/builders.ts'
import { escapeHtml, MESSAGE_LIMIT } from '../render/escape.ts'
import { truncateText } from '../render/text.ts'
import { truncateHtml } from '../render/truncate.ts'
import { formatDate, plural } from './render.ts'

/** "7 Mar 2024, 14:05 UTC", for admin reports where the time matters. */
export function formatDateTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return 'never'
  const d = new Date(ms)
  const hh = String(d.getUTCHours()).padStart(2, '0')
  const mm = String(d.getUTCMinutes()).padStart(2, '0')
  return `${formatDate(ms)}, ${hh}:${mm} UTC`
}

export type StatsView = {
  chats: { active: number; stopped: number; blocked: number }
  releases: number
  queue: { queued: number; sentLastHour: number; failedLastHour: number; blockedChats: number }
  /** Since the database began: pruning old deliveries does not lower these. */
  totals: { sent: number; failed: number }
  ratePerSecond: number
  feeds: readonly FeedSummary[]
  /** Forum topics Telegram refused (closed, deleted), paused with the reason. */
  paused?: {
    total: number
    list: ReadonlyArray<{ chatId: number; threadId: number; title: string | null; reason: string | null }>
  }
}

/** The admin /stats report. */
export function renderStats(view: StatsView): string {
  const { chats, queue } = view
  const active = view.feeds.filter((f) => f.enabled)
  const removed = view.feeds.length - active.length
  const lines = [
    b('Chats'),
    `active ${chats.active} · stopped ${chats.stopped} · blocked ${chats.blocked}`,
    ...renderPaused(view.paused),
    '',
    `${b('Releases')}: ${view.releases}`,
    '',
    b('Delivery queue'),
    `queued ${queue.queued} · sent last hour ${queue.sentLastHour} · failed last hour ${queue.failedLastHour}`,
    `sent in all ${view.totals.sent} · failed in all ${view.totals.failed}`,
    `blocked chats ${queue.blockedChats} · send rate ${Math.round(view.ratePerSecond * 10) / 10}/s`,
    '',
    b(`Feeds (${active.length})`),
    ...(active.length === 0 ? ['none yet: add one with /feed_add <url>'].map(escapeHtml) : []),
    ...active.map(renderFeedLine),
    ...(removed > 0 ? [escapeHtml(`${removed} removed (see /feeds)`)] : []),
  ]
  return truncateHtml(lines.join('\n'), MESSAGE_LIMIT)
}

function renderPaused(paused: StatsView['paused']): string[] {
  if (!paused || paused.total === 0) return []
  return [
    `paused forum topics ${paused.total}`,
    ...paused.list.map(
      (p) =>
        `   ⏸ ${escapeHtml(truncateText(p.title ?? String(p.chatId), 60))} · topic ${p.threadId}: ${escapeHtml(truncateText(p.reason ?? 'unknown', 120))}`,
    ),
  ]
}

const STATUS_ICON = { ok: '🟢', error: '🔴', never: '⚪️', removed: '⏸' } as const

function renderFeedLine(feed: FeedSummary): string {
  const name = feed.name ?? feed.title ?? feed.url
  const parts = [`${STATUS_ICON[feed.status]} #${feed.id} ${b(truncateText(name, 80))}`]
  parts.push(`   last success: ${escapeHtml(formatDateTime(feed.lastOkAt))}`)
  if (feed.consecutiveErrors > 0) {
    parts.push(`   ${feed.consecutiveErrors} ${plural(feed.consecutiveErrors, 'error')} in a row`)
    if (feed.lastError) parts.push(`   last error: ${escapeHtml(truncateText(feed.lastError, 200))}`)
  }
  return parts.join('\n')
}

/** The admin /feeds list. */
export function renderFeeds(feeds: readonly FeedSummary[]): string {
  if (feeds.length === 0) return escapeHtml('No feeds yet. Add one with /feed_add <url>.')
  const items = feeds.map(
    (feed) =>
      `${renderFeedLine(feed)}\n   ${escapeHtml(truncateText(feed.url, 200))}\n   ${feed.releaseCount} ${plural(feed.releaseCount, 'release')}${feed.enabled ? '' : ' · removed (/feed_add resumes it)'}`,
  )
  return truncateHtml(`${b('Feeds')}\n\n${items.join('\n\n')}`, MESSAGE_LIMIT)
}
