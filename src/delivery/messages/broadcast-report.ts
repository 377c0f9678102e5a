/** What the sender tells an admin about a broadcast: started, progress, final report, follow-ups. */
import type { BroadcastProgress, BroadcastReport } from '../../db/broadcasts-repository.ts'
import type { BroadcastRow } from '../../db/schema.ts'
import type { Translator } from '../../i18n/index.ts'
import { escapeHtml } from '../../render/escape.ts'
import { truncateText } from '../../render/text.ts'
import { formatWallClock } from '../../time-zone.ts'

/** The most frequent reasons a report names (the rest are in the database and `pressbot broadcasts list`). */
const REASONS_SHOWN = 3

/**
 * The report per broadcast, after its last message: targeted, sent, failed, blocked and otherwise skipped, then
 * per edition (when it had several) and why the others were not sent (HTML).
 */
function renderBroadcastReport(report: BroadcastReport, tr: Translator): string[] {
  const p = report.progress
  const targeted = p.pending + p.sending + p.sent + p.failed + p.skipped
  const lines = [
    tr.t('broadcast-report-counts', {
      targeted,
      sent: p.sent,
      failed: p.failed,
      blocked: report.blocked,
      skipped: p.skipped - report.blocked,
    }),
  ]
  if (report.byEdition.length > 1) {
    const list = report.byEdition.map((e) => `${e.edition} ${e.sent}/${e.targeted}`).join(' · ')
    lines.push(tr.t('broadcast-report-editions', { list }))
  }
  const reasons = [...report.reasons].sort((a, b) => b.n - a.n).slice(0, REASONS_SHOWN)
  if (reasons.length > 0) {
    const list = reasons.map((r) => `${escapeHtml(truncateText(r.reason || '?', 60))} (${r.n})`).join('; ')
    lines.push(tr.t('broadcast-report-reasons', { list }))
  }
  return lines
}

/** The admin's notice that a scheduled broadcast started (late: after the program was down at its time). */
export function renderBroadcastStarted(
  broadcast: Pick<BroadcastRow, 'id' | 'late' | 'timeZone' | 'scheduledAt'>,
  queued: number,
  tr: Translator,
): string {
  const zone = broadcast.timeZone ?? 'UTC'
  return tr.t(broadcast.late ? 'broadcast-started-late' : 'broadcast-started', {
    id: String(broadcast.id),
    chats: escapeHtml(tr.t('chats-count', { count: queued })),
    time: formatWallClock(broadcast.scheduledAt ?? 0, zone),
    zone: escapeHtml(zone),
  })
}

/** "2 min 5 s", in the admin's language. */
function duration(ms: number, tr: Translator): string {
  const s = Math.max(0, Math.round(ms / 1000))
  if (s < 60) return tr.t('duration-seconds', { s })
  const m = Math.floor(s / 60)
  if (m < 60) return tr.t('duration-minutes', { m, s: s % 60 })
  return tr.t('duration-hours', { h: Math.floor(m / 60), m: m % 60 })
}

/** The admin's progress message while a broadcast runs (counts are plain numbers: no escaping needed). */
export function renderBroadcastProgress(
  id: number,
  p: BroadcastProgress,
  ratePerSecond: number | null,
  tr: Translator,
): string {
  const remaining = p.pending + p.sending
  const lines = [
    tr.t('broadcast-progress-title', { id: String(id) }),
    tr.t('broadcast-progress-counts', { sent: p.sent, failed: p.failed + p.skipped, remaining }),
  ]
  if (ratePerSecond !== null) {
    const rate = Math.round(ratePerSecond * 10) / 10
    lines.push(
      ratePerSecond > 0
        ? tr.t('broadcast-progress-rate-eta', { rate, eta: duration((remaining / ratePerSecond) * 1000, tr) })
        : tr.t('broadcast-progress-rate', { rate }),
    )
  }
  return lines.join('\n')
}

/** The final report that replaces the progress message. */
export function renderBroadcastFinalReport(
  id: number,
  report: BroadcastReport,
  tookMs: number | null,
  tr: Translator,
  cancelled = false,
): string {
  const lines = [
    tr.t(cancelled ? 'broadcast-final-cancelled' : 'broadcast-finished', { id: String(id) }),
    ...renderBroadcastReport(report, tr),
  ]
  if (tookMs !== null) lines.push(tr.t('broadcast-took', { duration: duration(tookMs, tr) }))
  return lines.join('\n')
}

/** A correction's or withdrawal's progress, or its report once nothing is left to do (HTML). */
export function renderFollowUp(
  id: number,
  kind: 'broadcast_edit' | 'broadcast_delete',
  p: BroadcastProgress,
  tr: Translator,
): { text: string; finished: boolean } {
  const remaining = p.pending + p.sending
  const edit = kind === 'broadcast_edit'
  if (remaining > 0) {
    const title = tr.t(edit ? 'broadcast-correcting-title' : 'broadcast-withdrawing-title', {
      id: String(id),
    })
    const counts = tr.t('broadcast-follow-up-counts', { done: p.sent, failed: p.failed, remaining })
    return { text: `${title}\n${counts}`, finished: false }
  }
  const title = tr.t(edit ? 'broadcast-corrected' : 'broadcast-withdrawn', { id: String(id) })
  const counts = tr.t('broadcast-follow-up-final', { done: p.sent, failed: p.failed, skipped: p.skipped })
  return { text: `${title}\n${counts}`, finished: true }
}
