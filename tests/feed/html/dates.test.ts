import { describe, expect, it } from 'vitest'
import { createDateParser } from '../../../src/feed/html/dates.ts'

const baku = (language: string | null, formats = ['D MMMM YYYY, HH:mm', 'D MMMM YYYY']) =>
  createDateParser({ formats, timeZone: 'Asia/Baku', language })

describe('dates as press pages print them', () => {
  it('reads English, Russian (genitive) and Azerbaijani month names, in Baku time', () => {
    const midnight = Date.parse('2024-09-16T20:00:00Z')
    expect(baku('en')('17 September 2024')).toBe(midnight)
    expect(baku('ru')('17 сентября 2024')).toBe(midnight)
    expect(baku('az')('17 sentyabr 2024')).toBe(midnight)
    expect(baku('en')('31 march 2019, 22:50')).toBe(Date.parse('2019-03-31T18:50:00Z'))
  })

  it('finds the date inside surrounding text and takes the first format that fits', () => {
    expect(baku('ru')('Опубликовано:  17  сентября 2024,\n15:40 (Баку)')).toBe(
      Date.parse('2024-09-17T11:40:00Z'),
    )
  })

  it('does not mistake other words or impossible dates for a date', () => {
    expect(baku('en')('The Mayor 2024 report')).toBeNull()
    expect(baku('en')('31 February 2024')).toBeNull()
    expect(baku('ru')('17 Septembre 2024')).toBeNull()
    expect(baku('en')('')).toBeNull()
    expect(baku('en')(null)).toBeNull()
  })

  it('reads numeric formats and fixed offsets', () => {
    const parse = createDateParser({
      formats: ['DD.MM.YYYY HH:mm', 'YYYY-MM-DD'],
      timeZone: '-05:00',
      language: null,
    })
    expect(parse('18.11.2026 09:05')).toBe(Date.parse('2026-11-18T14:05:00Z'))
    expect(parse('2026-11-18')).toBe(Date.parse('2026-11-18T05:00:00Z'))
  })

  it('follows daylight saving in zones that have it', () => {
    const parse = createDateParser({
      formats: ['YYYY-MM-DD HH:mm'],
      timeZone: 'Europe/Berlin',
      language: null,
    })
    expect(parse('2026-07-01 12:00')).toBe(Date.parse('2026-07-01T10:00:00Z'))
    expect(parse('2026-01-01 12:00')).toBe(Date.parse('2026-01-01T11:00:00Z'))
  })

  it('accepts a site’s own month spellings', () => {
    const months = Array.from({ length: 12 }, (_, i) => [`m${i + 1}x`])
    const parse = createDateParser({ formats: ['D MMMM YYYY'], timeZone: 'UTC', language: 'en', months })
    expect(parse('3 m11x 2026')).toBe(Date.parse('2026-11-03T00:00:00Z'))
  })
})
