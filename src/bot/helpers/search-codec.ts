import { randomBytes } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import { CALLBACK_DATA_LIMIT } from '../callback-data.ts'

/** The most search offsets a button may carry: 1000 results deep is more than anyone pages. */
export const MAX_SEARCH_OFFSET = 1000

/**
 * Puts a search query and page offset into button callback data, and gets them back.
 *
 * Short queries travel inside the data (`s:<offset>:<base64url>`), so their buttons keep working after a
 * restart. Longer ones are kept in memory under a random id (`q:<offset>:<owner>.<id>`), in a small share per
 * user (the owner, in base 36, is who searched): one user's flood of searches expires only their own oldest
 * buttons, never anyone else's. Random, so an old button never resolves to a different query after a restart:
 * it reports the search as expired instead.
 */
export type SearchCodec = {
  encode(query: string, offset: number): string
  /** The data of the "alert me" button for a query: `as:<base64url>`, else `aq:<owner>.<id>`. */
  encodeAlert(query: string): string
  /** The query behind a button, or undefined when the cached entry is gone (expired or restarted). */
  decode(kind: 's' | 'q', payload: string): string | undefined
}

/** The codec for the buttons shown to one user; any of them decodes any button (groups page together). */
export type SearchCodecs = { forUser(userId: number): SearchCodec }

export type SearchCodecOptions = {
  /** Long queries kept per user (default 16). */
  perUser?: number
  /** Users whose long queries are kept, least recently active forgotten first (default 1,000). */
  users?: number
}

export function createSearchCodec(options: SearchCodecOptions = {}): SearchCodecs {
  const perUser = options.perUser ?? 16
  // Characters per user at most, so memory stays bounded (≈ 64 KB × users) whatever the queries' length.
  const shares = new LRUCache<string, LRUCache<string, string>>({ max: options.users ?? 1000 })
  const shareOf = (owner: string) => {
    let share = shares.get(owner)
    if (!share) {
      share = new LRUCache<string, string>({
        max: perUser,
        maxSize: 32_768,
        sizeCalculation: (query) => Math.max(1, query.length),
      })
      shares.set(owner, share)
    }
    return share
  }

  const remember = (owner: string, query: string): string => {
    const share = shareOf(owner)
    for (const [id, kept] of share.entries()) {
      if (kept !== query) continue
      share.get(id) // touch: the same query keeps its id and moves to the front
      return id
    }
    const id = randomBytes(6).toString('base64url')
    share.set(id, query)
    return id
  }

  const decode = (kind: 's' | 'q', payload: string): string | undefined => {
    if (kind === 's') return Buffer.from(payload, 'base64url').toString('utf8')
    const dot = payload.indexOf('.')
    if (dot < 0) return undefined // a button from before per-user shares: its cache is gone anyway
    // get() touches the entry: a query someone is paging through stays cached.
    return shares.get(payload.slice(0, dot))?.get(payload.slice(dot + 1))
  }

  return {
    forUser(userId) {
      const owner = Math.max(0, Math.trunc(userId)).toString(36)
      return {
        encode(query, offset) {
          const at = Math.max(0, Math.min(MAX_SEARCH_OFFSET, Math.trunc(offset)))
          const inline = `s:${at}:${Buffer.from(query, 'utf8').toString('base64url')}`
          if (Buffer.byteLength(inline) <= CALLBACK_DATA_LIMIT) return inline
          return `q:${at}:${owner}.${remember(owner, query)}`
        },
        encodeAlert(query) {
          const inline = `as:${Buffer.from(query, 'utf8').toString('base64url')}`
          if (Buffer.byteLength(inline) <= CALLBACK_DATA_LIMIT) return inline
          return `aq:${owner}.${remember(owner, query)}`
        },
        decode,
      }
    },
  }
}
