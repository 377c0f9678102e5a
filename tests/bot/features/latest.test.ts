import { describe, expect, it } from 'vitest'
import { parseLatestCount } from '../../../src/bot/features/latest.ts'

describe('parseLatestCount', () => {
  it('parseLatestCount', () => {
    expect(parseLatestCount('')).toBe(5)
    expect(parseLatestCount(' 7 ')).toBe(7)
    for (const bad of ['0', '11', '-3', '1e1', 'five', '3 4'])
      expect(parseLatestCount(bad), bad).toBeUndefined()
  })
})
