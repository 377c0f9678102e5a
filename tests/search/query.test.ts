import { describe, expect, it } from 'vitest'
import { translate } from '../../src/i18n/index.ts'
import { parseDay, parseQuery as parseSearchQuery } from '../../src/search/query.ts'

describe('parseSearchQuery', () => {
  it('splits words from filters, with whole UTC days', () => {
    expect(parseSearchQuery('  wind  topic:energy from:2025-01-31 TO:2025-02-01 farm ')).toEqual({
      ok: true,
      request: {
        words: 'wind farm',
        include: [
          { words: ['wind'], prefix: false },
          { words: ['farm'], prefix: false },
        ],
        exclude: [],
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
