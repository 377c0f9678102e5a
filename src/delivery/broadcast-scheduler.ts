import type { Api } from 'grammy'
import type { Store } from '../db/index.ts'
import type { BroadcastRow } from '../db/schema.ts'
import { DEFAULT_LOCALE, toLocale, translator } from '../i18n/index.ts'
import type { Logger } from '../logger.ts'
import { renderBroadcastStarted } from './messages/broadcast-report.ts'

export type BroadcastSchedulerDeps = {
  api: Api
  store: Store
  logger: Logger
  /** Who hears about a late start of a broadcast queued from the command line (it has no admin chat). */
  adminIds: readonly number[]
  /** A broadcast was queued: tell the sender. */
  onQueued: () => void
  now?: () => number
  /** How often to look for due broadcasts (default 15 s). */
  intervalMs?: number
}

/**
 * Starts scheduled broadcasts at their time. Each due one is queued by store.broadcasts.startDue (status and
 * queue in one transaction: started once, never twice, across restarts and processes). The first check runs at
 * start, so one whose time passed while the service was down goes out at once; the admin is told it is late. The
 * admin's message for a started broadcast becomes its progress message (broadcast-progress.ts edits it).
 */
export function createBroadcastScheduler(deps: BroadcastSchedulerDeps) {
  const { store, logger } = deps
  const now = deps.now ?? Date.now
  const intervalMs = deps.intervalMs ?? 15_000
  let timer: NodeJS.Timeout | undefined
  let ticking: Promise<number> | undefined

  async function tell(broadcast: BroadcastRow, queued: number): Promise<void> {
    const recipients =
      broadcast.adminChatId !== 0 ? [broadcast.adminChatId] : broadcast.late ? deps.adminIds : []
    for (const chatId of recipients) {
      const tr = translator(toLocale(store.chats.localeOf(chatId)) ?? DEFAULT_LOCALE)
      try {
        const message = await deps.api.sendMessage(chatId, renderBroadcastStarted(broadcast, queued, tr), {
          parse_mode: 'HTML',
        })
        if (chatId === broadcast.adminChatId)
          store.broadcasts.setProgressMessage(broadcast.id, message.message_id)
      } catch (error) {
        // The broadcast goes out whether or not the admin hears of it.
        logger.warn(
          { err: error, broadcastId: broadcast.id, chatId },
          'could not tell the admin a broadcast started',
        )
      }
    }
  }

  async function tick(): Promise<number> {
    const started = store.broadcasts.startDue(now())
    if (started.length === 0) return 0
    deps.onQueued()
    for (const { broadcast, queued } of started) {
      const where = { broadcastId: broadcast.id, queued, scheduledAt: broadcast.scheduledAt }
      if (broadcast.late)
        logger.warn(where, 'scheduled broadcast started late (the service was down at its time)')
      else logger.info(where, 'scheduled broadcast started')
      await tell(broadcast, queued)
    }
    return started.length
  }

  /** One check now (overlapping checks are merged); resolves with how many broadcasts started. */
  function runOnce(): Promise<number> {
    ticking ??= tick()
      .catch((error: unknown) => {
        logger.error({ err: error }, 'scheduled broadcasts: check failed; will retry')
        return 0
      })
      .finally(() => {
        ticking = undefined
      })
    return ticking
  }

  return {
    tick: runOnce,
    start(): void {
      if (timer) return
      void runOnce()
      timer = setInterval(() => void runOnce(), intervalMs)
      timer.unref()
    },
    /** No more checks; resolves when the one in flight has finished with the database. */
    async stop(): Promise<void> {
      if (timer) clearInterval(timer)
      timer = undefined
      await ticking
    },
  }
}
