/**
 * What a server says about how soon it wants to be asked again, read from a response's headers: `Retry-After`
 * (seconds or an HTTP date; sent with 429, 503 and some redirects) and `Cache-Control: max-age` (the answer is
 * fresh that long). The scheduler treats the larger as a lower bound on the next poll, never as a schedule.
 */

/** No server pushes a source's next poll further than this: it is still checked once a day. */
const MAX_SERVER_DELAY_MS = 24 * 60 * 60_000

const clamp = (ms: number) => Math.min(MAX_SERVER_DELAY_MS, Math.max(0, Math.round(ms)))

/** `Retry-After` in ms from `now`, or null when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number): number | null {
  const text = value?.trim()
  if (!text) return null
  if (/^\d+$/.test(text)) return clamp(Number(text) * 1000)
  const at = Date.parse(text)
  return Number.isNaN(at) ? null : clamp(at - now)
}

/** `Cache-Control: max-age` in ms (not when `no-cache` or `no-store` asks to check every time), or null. */
export function maxAgeMs(value: string | null): number | null {
  if (!value) return null
  const directives = value
    .toLowerCase()
    .split(',')
    .map((d) => d.trim())
  if (directives.includes('no-cache') || directives.includes('no-store')) return null
  for (const directive of directives) {
    const match = /^max-age\s*=\s*"?(\d+)"?$/.exec(directive)
    if (match) return clamp(Number(match[1]) * 1000)
  }
  return null
}

/** The longer of the two waits a response asks for, in ms; null when it asks for none. */
export function serverDelayMs(
  headers: { get(name: string): string | null },
  now = Date.now(),
): number | null {
  const waits = [
    retryAfterMs(headers.get('retry-after'), now),
    maxAgeMs(headers.get('cache-control')),
  ].filter((ms): ms is number => ms !== null && ms > 0)
  return waits.length > 0 ? Math.max(...waits) : null
}

/** An RSS `<ttl>` (minutes) in ms, or null when absent, unreadable or zero. */
export function ttlToMs(minutes: string | null | undefined): number | null {
  const text = minutes?.trim()
  if (!text || !/^\d+$/.test(text)) return null
  const ms = clamp(Number(text) * 60_000)
  return ms > 0 ? ms : null
}

/** The earliest next poll a server's headers and a feed's <ttl> allow, or null when neither asks for a wait. */
export function notBeforeOf(now: number, ...waits: Array<number | null | undefined>): number | null {
  const longest = Math.max(0, ...waits.map((ms) => ms ?? 0))
  return longest > 0 ? now + longest : null
}
