/**
 * Article pages that keep failing are fetched less and less often, so a listing full of dead links costs its
 * source a few requests per poll instead of every one of them with the full timeout. The first failure is retried
 * on the next poll (a passing hiccup); from the second on, the article waits BASE_MS, doubling per failure, at
 * most CAP_MS. Kept in memory per feed and listing item: a restart forgets it, which costs one more try each.
 */

/** The wait after an article's second failure in a row. */
export const ARTICLE_BACKOFF_BASE_MS = 30 * 60_000
const ARTICLE_BACKOFF_CAP_MS = 24 * 60 * 60_000
/** Entries kept at most (the oldest forgotten first): hostile listings must not grow this without end. */
const MAX_ENTRIES = 10_000

type Entry = { failures: number; retryAt: number }

export type ArticleBackoff = {
  /** Whether the article may be fetched at `now`. */
  ready(feedId: number, itemId: string, now: number): boolean
  /** Counts a failure of the article at `now`. */
  failed(feedId: number, itemId: string, now: number): void
  /** The article was read: its failures are forgotten. */
  succeeded(feedId: number, itemId: string): void
}

function articleBackoffDelayMs(failures: number): number {
  if (failures < 2) return 0
  return Math.min(ARTICLE_BACKOFF_CAP_MS, ARTICLE_BACKOFF_BASE_MS * 2 ** Math.min(failures - 2, 20))
}

export function createArticleBackoff(): ArticleBackoff {
  const entries = new Map<string, Entry>()
  const key = (feedId: number, itemId: string) => `${feedId}\u0000${itemId}`
  return {
    ready(feedId, itemId, now) {
      const entry = entries.get(key(feedId, itemId))
      return entry === undefined || entry.retryAt <= now
    },
    failed(feedId, itemId, now) {
      const k = key(feedId, itemId)
      const failures = (entries.get(k)?.failures ?? 0) + 1
      entries.delete(k) // re-inserted last: the Map's order is the order of last failure
      entries.set(k, { failures, retryAt: now + articleBackoffDelayMs(failures) })
      if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string)
    },
    succeeded(feedId, itemId) {
      entries.delete(key(feedId, itemId))
    },
  }
}
