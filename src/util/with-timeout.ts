/** What withTimeout gives when the time ran out before the promise settled. */
export const TIMED_OUT: unique symbol = Symbol('timed out')

/**
 * `promise`'s value, or TIMED_OUT when it has not settled within `ms`; rejects when `promise` rejects in time.
 * The timer is cleared as soon as either side wins, so a settled wait leaves nothing behind to hold the process.
 * The one home for "wait, but not forever": shutdown grace periods, a worker's start-up.
 */
export async function withTimeout<T>(promise: PromiseLike<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(resolve, ms, TIMED_OUT)
  })
  try {
    return await Promise.race([promise, expired])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Waits for `promise` to settle, for at most `ms`; true when it did. Never rejects: for bounded waits (shutdown)
 * where how the work ended is reported elsewhere and only the time spent matters here.
 */
export async function settleWithin(promise: PromiseLike<unknown>, ms: number): Promise<boolean> {
  const settled = Promise.resolve(promise).then(
    () => true,
    () => true,
  )
  return (await withTimeout(settled, ms)) !== TIMED_OUT
}
