import type { Store } from '../db/index.ts'
import type { Logger } from '../logger.ts'
import { nextDigestAt } from './digest-time.ts'

export type DigestSchedulerDeps = {
  store: Store
  logger: Logger
  /** New digests are queued: tell the sender. */
  onQueued: () => void
  /** The clock (tests pass a simulated one). */
  now?: () => number
}

const CHECK_EVERY_MS = 60_000

/**
 * The once-a-minute check for due digests. Each due subscription gets its digest cut (see store.digests.cut:
 * one outbox row, keyed by the period, and the next due time, in one transaction), so a restart neither skips nor
 * doubles one, and a service that was down at the hour sends it at its first check after coming back. The next
 * due time is counted from now, not from the missed hour: a long outage sends one digest, not one per day missed.
 */
export function createDigestScheduler(deps: DigestSchedulerDeps) {
  const now = deps.now ?? Date.now
  let timer: NodeJS.Timeout | undefined

  function tick(): number {
    const at = now()
    let queued = 0
    for (const sub of deps.store.digests.due(at)) {
      try {
        const next =
          sub.digest === 'off' || sub.digestMinute === null
            ? null
            : nextDigestAt(
                { digest: sub.digest, minute: sub.digestMinute, weekday: sub.digestWeekday },
                sub.timeZone,
                at,
              )
        const items = deps.store.digests.cut(sub, sub.digestDueAt ?? at, next)
        if (items > 0) queued++
      } catch (error) {
        deps.logger.error({ err: error, subscriptionId: sub.id }, 'could not cut a digest; will retry')
      }
    }
    if (queued > 0) {
      deps.logger.info({ digests: queued }, 'digests queued')
      deps.onQueued()
    }
    return queued
  }

  return {
    /** Checks now: queues every due digest. Returns how many were queued (tests drive this on a simulated clock). */
    tick,
    start(): void {
      if (timer) return
      tick()
      timer = setInterval(() => {
        try {
          tick()
        } catch (error) {
          deps.logger.error({ err: error }, 'digest check failed; will retry in a minute')
        }
      }, CHECK_EVERY_MS)
      timer.unref()
    },
    stop(): void {
      if (timer) clearInterval(timer)
      timer = undefined
    },
  }
}
