import type { LookupOptions } from 'node:dns'
import { isIP } from 'node:net'
import { classifyAddress, literalHostRefusal, refusalMessage } from '../feed/address-policy.ts'
import { guardedLookup, type Resolver } from '../feed/network.ts'

/**
 * Telegram's own Bot API downloads a photo given by URL from Telegram's servers. A self-hosted Bot API server
 * (TELEGRAM_API_ROOT) downloads it from wherever it runs, often beside pressbot: an image URL from a feed could
 * then reach its loopback, the office network or the cloud metadata endpoint, as a feed URL could without the
 * address policy. So such a server gets only photos whose host is public by the same rules (a literal address, or
 * every address its name resolves to); any other release goes out as text.
 */
export type PhotoGuard = (url: string) => Promise<{ ok: true } | { ok: false; reason: string }>

/** What a host's check is remembered for: one release goes to many chats, with one image. */
const CACHE_MS = 60_000
const CACHE_ENTRIES = 1_000

/** The guard for `apiRoot`, or undefined where none is needed (Telegram's own server, FEED_ALLOW_PRIVATE). */
export function createPhotoGuard(options: {
  apiRoot: string
  allowPrivate: boolean
  resolve?: Resolver
  now?: () => number
}): PhotoGuard | undefined {
  if (options.allowPrivate || new URL(options.apiRoot).hostname === 'api.telegram.org') return undefined
  const lookup = guardedLookup({ allowPrivate: false, resolve: options.resolve })
  const now = options.now ?? Date.now
  const cache = new Map<string, { refusal: string | null; at: number }>()

  const check = (hostname: string): Promise<string | null> => {
    const literal = literalHostRefusal(hostname)
    if (literal) return Promise.resolve(literal)
    const bare = hostname.replace(/^\[(.*)\]$/, '$1')
    if (isIP(bare)) {
      const what = classifyAddress(bare)
      return Promise.resolve(what ? refusalMessage(bare, what) : null)
    }
    return new Promise((resolve) =>
      lookup(bare, { all: true } satisfies LookupOptions, (error) =>
        resolve(error ? `cannot vouch for ${bare}: ${error.message}` : null),
      ),
    )
  }

  return async (url) => {
    let hostname: string
    try {
      const parsed = new URL(url)
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
        return { ok: false, reason: 'not http(s)' }
      hostname = parsed.hostname.toLowerCase()
    } catch {
      // Dropped: the TypeError; the reason says it.
      return { ok: false, reason: 'not a URL' }
    }
    const cached = cache.get(hostname)
    let refusal: string | null
    if (cached && now() - cached.at < CACHE_MS) refusal = cached.refusal
    else {
      refusal = await check(hostname)
      cache.delete(hostname)
      cache.set(hostname, { refusal, at: now() })
      if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value as string)
    }
    return refusal === null ? { ok: true } : { ok: false, reason: refusal }
  }
}
