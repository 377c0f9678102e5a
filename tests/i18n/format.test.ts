import { describe, expect, it } from 'vitest'
import { formatDate, formatDateOwn } from '../../src/i18n/dates.ts'
import { LOCALES, toLocale, topicName, translate } from '../../src/i18n/index.ts'

describe('plurals, dates and names in each language', () => {
  it('counts releases the way each language does', () => {
    const count = (locale: 'en' | 'ru' | 'az', n: number) => translate(locale, 'releases-count', { count: n })
    expect([1, 2, 5, 21, 22, 25, 111].map((n) => count('ru', n))).toEqual([
      '1 релиз',
      '2 релиза',
      '5 релизов',
      '21 релиз',
      '22 релиза',
      '25 релизов',
      '111 релизов',
    ])
    expect([1, 2, 5].map((n) => count('en', n))).toEqual(['1 release', '2 releases', '5 releases'])
    // Azerbaijani keeps the noun singular after a number.
    expect([1, 2, 5].map((n) => count('az', n))).toEqual(['1 reliz', '2 reliz', '5 reliz'])
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

  it('maps Telegram language codes to our locales', () => {
    expect(['ru', 'ru-RU', 'AZ', 'az-Latn-AZ', 'en-GB', 'de', '', null, undefined].map(toLocale)).toEqual([
      'ru',
      'ru',
      'az',
      'az',
      'en',
      undefined,
      undefined,
      undefined,
      undefined,
    ])
  })

  it('names a topic in the reader’s language, or by its own name', () => {
    const energy = { name: 'Energy', names: JSON.stringify({ ru: 'Энергетика', az: 'Energetika' }) }
    expect(LOCALES.map((l) => topicName(energy, l))).toEqual(['Energy', 'Энергетика', 'Energetika'])
    expect(topicName({ name: 'Receptions', names: null }, 'ru')).toBe('Receptions')
    expect(topicName({ name: 'Ports', names: '{broken' }, 'az')).toBe('Ports')
  })
})
