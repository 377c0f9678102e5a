import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { boundedDistance } from '../../src/db/edit-distance.ts'
import { levenshtein } from '../support/levenshtein.ts'

describe('boundedDistance', () => {
  it('is the edit distance when within the bound, else bound + 1', () => {
    // A small alphabet makes near matches (the interesting cases) common.
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é', '-'), maxLength: 24 })
    fc.assert(
      fc.property(text, text, fc.integer({ min: 0, max: 30 }), (a, b, max) => {
        expect(boundedDistance(a, b, max)).toBe(Math.min(levenshtein(a, b), max + 1))
      }),
      { numRuns: 3000 },
    )
  })

  it('answers the usual cases', () => {
    expect(boundedDistance('enrgy', 'energy', 3)).toBe(1)
    expect(boundedDistance('kitten', 'sitting', 3)).toBe(3)
    expect(boundedDistance('kitten', 'sitting', 2)).toBe(3)
    expect(boundedDistance('', 'abc', 5)).toBe(3)
    expect(boundedDistance('x'.repeat(4000), 'energy', 64)).toBe(65)
  })
})
