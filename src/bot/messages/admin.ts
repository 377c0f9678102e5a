/** Pure rendering of the admin reports (/stats, /feeds, feed health). Feed names, URLs and errors are escaped. */

import { feedDisplayName } from '../../db/feed-source.ts'
import type { FeedSummary } from '../../db/feeds-repository.ts'
import type { FeedRow } from '../../db/schema.ts'
import { formatDate } from '../../i18n/dates.ts'
import type { Translator } from '../../i18n/index.ts'
import { b } from '../../render/builders.ts'
import { escapeHtml, MESSAGE_LIMIT } from '../../render/escape.ts'
import { truncateText } from '../../render/text.ts'
import { truncateHtml } from '../../render/truncate.ts'

/** "7 Mar 2024, 14:05 UTC" (in the reader's language), for admin reports where the time matters. */
function formatDateTime(ms: number | null | undefined, tr: Translator): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return tr.t('feed-never')
  const d = new Date(ms)
  const hh = String(d.getUTCHours()).padStart(2, '0')
  const mm = String(d.getUTCMinutes()).padStart(2, '0')
  return `${formatDate(ms, tr.locale)}, ${hh}:${mm} UTC`
}

export type StatsView = {
  chats: { active: number; stopped: number; blocked: number }
  releases: number
  queue: { queued: number; sentLastHour: number; failedLastHour: number; blockedChats: number }
  /** Since the database began: pruning old deliveries does not lower these. */
  totals: { sent: number; failed: number }
  ratePerSecond: number
  /** The sender backs off from a Telegram outage: since when chats have failed, and how soon it tries again. */
  telegramDown?: { since: number; retryInSeconds: number } | null
  feeds: readonly FeedSummary[]
  /** Forum topics Telegram refused (closed, deleted), paused with the reason. */
  paused?: {
    total: number
    list: ReadonlyArray<{ chatId: number; threadId: number; title: string | null; reason: string | null }>
  }
}

/** The admin /stats report. */
export function renderStats(view: StatsView, tr: Translator): string {
  const { chats, queue } = view
  const active = view.feeds.filter((f) => f.enabled)
  const removed = view.feeds.length - active.length
  const lines = [
    b(tr.t('stats-chats')),
    escapeHtml(tr.t('stats-chats-line', chats)),
    ...renderPaused(view.paused, tr),
    '',
    tr.t('stats-releases', { count: view.releases }),
    '',
    b(tr.t('stats-queue')),
    escapeHtml(
      tr.t('stats-queue-line', {
        queued: queue.queued,
        sent: queue.sentLastHour,
        failed: queue.failedLastHour,
      }),
    ),
    escapeHtml(tr.t('stats-queue-totals', { sent: view.totals.sent, failed: view.totals.failed })),
    escapeHtml(
      tr.t('stats-queue-line2', {
        blocked: queue.blockedChats,
        rate: Math.round(view.ratePerSecond * 10) / 10,
      }),
    ),
    ...(view.telegramDown
      ? [
          escapeHtml(
            tr.t('stats-telegram-down', {
              since: formatDateTime(view.telegramDown.since, tr),
              seconds: view.telegramDown.retryInSeconds,
            }),
          ),
        ]
      : []),
    '',
    b(tr.t('stats-feeds', { count: active.length })),
    ...(active.length === 0 ? [tr.t('stats-no-feeds')] : []),
    ...active.map((feed) => renderFeedLine(feed, tr)),
    ...(removed > 0 ? [escapeHtml(tr.t('stats-removed-feeds', { count: removed }))] : []),
  ]
  return truncateHtml(lines.join('\n'), MESSAGE_LIMIT)
}

function renderPaused(paused: StatsView['paused'], tr: Translator): string[] {
  if (!paused || paused.total === 0) return []
  return [
    escapeHtml(tr.t('stats-paused', { count: paused.total })),
    ...paused.list.map(
      (p) =>
        `   ⏸ ${escapeHtml(truncateText(p.title ?? String(p.chatId), 60))} · ${escapeHtml(
          tr.t('stats-paused-line', {
            thread: p.threadId,
            reason: truncateText(p.reason ?? tr.t('stats-paused-unknown'), 120),
          }),
        )}`,
    ),
  ]
}

const STATUS_ICON = { ok: '🟢', error: '🔴', never: '⚪️', removed: '⏸' } as const

function renderFeedLine(feed: FeedSummary, tr: Translator): string {
  const parts = [`${STATUS_ICON[feed.status]} #${feed.id} ${b(truncateText(feedDisplayName(feed), 80))}`]
  parts.push(`   ${escapeHtml(tr.t('feed-last-success', { when: formatDateTime(feed.lastOkAt, tr) }))}`)
  if (feed.consecutiveErrors > 0) {
    parts.push(`   ${escapeHtml(tr.t('feed-errors', { count: feed.consecutiveErrors }))}`)
    if (feed.lastError)
      parts.push(`   ${escapeHtml(tr.t('feed-last-error', { error: truncateText(feed.lastError, 200) }))}`)
  }
  return parts.join('\n')
}

/** The admin /feeds list. */
export function renderFeeds(feeds: readonly FeedSummary[], tr: Translator): string {
  if (feeds.length === 0) return tr.t('feeds-empty')
  const items = feeds.map((feed) => {
    const count = escapeHtml(tr.t('releases-count', { count: feed.releaseCount }))
    const removed = feed.enabled ? '' : ` · ${escapeHtml(tr.t('feeds-removed'))}`
    return `${renderFeedLine(feed, tr)}\n   ${escapeHtml(truncateText(feed.url, 200))}\n   ${count}${removed}`
  })
  return truncateHtml(`${b(tr.t('feeds-title'))}\n\n${items.join('\n\n')}`, MESSAGE_LIMIT)
}

/** A feed-health alert for the admins: failing since a number of polls, or polling again. */
export function renderFeedHealth(
  event: { kind: 'failing' | 'recovered'; feed: FeedRow; error?: string | null | undefined },
  tr: Translator,
): string {
  const name = escapeHtml(truncateText(feedDisplayName(event.feed), 200))
  if (event.kind !== 'failing') return tr.t('feed-recovered', { name })
  return tr.t('feed-failing', {
    name,
    count: event.feed.consecutiveErrors,
    error: escapeHtml(event.error ?? tr.t('feed-error-unknown')),
  })
}
