import { describe, expect, it } from 'vitest'
import {
  CAPTION_LIMIT,
  escapeHtml,
  MAX_ENTITIES,
  MAX_MARKUP_LENGTH,
  MESSAGE_LIMIT,
} from '../../src/render/escape.ts'
import { visibleLength } from '../../src/render/sanitize.ts'
import { renderParagraphs, truncateHtml } from '../../src/render/truncate.ts'
import { expectValid, textOf } from './expect-valid.ts'

describe('truncateHtml', () => {
  it('leaves short HTML alone (but sanitised)', () => {
    expect(truncateHtml('<b>short</b>', 10)).toBe('<b>short</b>')
    expect(truncateHtml('<b>exactly10!</b>', 10)).toBe('<b>exactly10!</b>')
    expect(truncateHtml('x', 0)).toBe('')
  })

  it('cuts at a word boundary, appends an ellipsis and closes tags', () => {
    const out = truncateHtml('<b>Hello <i>wonderful</i> world</b> of press releases', 16)
    expect(out).toBe('<b>Hello <i>wonderful</i>…</b>')
    expectValid(out, 16)
  })

  it('never cuts inside an entity', () => {
    const out = truncateHtml('&amp;&amp;&amp;&amp;&amp;&amp;', 4)
    expect(out).toBe('&amp;&amp;&amp;…')
    expectValid(out, 4)
  })

  it('never splits a surrogate pair or an emoji sequence', () => {
    const emoji = '😀'.repeat(50)
    for (let limit = 1; limit < 30; limit++) {
      const out = truncateHtml(emoji, limit)
      expectValid(out, limit)
      expect(textOf(out)).toMatch(/^(😀)*…$/u)
    }
    // Each unit is one grapheme cluster: a ZWJ family, a flag (two regional indicators), e + accent.
    for (const unit of ['👨\u200D👩\u200D👧\u200D👦', '🇺🇦', 'e\u0301']) {
      const text = unit.repeat(10)
      for (let limit = 1; limit < 25; limit++) {
        const out = truncateHtml(text, limit)
        expectValid(out, limit)
        const kept = textOf(out).replace(/…$/, '')
        expect(text.startsWith(kept)).toBe(true)
        expect(kept.length % unit.length).toBe(0)
      }
    }
  })

  it('keeps flags whole in a long run, where pairs only line up counted from the start', () => {
    const text = `x${'🇦🇿'.repeat(60)}`
    for (let limit = 60; limit < 200; limit++) {
      const out = truncateHtml(text, limit)
      expectValid(out, limit)
      const kept = textOf(out).replace(/…$/, '')
      expect((kept.length - 1) % 4, `limit ${limit}`).toBe(0)
    }
  })

  it('cuts a long word when there is no boundary near', () => {
    const out = truncateHtml(`<code>${'x'.repeat(100)}</code>`, 10)
    expect(out).toBe(`<code>${'x'.repeat(9)}…</code>`)
  })

  it('brings a 100 KB hostile body within 4096 visible characters, still valid', () => {
    const chunk =
      '<p>Press <b>release</b> & <a href="https://ex.com/?q=1&x=<2>">link</a> 😀 مرحبا <i>x</i></p>\n'
    const body = chunk.repeat(Math.ceil(100_000 / chunk.length))
    expect(body.length).toBeGreaterThan(100_000)
    const out = truncateHtml(body, MESSAGE_LIMIT)
    expectValid(out, MESSAGE_LIMIT)
    expect(visibleLength(out)).toBeGreaterThan(MESSAGE_LIMIT - 100)
    expect(textOf(out).endsWith('…')).toBe(true)
    const caption = truncateHtml(body, CAPTION_LIMIT)
    expectValid(caption, CAPTION_LIMIT)
  })

  it('keeps at most 100 formatting tags and bounded markup', () => {
    const many = '<b>x</b> '.repeat(300)
    const out = truncateHtml(many, MESSAGE_LIMIT)
    expect(out.match(/<b>/g)?.length).toBe(MAX_ENTITIES)
    expect(textOf(out)).toBe(textOf(many))
    const links = `<a href="https://example.com/${'p'.repeat(500)}">l</a> `.repeat(50)
    const bounded = truncateHtml(links, MESSAGE_LIMIT)
    const markup = bounded.length - escapeHtml(textOf(bounded)).length
    expect(markup).toBeLessThanOrEqual(MAX_MARKUP_LENGTH)
    expectValid(bounded)
  })
})

describe('renderParagraphs', () => {
  it('escapes, keeps paragraphs and line breaks, collapses spaces', () => {
    expect(renderParagraphs('  A  <b> \r\n c & d\n\n\n\n  e  ')).toBe('A &lt;b&gt;\nc &amp; d\n\ne')
    expect(renderParagraphs(' \n ')).toBe('')
  })

  it('truncates to the limit', () => {
    const out = renderParagraphs('word '.repeat(2000), 100)
    expectValid(out, 100)
    expect(out.endsWith('word…')).toBe(true)
  })
})
