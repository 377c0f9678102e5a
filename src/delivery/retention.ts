import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { Store } from '../db/index.ts'
import type { Logger } from '../logger.ts'
import { EDIT_WINDOW_MS } from './deliver.ts'

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000
const SETTLED = ['sent', 'failed', 'skipped'] as const

export type PruneResult = Record<(typeof SETTLED)[number], number>

export type RetentionOptions = {
  /** Settled deliveries older than this many days go; 0 keeps every row. */
  retentionDays: number
  /** Rows per DELETE transaction (default 1,000): each holds the write lock only briefly. */
  batchSize?: number
  /** Between runs (default an hour). */
  intervalMs?: number
}

/**
 * Keeps the outbox bounded: deletes sent, failed and skipped deliveries older than DELIVERY_RETENTION_DAYS (and
 * the quiet-hours counts of past nights, whatever the setting), at
 * start and every hour, in small transactions with a turn of the event loop between them, so replies and sends
 * go on meanwhile. Pending and in-flight rows are never touched. Sent rows stay at least as long as a correction
 * may still edit their message (48 h), whatever the setting; the totals /stats and /metrics show are kept apart
 * (delivery_totals) and do not drop.
 */
export function createRetention(deps: { store: Store; logger: Logger }, options: RetentionOptions) {
  const batchSize = options.batchSize ?? 1_000
  let timer: NodeJS.Timeout | undefined
  let running: Promise<PruneResult> | undefined
  let stopping = false

  async function pruneOnce(now: number): Promise<PruneResult> {
    const pruned: PruneResult = { sent: 0, failed: 0, skipped: 0 }
    // Bookkeeping, not history: a night's count of held pushes is of no use once the night is over.
    deps.store.deliveries.pruneQuietHolds(now - DAY_MS)
    if (options.retentionDays <= 0) return pruned
    const before = now - Math.max(options.retentionDays * DAY_MS, EDIT_WINDOW_MS)
    for (const status of SETTLED) {
      while (!stopping) {
        const n = deps.store.deliveries.pruneSettled(status, before, batchSize)
        pruned[status] += n
        if (n < batchSize) break
        await yieldToLoop()
      }
    }
    return pruned
  }

  /** One pass (a pass already under way is joined, not doubled). Resolves with how many rows went, by status. */
  function prune(now: number = Date.now()): Promise<PruneResult> {
    running ??= pruneOnce(now).finally(() => {
      running = undefined
    })
    return running
  }

  const runLogged = () =>
    prune()
      .then((pruned) => {
        const total = pruned.sent + pruned.failed + pruned.skipped
        if (total > 0)
          deps.logger.info({ pruned, retentionDays: options.retentionDays }, 'old deliveries pruned')
      })
      .catch((error: unknown) => deps.logger.error({ err: error }, 'pruning old deliveries failed'))

  return {
    prune,
    /** Prunes now, then every hour. */
    start(): void {
      if (timer) return
      stopping = false
      void runLogged()
      timer = setInterval(() => void runLogged(), options.intervalMs ?? HOUR_MS)
      timer.unref()
    },
    /** Stops the schedule and waits for a pass under way to finish its current batch. */
    async stop(): Promise<void> {
      clearInterval(timer)
      timer = undefined
      stopping = true
      // Dropped: the pass's error, already logged by runLogged (or given to prune()'s caller).
      await running?.catch(() => undefined)
    },
  }
}
