import { describe, expect, it } from 'vitest'
import { rfc3339 } from '../../src/publish/archive-feed.ts'

describe('published feed dates', () => {
  it('clamps dates to what RFC 3339 can write', () => {
    expect(rfc3339(Date.UTC(2026, 9, 5, 10, 30))).toBe('2026-10-05T10:30:00Z')
    expect(rfc3339(8.64e15)).toBe('9999-12-31T23:59:59Z')
    expect(rfc3339(-8.64e15)).toBe('0000-01-01T00:00:00Z')
  })
})
