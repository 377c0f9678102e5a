import { describe, expect, it } from 'vitest'
import { fromAcceptLanguage } from '../../src/web/archive/locale.ts'

describe('Accept-Language for the page chrome', () => {
  it('takes the best-rated language pressbot speaks, in the order given when rated alike', () => {
    expect(fromAcceptLanguage('ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7')).toBe('ru')
    expect(fromAcceptLanguage('de-DE, az;q=0.5, en;q=0.6')).toBe('en')
    expect(fromAcceptLanguage('fr, az-Latn-AZ, ru')).toBe('az')
    expect(fromAcceptLanguage('en;q=0, ru;q=0.1')).toBe('ru')
  })

  it('has no answer for languages it does not speak, nothing, or junk', () => {
    for (const header of [undefined, '', 'de, fr;q=0.9', '*', ';;;,,,q=', 'ru;q=0'])
      expect(fromAcceptLanguage(header), String(header)).toBeUndefined()
  })
})
