import { autoRetry } from '@grammyjs/auto-retry'
import { HttpError, type Transformer } from 'grammy'

/**
 * How long any Bot API request may take before it is abandoned (grammY's default is 500 s): replies, admin
 * notices and the sender's pushes alike. One slow request then holds its chat for at most this long.
 */
export const REQUEST_TIMEOUT_SECONDS = 30

/**
 * getUpdates waits this long for news. grammY's request timeout applies to it too, so it must stay well below
 * REQUEST_TIMEOUT_SECONDS or every quiet long poll would end as a timeout.
 */
export const LONG_POLL_SECONDS = 20

/** Pauses before the 2nd and 3rd attempt of a reply that failed on the network: 3 attempts at most. */
const NETWORK_RETRY_DELAYS_MS = [500, 1_500] as const

/** grammY's own request timeout, as opposed to a refused or dropped connection. */
function isTimeout(error: HttpError): boolean {
  return error.error instanceof Error && /timed out after \d+ seconds/.test(error.error.message)
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Retries a request that failed on the network (refused, reset, DNS) after each of `delaysMs`, then gives up.
 * A request that timed out is not retried: Telegram may well have carried it out (a second reply would show
 * twice), and the timeout already bounded the wait. A request the caller aborted is not retried either.
 */
function retryNetworkErrors(delaysMs: readonly number[] = NETWORK_RETRY_DELAYS_MS): Transformer {
  return async (prev, method, payload, signal) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await prev(method, payload, signal)
      } catch (error) {
        const delay = delaysMs[attempt]
        const retriable = error instanceof HttpError && !isTimeout(error) && !signal?.aborted
        if (!retriable || delay === undefined) throw error
        await pause(delay)
      }
    }
  }
}

/**
 * The retry policy for what the bot sends in answer to an update, every retry bounded: a 429 whose
 * retry_after is at most 10 s and a 5xx are retried 3 times (@grammyjs/auto-retry); a network error 2 times
 * (the plugin would retry those forever, with no regard for maxRetryAttempts, so it rethrows them to
 * retryNetworkErrors). The plugin's defaults would pile handlers up behind one slow chat.
 */
export function replyTransformers(): Transformer[] {
  return [
    autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 10, rethrowHttpErrors: true }),
    retryNetworkErrors(),
  ]
}
