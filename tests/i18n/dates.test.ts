import { describe, expect, it } from 'vitest'
import { formatDate, formatDateOwn } from '../../src/i18n/dates.ts'
import { LOCALES } from '../../src/i18n/index.ts'

describe('dates in each language', () => {
  it('formats dates in UTC', () => {
    expect(formatDate(Date.UTC(2025, 2, 7, 23, 59), 'en')).toBe('7 Mar 2025')
    expect(formatDate(null, 'en')).toBe('')
  })

  it('writes dates with the month names of the reader, in UTC', () => {
    const at = Date.UTC(2024, 7, 7, 23, 30)
    expect(formatDate(at, 'en')).toBe('7 Aug 2024')
    expect(formatDate(at, 'en', 'long')).toBe('7 August 2024')
    expect(formatDate(at, 'ru', 'long')).toBe('7 августа 2024 г.')
    expect(formatDate(at, 'az', 'long')).toBe('7 avqust 2024')
    expect(formatDate(Date.UTC(2024, 8, 1), 'en')).toBe('1 Sep 2024') // ICU's "Sept" is not ours
    expect(formatDate(null, 'ru')).toBe('')
  })

  it('our own month names agree with ICU where this Node has it (they stand in where it has not)', () => {
    for (const locale of LOCALES) {
      for (let month = 0; month < 12; month++) {
        const at = Date.UTC(2025, month, 14)
        for (const style of ['long', 'short'] as const)
          expect(formatDateOwn(at, locale, style), `${locale} ${style} ${month}`).toBe(
            formatDate(at, locale, style),
          )
      }
    }
  })
})
