import type { Api } from 'grammy'
import type { Store } from '../db/index.ts'
import type { BroadcastRow } from '../db/schema.ts'
import { DEFAULT_LOCALE, toLocale, translator } from '../i18n/index.ts'
import type { Logger } from '../logger.ts'
import {
  renderBroadcastFinalReport,
  renderBroadcastProgress,
  renderFollowUp,
} from './messages/broadcast-report.ts'
import { classifyTelegramError, isUneditable } from './telegram-errors.ts'

export type BroadcastProgressDeps = {
  api: Api
  store: Store
  logger: Logger
  /** How often to refresh the admins' progress messages (default 3000 ms). */
  intervalMs?: number
}

type Sample = { at: number; settled: number }
type Seen = { text: string; samples: Sample[]; editable: boolean }

/** The rate is measured over this much recent history (a moving window, so a 429 pause shows up quickly). */
const RATE_WINDOW_MS = 10_000

/**
 * Keeps the admin informed while a broadcast goes out: every few seconds, each confirmed broadcast's progress
 * message is edited with sent / failed / remaining and the current rate; once nothing is pending or sending, a
 * final report replaces it (saying "cancelled" after /broadcast_cancel) and the broadcast is marked done. A text
 * that didn't change is not sent again, and Telegram's "message is not modified" counts as success. A correction
 * or withdrawal under way is shown the same way in the admin's reply to /broadcast_edit or /broadcast_withdraw.
 */
export function createBroadcastProgress(deps: BroadcastProgressDeps) {
  const { api, store, logger } = deps
  const intervalMs = deps.intervalMs ?? 3_000
  const seen = new Map<number, Seen>()
  const followUps = new Map<number, Seen>()
  let timer: NodeJS.Timeout | undefined
  let ticking: Promise<void> | undefined

  /** Edits the message; returns false when it should be tried again on the next tick. */
  async function show(
    broadcast: BroadcastRow,
    state: Seen,
    text: string,
    messageId = broadcast.progressMessageId,
  ): Promise<boolean> {
    if (messageId === null || !state.editable || text === state.text) return true
    try {
      await api.editMessageText(broadcast.adminChatId, messageId, text, {
        parse_mode: 'HTML',
      })
    } catch (error) {
      const failure = classifyTelegramError(error)
      if (failure.kind === 'not-modified') {
        state.text = text
        return true
      }
      const where = { broadcastId: broadcast.id, chatId: broadcast.adminChatId, error: failure.description }
      if (failure.kind === 'permanent' || failure.kind === 'blocked') {
        // The admin deleted the message or left: stop editing, the broadcast itself goes on.
        if (!isUneditable(failure.description))
          logger.warn(where, 'could not edit the broadcast progress message')
        state.editable = false
        return true
      }
      logger.warn(where, 'progress update failed; will try again')
      return false
    }
    state.text = text
    return true
  }

  async function update(broadcast: BroadcastRow, now: number): Promise<void> {
    // In the admin's language: their chat's stored one, else English.
    const tr = translator(toLocale(store.chats.localeOf(broadcast.adminChatId)) ?? DEFAULT_LOCALE)
    const progress = store.broadcasts.progress(broadcast.id)
    const settled = progress.sent + progress.failed + progress.skipped
    let state = seen.get(broadcast.id)
    if (!state) {
      // First look (perhaps after a restart): the rate is the average since confirmation.
      state = { text: '', samples: [{ at: broadcast.confirmedAt ?? now, settled: 0 }], editable: true }
      seen.set(broadcast.id, state)
    }
    if (progress.pending + progress.sending === 0) {
      const took = broadcast.confirmedAt === null ? null : now - broadcast.confirmedAt
      // Read again: a /broadcast_cancel may have landed since this tick listed the broadcasts.
      const cancelled = (store.broadcasts.get(broadcast.id)?.status ?? broadcast.status) === 'cancelled'
      const report = store.broadcasts.report(broadcast.id)
      if (
        await show(broadcast, state, renderBroadcastFinalReport(broadcast.id, report, took, tr, cancelled))
      ) {
        store.broadcasts.markDone(broadcast.id)
        seen.delete(broadcast.id)
      }
      return
    }
    await show(
      broadcast,
      state,
      renderBroadcastProgress(broadcast.id, progress, measureRate(state.samples, now, settled), tr),
    )
  }

  function measureRate(samples: Sample[], now: number, settled: number): number | null {
    samples.push({ at: now, settled })
    while (samples.length > 2 && samples[1]!.at <= now - RATE_WINDOW_MS) samples.shift()
    const oldest = samples[0]!
    const span = now - oldest.at
    return span >= 1_000 ? Math.max(0, ((settled - oldest.settled) * 1000) / span) : null
  }

  /** A correction's or withdrawal's message: its progress, then its report (and it is no longer followed). */
  async function updateFollowUp(broadcast: BroadcastRow): Promise<void> {
    const tr = translator(toLocale(store.chats.localeOf(broadcast.adminChatId)) ?? DEFAULT_LOCALE)
    const kind = broadcast.withdrawnAt !== null ? 'broadcast_delete' : 'broadcast_edit'
    const progress = store.broadcasts.followUpProgress(broadcast.id, kind)
    const { text, finished } = renderFollowUp(broadcast.id, kind, progress, tr)
    let state = followUps.get(broadcast.id)
    if (!state) {
      state = { text: '', samples: [], editable: true }
      followUps.set(broadcast.id, state)
    }
    if ((await show(broadcast, state, text, broadcast.followUpMessageId)) && finished) {
      store.broadcasts.finishFollowUp(broadcast.id)
      followUps.delete(broadcast.id)
    }
  }

  async function tick(): Promise<void> {
    const now = Date.now()
    let reportable: BroadcastRow[]
    try {
      reportable = store.broadcasts.reportable()
    } catch (error) {
      // The timer's pass must never reject: nobody awaits it.
      logger.error({ err: error }, 'broadcast progress: cannot list the broadcasts')
      return
    }
    for (const broadcast of reportable) {
      try {
        await update(broadcast, now)
      } catch (error) {
        logger.error({ err: error, broadcastId: broadcast.id }, 'broadcast progress update failed')
      }
    }
    let following: BroadcastRow[] = []
    try {
      following = store.broadcasts.followUpsReportable()
    } catch (error) {
      logger.error({ err: error }, 'broadcast progress: cannot list the corrections and withdrawals')
    }
    for (const broadcast of following) {
      try {
        await updateFollowUp(broadcast)
      } catch (error) {
        logger.error({ err: error, broadcastId: broadcast.id }, 'broadcast follow-up progress update failed')
      }
    }
  }

  /** One pass now (overlapping passes are merged); the timer calls this. */
  function runOnce(): Promise<void> {
    ticking ??= tick().finally(() => {
      ticking = undefined
    })
    return ticking
  }

  return {
    start(): void {
      if (timer) return
      timer = setInterval(() => void runOnce(), intervalMs)
      timer.unref()
    },
    /** No more passes; resolves when the pass in flight (an edit on the wire) has finished with the database. */
    async stop(): Promise<void> {
      if (timer) clearInterval(timer)
      timer = undefined
      await ticking
    },
    /** Runs one update pass now (tests; also useful right after a confirm). */
    tick: runOnce,
  }
}
