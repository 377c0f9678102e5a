import { describe, expect, it } from 'vitest'
import { graphemeFloor, TOPIC_NAME_LIMIT, topicLabel, truncateText } from '../../src/render/text.ts'

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

describe('truncateText', () => {
  it('keeps short text and cuts long text to the limit with an ellipsis', () => {
    expect(truncateText('Harbour', 7)).toBe('Harbour')
    expect(truncateText('Harbour dues', 8)).toBe('Harbour…')
    expect(truncateText('Harbour', 0)).toBe('')
  })

  it('never splits a surrogate pair, a flag, a ZWJ sequence or a letter and its accent', () => {
    // Each unit is one grapheme cluster: an emoji (a surrogate pair), a flag (two regional indicators),
    // a ZWJ family, e + combining acute.
    for (const unit of ['😀', '🇦🇿', '👨\u200D👩\u200D👧\u200D👦', 'e\u0301']) {
      const text = `x${unit.repeat(20)}`
      for (let limit = 2; limit < text.length; limit++) {
        const out = truncateText(text, limit)
        expect(out.length, `${unit} at ${limit}`).toBeLessThanOrEqual(limit)
        expect(out, `${unit} at ${limit}`).not.toMatch(LONE_SURROGATE)
        const kept = out.replace(/…$/, '')
        expect(text.startsWith(kept)).toBe(true)
        expect((kept.length - 1) % unit.length, `${unit} at ${limit}`).toBe(0)
      }
    }
  })

  it('does not leave a space before the ellipsis', () => {
    expect(truncateText('Ferry timetable published', 7)).toBe('Ferry…')
  })
})

describe('graphemeFloor', () => {
  it('steps back to the start of the cluster the index falls in', () => {
    const text = 'ab🇦🇿c'
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((i) => graphemeFloor(text, i))).toEqual([0, 1, 2, 2, 2, 2, 6, 7])
  })
})

describe('topicLabel', () => {
  it('collapses whitespace and caps a feed category at 64 characters', () => {
    expect(topicLabel('  Foreign\n\tpolicy ')).toBe('Foreign policy')
    const label = topicLabel(`Category ${'🇦🇿'.repeat(500)}`)
    expect(label.length).toBeLessThanOrEqual(TOPIC_NAME_LIMIT)
    expect(label).toBe(`Category ${'🇦🇿'.repeat(13)}…`)
  })
})
