import { LRUCache } from 'lru-cache'

/**
 * `load`'s answer, kept for `ttlMs`: for what every page shows and few releases change (the languages the archive
 * holds), so a page does not pay for it each time. A new language shows within `ttlMs`.
 */
export function shortCache<T extends NonNullable<unknown>>(ttlMs: number, load: () => T): () => T {
  const cache = new LRUCache<'value', T>({ max: 1, ttl: ttlMs })
  return () => {
    let value = cache.get('value')
    if (value === undefined) {
      value = load()
      cache.set('value', value)
    }
    return value
  }
}
