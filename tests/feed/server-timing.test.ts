import { describe, expect, it } from 'vitest'
import { formatPollInterval, parsePollInterval } from '../../src/feed/poll-interval.ts'
import { maxAgeMs, retryAfterMs, serverDelayMs, ttlToMs } from '../../src/feed/server-timing.ts'

const DAY = 24 * 3600_000

describe('what a server asks of our timing', () => {
  it('reads Retry-After in seconds or as an HTTP date, and caps it at a day', () => {
    const now = Date.UTC(2026, 11, 7, 12)
    expect(retryAfterMs('120', now)).toBe(120_000)
    expect(retryAfterMs('Mon, 07 Dec 2026 12:10:00 GMT', now)).toBe(600_000)
    expect(retryAfterMs('Mon, 07 Dec 2026 11:00:00 GMT', now)).toBe(0) // already past
    expect(retryAfterMs('999999999', now)).toBe(DAY)
    expect(retryAfterMs('soon', now)).toBeNull()
    expect(retryAfterMs(null, now)).toBeNull()
  })

  it('reads max-age, unless the server asks to check every time', () => {
    expect(maxAgeMs('public, max-age=300')).toBe(300_000)
    expect(maxAgeMs('max-age=300, no-cache')).toBeNull()
    expect(maxAgeMs('no-store')).toBeNull()
    expect(maxAgeMs('private')).toBeNull()
  })

  it('takes the longer wait of the two, and <ttl> in minutes', () => {
    const headers = new Headers({ 'retry-after': '30', 'cache-control': 'max-age=90' })
    expect(serverDelayMs(headers)).toBe(90_000)
    expect(serverDelayMs(new Headers())).toBeNull()
    expect(ttlToMs('60')).toBe(3600_000)
    expect(ttlToMs('0')).toBeNull()
    expect(ttlToMs('an hour')).toBeNull()
    expect(ttlToMs('100000')).toBe(DAY)
  })
})

describe('--every', () => {
  it('reads s, m and h between 30 s and 24 h, and says what is wrong otherwise', () => {
    expect(parsePollInterval('60s')).toEqual({ ok: true, ms: 60_000 })
    expect(parsePollInterval('5m')).toEqual({ ok: true, ms: 300_000 })
    expect(parsePollInterval('24H')).toEqual({ ok: true, ms: DAY })
    expect(parsePollInterval('29s')).toEqual({
      ok: false,
      error: '--every must be between 30s and 24h (got 29s)',
    })
    expect(parsePollInterval('25h')).toMatchObject({ ok: false })
    expect(parsePollInterval('1.5m')).toMatchObject({
      ok: false,
      error: expect.stringContaining('30s, 5m, 2h'),
    })
    expect(parsePollInterval('60')).toMatchObject({ ok: false })
  })

  it('writes an interval back in its shortest unit', () => {
    expect(formatPollInterval(90_000)).toBe('90s')
    expect(formatPollInterval(300_000)).toBe('5m')
    expect(formatPollInterval(7_200_000)).toBe('2h')
  })
})
