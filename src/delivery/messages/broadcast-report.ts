import type { BroadcastProgress, BroadcastReport } from '../../db/broadcasts-repository.ts'
import type { Translator } from '../../i18n/index.ts'
import { escapeHtml } from '../../render/escape.ts'
import { truncateText } from '../../render/text.ts'

/** The most frequent reasons a report names (the rest are in the database and `pressbot broadcasts list`). */
const REASONS_SHOWN = 3

/**
 * The report per broadcast, after its last message: targeted, sent, failed, blocked and otherwise skipped, then
 * per edition (when it had several) and why the others were not sent (HTML).
 */
export function renderBroadcastReport(report: BroadcastReport, tr: Translator): string[] {
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
