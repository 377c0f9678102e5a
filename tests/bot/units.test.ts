import { describe, expect, it } from 'vitest'
import { CALLBACK_DATA_LIMIT, callbackPatterns } from '../../src/bot/callback-data.ts'
import { parseChannelRef } from '../../src/bot/features/channel.ts'
import { commandOf } from '../../src/bot/features/fallback.ts'
import { parseLatestCount } from '../../src/bot/features/latest.ts'
import { toggleLanguage } from '../../src/bot/features/settings.ts'
import { withinMessageLimit } from '../../src/bot/reply.ts'
import { createSearchCodec } from '../../src/bot/search-codec.ts'
import { parseDay, parseSearchQuery } from '../../src/bot/search-query.ts'
import { translate } from '../../src/i18n/index.ts'
import { parseTelegramHtml } from '../support/fake-bot-api.ts'

describe('parseSearchQuery', () => {
  it('splits words from filters, with whole UTC days', () => {
    expect(parseSearchQuery('  wind  topic:energy from:2025-01-31 TO:2025-02-01 farm ')).toEqual({
      ok: true,
      request: {
        words: 'wind farm',
        topic: 'energy',
        from: Date.UTC(2025, 0, 31),
        to: Date.UTC(2025, 1, 2) - 1,
        fromText: '2025-01-31',
        toText: '2025-02-01',
      },
    })
  })

  it('rejects impossible dates, empty filters and reversed ranges', () => {
    expect(parseDay('2024-02-29')).toBe(Date.UTC(2024, 1, 29))
    for (const bad of ['2025-02-29', '2025-13-01', '2025-1-1', '25-01-01', '2025-01-01T00:00']) {
      expect(parseDay(bad), bad).toBeUndefined()
    }
    // The errors are texts of locales/*.ftl, shown here as an English reader gets them.
    const error = (query: string) => {
      const parsed = parseSearchQuery(query)
      return parsed.ok ? undefined : translate('en', parsed.error.key, parsed.error.vars)
    }
    expect(error('x from:')).toBe('“from:” needs a value, e.g. from:2024-01-31.')
    expect(parseSearchQuery('x to:2025-04-31')).toMatchObject({ ok: false })
    expect(error('x from:2025-02-02 to:2025-02-01')).toBe('from:2025-02-02 is after to:2025-02-01.')
  })
})

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

describe('withinMessageLimit', () => {
  it('leaves a message that fits alone and cuts a longer one as valid HTML of at most 4096 characters', () => {
    const short = '<b>Title</b> &amp; more'
    expect(withinMessageLimit(short)).toBe(short)
    const long = `<b>${'a'.repeat(3000)}</b> <i>${'b &lt; c '.repeat(400)}</i>`
    const parsed = parseTelegramHtml(withinMessageLimit(long)) // throws on HTML Telegram would refuse
    expect(parsed.text.length).toBeLessThanOrEqual(4096)
    expect(parsed.text.endsWith('…')).toBe(true)
  })
})

describe('small parsers', () => {
  it('parseLatestCount', () => {
    expect(parseLatestCount('')).toBe(5)
    expect(parseLatestCount(' 7 ')).toBe(7)
    for (const bad of ['0', '11', '-3', '1e1', 'five', '3 4'])
      expect(parseLatestCount(bad), bad).toBeUndefined()
  })

  it('toggleLanguage', () => {
    expect(toggleLanguage(null, 'en')).toEqual(['en'])
    expect(toggleLanguage(['en'], 'ru')).toEqual(['en', 'ru'])
    expect(toggleLanguage(['en', 'ru'], 'en')).toEqual(['ru'])
    expect(toggleLanguage(['ru'], 'ru')).toBeNull()
    expect(toggleLanguage(['ru'], 'all')).toBeNull()
  })

  it('parseChannelRef', () => {
    expect(parseChannelRef('@lirania_news')).toBe('@lirania_news')
    expect(parseChannelRef('https://t.me/lirania_news')).toBe('@lirania_news')
    expect(parseChannelRef('-1001234567890')).toBe(-1001234567890)
    for (const bad of ['', 'lirania', '@ab', '-12345', '@lirania news'])
      expect(parseChannelRef(bad), bad).toBeUndefined()
  })

  it('commandOf', () => {
    expect(commandOf('/foo bar', 'Bot')).toEqual({ command: '/foo', addressed: false })
    expect(commandOf('/foo@bot', 'Bot')).toEqual({ command: '/foo', addressed: true })
    expect(commandOf('/foo@other_bot', 'Bot')).toBeUndefined()
    expect(commandOf('hello', 'Bot')).toBeUndefined()
  })
})
