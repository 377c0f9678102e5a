import { describe, expect, it } from 'vitest'
import { toggleLanguage } from '../../../src/bot/features/settings.ts'

describe('toggleLanguage', () => {
  it('toggleLanguage', () => {
    expect(toggleLanguage(null, 'en')).toEqual(['en'])
    expect(toggleLanguage(['en'], 'ru')).toEqual(['en', 'ru'])
    expect(toggleLanguage(['en', 'ru'], 'en')).toEqual(['ru'])
    expect(toggleLanguage(['ru'], 'ru')).toBeNull()
    expect(toggleLanguage(['ru'], 'all')).toBeNull()
  })
})
