import { describe, expect, it } from 'vitest'
import { LOCALES, toLocale, topicName, translate } from '../../src/i18n/index.ts'

describe('plurals and names in each language', () => {
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
