/**
 * How much one write transaction of the ingestion worker takes, so that the write lock is never held long: the
 * bot's connection waits for it synchronously (up to busy_timeout) whenever it writes meanwhile. A batch closes at
 * `maxItems` items or `maxChars` characters of text (title, body and summary: what the FTS5 index and the table
 * pages cost), whichever comes first; after each commit the character budget follows the time the commit took,
 * shrinking at once when it went past `targetMs` and growing back slowly when it stayed well under, so that a slow
 * disk or a busy machine gets smaller batches rather than longer waits.
 */
export type BatchSizer = {
  /** Whether a batch holding `items` items of `chars` characters is full. */
  full(items: number, chars: number): boolean
  /** Hears how long a batch of `chars` characters held the lock. */
  committed(chars: number, ms: number): void
  /** The current character budget (for the benchmark's report). */
  readonly maxChars: number
}

export type BatchLimits = {
  maxItems: number
  /** The starting character budget. */
  maxChars: number
  /** The lock-hold time aimed at. */
  targetMs: number
}

/**
 * 200 items or 200,000 characters, aiming at 50 ms: the FTS5 index is most of a batch's time, so a full batch is near
 * that aim on the build machine (README, Measured figures: write-lock), and the budget adapts to the machine from the
 * first batch.
 */
export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxItems: 200, maxChars: 200_000, targetMs: 50 }

/** Never below this: a batch of one item is always allowed anyway (a batch is full only once it holds something). */
const MIN_CHARS = 20_000
/** Never above this: a fast disk must not earn batches that a hiccup then turns into long waits. */
const MAX_CHARS = 300_000

export function createBatchSizer(limits: BatchLimits = DEFAULT_BATCH_LIMITS): BatchSizer {
  let maxChars = limits.maxChars
  const ceiling = Math.max(MAX_CHARS, limits.maxChars)
  return {
    full: (items, chars) => items >= limits.maxItems || chars >= maxChars,
    committed(chars, ms) {
      if (chars === 0) return
      if (ms > limits.targetMs) maxChars = Math.max(MIN_CHARS, Math.floor(chars * (limits.targetMs / ms)))
      else if (ms < limits.targetMs / 2) maxChars = Math.min(ceiling, Math.floor(maxChars * 1.25))
    },
    get maxChars() {
      return maxChars
    },
  }
}

/** The characters of one stored release that a batch is sized by. */
export const releaseChars = (release: { title: string; body: string; summary: string }) =>
  release.title.length + release.body.length + release.summary.length
