import { setTimeout as delay } from 'node:timers/promises'
import { run } from '@grammyjs/runner'
import { type Bot, GrammyError } from 'grammy'
import type { Update } from 'grammy/types'
import type { Logger } from '../../logger.ts'
import { settleWithin } from '../../util/with-timeout.ts'
import type { BotContext } from '../context.ts'
import { LONG_POLL_SECONDS } from '../middleware/api-limits.ts'

type PollingOptions = {
  /**
   * UPDATE_CONCURRENCY: updates handled at once (across chats; one chat's stay in order, see
   * middleware/sequence.ts).
   */
  concurrency: number
  logger: Logger
  /** getUpdates' long-poll seconds (default LONG_POLL_SECONDS); below the client's request timeout. */
  longPollSeconds?: number
  /** Pause between failed getUpdates calls (default 3000 ms, as grammY's bot.start). */
  retryIntervalMs?: number
}

export type Polling = {
  /**
   * Settles when polling ends: resolves after stop(), rejects with the error that ended it: 401 (token revoked)
   * or 409 (another instance, or a webhook), which @grammyjs/runner does not retry.
   */
  readonly ended: Promise<void>
  /**
   * Stops taking updates, confirms the ones already taken with Telegram (so a restart does not get them again),
   * then waits up to `graceMs` for the updates being handled.
   */
  stop(graceMs: number): Promise<void>
}

/** 401 and 409 end polling: retrying cannot help. Everything else (network, 5xx, 429) is retried. */
const isFatal = (error: unknown) =>
  error instanceof GrammyError && (error.error_code === 401 || error.error_code === 409)

/**
 * Long polling through @grammyjs/runner: updates are fetched while earlier ones are still being handled, at most
 * `concurrency` at a time, instead of grammY's bot.start, which handles one update at a time (one slow reply
 * held every chat). Like bot.start it first removes a webhook, and it retries network errors forever.
 */
export function startPolling(bot: Bot<BotContext>, options: PollingOptions): Polling {
  const { logger } = options
  const stopping = new AbortController()
  let inFlight = 0
  let lastUpdateId: number | undefined
  let idle: Array<() => void> = []
  const retryMs = options.retryIntervalMs ?? 3_000
  // A Telegram outage fails getUpdates every few seconds: say so once a minute, not each time.
  let warnedAt = Number.NEGATIVE_INFINITY
  const warnOnce = (error: unknown, what: string) => {
    if (Date.now() - warnedAt < 60_000) return
    warnedAt = Date.now()
    logger.warn({ err: describe(error) }, `${what} failed; retrying every ${retryMs / 1000} s`)
  }

  // The runner sees a bot whose handleUpdate counts what is in flight and remembers the last update taken.
  const tracked = {
    init: () => bot.init(),
    errorHandler: bot.errorHandler,
    handleUpdate: async (update: Update) => {
      inFlight++
      lastUpdateId = Math.max(lastUpdateId ?? update.update_id, update.update_id)
      try {
        await bot.handleUpdate(update)
      } finally {
        if (--inFlight === 0) for (const resolve of idle.splice(0)) resolve()
      }
    },
    api: {
      getUpdates: async (...args: Parameters<typeof bot.api.getUpdates>) => {
        try {
          return await bot.api.getUpdates(...args)
        } catch (error) {
          if (!stopping.signal.aborted && !isFatal(error)) warnOnce(error, 'getUpdates')
          throw error
        }
      },
    },
  }

  /** Removes a webhook first, as bot.start does; a network failure is retried until stop(). */
  async function deleteWebhook(): Promise<void> {
    for (;;) {
      try {
        await bot.api.deleteWebhook({ drop_pending_updates: false })
        return
      } catch (error) {
        const retriable =
          !(error instanceof GrammyError) || error.error_code >= 500 || error.error_code === 429
        if (!retriable) throw error
        if (stopping.signal.aborted) return
        warnOnce(error, 'deleteWebhook')
        // Cut short by stop(): the loop then returns at its next check.
        await delay(retryMs, undefined, { signal: stopping.signal }).catch(() => undefined)
      }
    }
  }

  let handle: ReturnType<typeof run> | undefined
  const ended = (async () => {
    await deleteWebhook()
    if (stopping.signal.aborted) return
    handle = run(tracked as unknown as Bot<BotContext>, {
      runner: {
        fetch: { timeout: options.longPollSeconds ?? LONG_POLL_SECONDS },
        retryInterval: retryMs,
        maxRetryTime: Number.POSITIVE_INFINITY,
        // Errors are logged above (and 401/409 by the caller), not printed to the console.
        silent: true,
      },
      sink: { concurrency: Math.max(1, options.concurrency) },
    })
    await handle.task()
  })()
  let failed = false
  // Not dropped: `ended` goes to the caller, who reports its error; here only whether it failed.
  ended.catch(() => {
    failed = true
  })

  return {
    ended,
    async stop(graceMs) {
      if (stopping.signal.aborted) return
      stopping.abort()
      // Aborts the pending getUpdates. Not awaited: the runner's promise waits for a free slot, that is for
      // updates being handled, which the bounded wait below covers.
      // (After a 401/409 the runner has stopped already and returns no promise.)
      // Dropped: the runner's stop() error; the task's own error reaches the caller through `ended`.
      Promise.resolve(handle?.stop()).catch(() => undefined)
      // Confirm what was taken: Telegram forgets updates below the offset of the next getUpdates. Not after a
      // 409 (that call would cut off the other instance's poll) or a 401.
      if (lastUpdateId !== undefined && !failed)
        await bot.api
          .getUpdates({ offset: lastUpdateId + 1, limit: 1, timeout: 0 })
          .catch((error: unknown) =>
            logger.warn({ err: describe(error) }, 'could not confirm the last updates'),
          )
      if (inFlight === 0) return
      await settleWithin(new Promise<void>((resolve) => idle.push(resolve)), graceMs)
      idle = []
    },
  }
}

/** One line for an operator on why long polling ended. The runner gives up on its own only on 401 and 409. */
export function describePollingFailure(error: unknown): string {
  if (!(error instanceof GrammyError)) return `long polling stopped: ${String(error)}`
  const what = `long polling stopped: ${error.error_code} ${error.description}`
  if (error.error_code === 409)
    return `${what} (another process is taking updates with this BOT_TOKEN, or a webhook is set)`
  if (error.error_code === 401) return `${what} (Telegram no longer accepts BOT_TOKEN; was it revoked?)`
  return what
}

/** An error for the log without the request URL (it holds the token). */
function describe(error: unknown): string {
  if (error instanceof GrammyError) return `${error.error_code} ${error.description}`
  return error instanceof Error ? error.message : String(error)
}
