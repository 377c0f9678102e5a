import { describe, expect, it } from 'vitest'
import { CALLBACK_DATA_LIMIT, callbackPatterns } from '../../../src/bot/callback-data.ts'
import { createSearchCodec } from '../../../src/bot/helpers/search-codec.ts'

describe('search codec', () => {
  const long = 'ветряная электростанция на северной отмели и паромы'
  const payload = (data: string) => data.split(':')[2]!

  it('carries short queries in the data and long ones in the cache, always within 64 bytes', () => {
    const codec = createSearchCodec({ perUser: 2 }).forUser(8_123_456_789)
    const short = codec.encode('wind farm', 5)
    expect(short).toBe(`s:5:${Buffer.from('wind farm').toString('base64url')}`)
    expect(codec.decode('s', payload(short))).toBe('wind farm')

    const data = codec.encode(long, 1000)
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(CALLBACK_DATA_LIMIT)
    expect(data).toMatch(/^q:1000:[0-9a-z]+\.[A-Za-z0-9_-]{8}$/)
    expect(data).toMatch(callbackPatterns.searchCached)
    expect(codec.decode('q', payload(data))).toBe(long)
    expect(payload(codec.encode(long, 0))).toBe(payload(data)) // same query, same id

    // The least recently used entry of this user's share is evicted first.
    const a = payload(codec.encode(`${long} a`, 0))
    codec.encode(`${long} b`, 0)
    expect(codec.decode('q', payload(data))).toBeUndefined()
    expect(codec.decode('q', a)).toBe(`${long} a`)
    expect(codec.encode('x', 99_999)).toBe(`s:1000:${Buffer.from('x').toString('base64url')}`)
    // A button from before per-user shares, or a forged owner, reads as expired.
    expect(codec.decode('q', 'AbCdEfGh')).toBeUndefined()
    expect(codec.decode('q', `zzz.${payload(a)}`)).toBeUndefined()
  })

  it("keeps a share per user: one user flooding searches does not expire another user's buttons", () => {
    const codecs = createSearchCodec()
    const alice = codecs.forUser(1001)
    const button = alice.encode(long, 5)
    const mallory = codecs.forUser(6666)
    const first = mallory.encode(`${long} 0`, 5)
    for (let k = 1; k <= 5000; k++) mallory.encode(`${long} ${k}`, 5)
    // Any user (a group member) may turn Alice's page; Mallory only lost her own oldest searches.
    expect(mallory.decode('q', payload(button))).toBe(long)
    expect(mallory.decode('q', payload(first))).toBeUndefined()
    expect(mallory.decode('q', payload(mallory.encode(`${long} 5000`, 5)))).toBe(`${long} 5000`)
  })
})
