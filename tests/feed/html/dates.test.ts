import { describe, expect, it } from 'vitest'
import { createDateParser, onListingDay, timeOfDayIn } from '../../../src/feed/html/dates.ts'

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

  it("puts a time shown alone on the listing's day, on that day's wall clock in the source's zone", () => {
    const day = (zone: string) =>
      createDateParser({ formats: ['D MMMM YYYY'], timeZone: zone, language: 'en' })
    // The day Berlin leaves summer time: 18:30 there is 17:30 UTC, not 16:30 as the morning's offset would say.
    const berlin = day('Europe/Berlin')('27 October 2024')
    expect(onListingDay(berlin, timeOfDayIn('18:30'), 'Europe/Berlin')).toBe(
      Date.parse('2024-10-27T17:30:00Z'),
    )
    const offset = day('-03:30')('5 January 2025')
    expect(onListingDay(offset, timeOfDayIn('um 23:45:10 Uhr'), '-03:30')).toBe(
      Date.parse('2025-01-06T03:15:10Z'),
    )
    // No time on the page: the listing's day as read; no date on the listing: none.
    expect(onListingDay(berlin, timeOfDayIn('Today'), 'Europe/Berlin')).toBe(berlin)
    expect(onListingDay(null, timeOfDayIn('18:30'), 'Europe/Berlin')).toBeNull()
  })

  it('finds a time of day only where one stands on its own', () => {
    expect(timeOfDayIn('Published 9:05')).toBe((9 * 60 + 5) * 60_000)
    expect(timeOfDayIn('24:00')).toBeNull()
    expect(timeOfDayIn('18:61')).toBeNull()
    expect(timeOfDayIn('v1.18:30')).toBeNull()
    expect(timeOfDayIn('12:30:45:10')).toBeNull()
  })
})
