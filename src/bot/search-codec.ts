import { randomBytes } from 'node:crypto'
import { CALLBACK_DATA_LIMIT } from './callback-data.ts'

/** The most search offsets a button may carry: 1000 results deep is more than anyone pages. */
export const MAX_SEARCH_OFFSET = 1000

/**
 * Puts a search query and page offset into button callback data, and gets them back.
 *
 * Short queries travel inside the data (`s:<offset>:<base64url>`), so their buttons keep working after a
 * restart. Longer ones are kept in a small in-memory LRU under a random id (`q:<offset>:<id>`); random, so an
 * old button never resolves to a different query after a restart: it reports the search as expired instead.
 */
export type SearchCodec = {
  encode(query: string, offset: number): string
  /** The query behind a button, or undefined when the cached entry is gone (expired or restarted). */
  decode(kind: 's' | 'q', payload: string): string | undefined
}

export function createSearchCodec(options: { capacity?: number } = {}): SearchCodec {
  const capacity = options.capacity ?? 500
  const cache = new Map<string, string>() // insertion order = recency
  const idsByQuery = new Map<string, string>()

  const remember = (query: string): string => {
    let id = idsByQuery.get(query)
    if (id !== undefined) cache.delete(id)
    else id = randomBytes(6).toString('base64url')
    cache.set(id, query)
    idsByQuery.set(query, id)
    while (cache.size > capacity) {
      const [oldestId, oldestQuery] = cache.entries().next().value as [string, string]
      cache.delete(oldestId)
      idsByQuery.delete(oldestQuery)
    }
    return id
  }

  return {
    encode(query, offset) {
      const at = Math.max(0, Math.min(MAX_SEARCH_OFFSET, Math.trunc(offset)))
      const inline = `s:${at}:${Buffer.from(query, 'utf8').toString('base64url')}`
      if (Buffer.byteLength(inline) <= CALLBACK_DATA_LIMIT) return inline
      return `q:${at}:${remember(query)}`
    },
    decode(kind, payload) {
      if (kind === 's') return Buffer.from(payload, 'base64url').toString('utf8')
      const query = cache.get(payload)
      if (query === undefined) return undefined
      // Touch: a query someone is paging through stays cached.
      cache.delete(payload)
      cache.set(payload, query)
      return query
    },
  }
}
