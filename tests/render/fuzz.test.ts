import { describe, expect, it } from 'vitest'
import { MARK_CLOSE, MARK_OPEN } from '../../src/db/snippet-markers.ts'
import { highlight } from '../../src/render/builders.ts'
import { sanitizeHtml, visibleLength } from '../../src/render/sanitize.ts'
import { renderParagraphs, truncateHtml } from '../../src/render/truncate.ts'
import { expectValid } from './expect-valid.ts'

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const FRAGMENTS = [
  '<b>',
  '</b>',
  '<i>',
  '</i>',
  '<u>',
  '</u>',
  '<s>',
  '</s>',
  '<strong>',
  '</em>',
  '<tg-spoiler>',
  '</tg-spoiler>',
  '<span class="tg-spoiler">',
  '</span>',
  '<span>',
  '<code>',
  '</code>',
  '<pre>',
  '</pre>',
  '<code class="language-js">',
  '<blockquote>',
  '<blockquote expandable>',
  '</blockquote>',
  '<a href="https://example.com/?a=1&b=2">',
  '<a href="javascript:alert(1)">',
  '<a href=tg://user?id=1>',
  "<a href='mailto:x@y.z'>",
  '</a>',
  '<tg-emoji emoji-id="42">',
  '</tg-emoji>',
  '<script>',
  '</script>',
  '<img src=x onerror=alert(1)>',
  '<div class="a">',
  '</div>',
  '<p>',
  '<br/>',
  '<!--',
  '-->',
  '<!-- c -->',
  '<',
  '>',
  '&',
  '&amp;',
  '&lt;',
  '&gt',
  '&quot;',
  '&foo;',
  '&#',
  '&#x',
  '&#65;',
  '&#x1F600;',
  '&#xD83D;',
  '&#0;',
  '&nbsp;',
  '"',
  "'",
  '=',
  '/',
  ' ',
  '  ',
  '\n',
  '\t',
  '\r',
  '\u0000',
  '\u0007',
  '😀',
  '👨\u200D👩\u200D👧',
  '🇺🇦',
  '\uD83D',
  '\uDE00',
  'e\u0301',
  'مرحبا',
  'שלום',
  '\u202E',
  '\u200F',
  '\u2028',
  'word',
  'press',
  'release',
  'x'.repeat(40),
  '<b attr="unterminated',
  '<a href="https://e.com" title=\'>\'>',
]

function hostile(random: () => number): string {
  const count = Math.floor(random() * 60)
  let out = ''
  for (let k = 0; k < count; k++) out += FRAGMENTS[Math.floor(random() * FRAGMENTS.length)]
  return out
}

describe('fuzz', () => {
  it('keeps every output valid on 3000 hostile strings', () => {
    const random = prng(20240601)
    for (let run = 0; run < 3000; run++) {
      const input = hostile(random)
      const clean = sanitizeHtml(input)
      expectValid(clean)
      expect(sanitizeHtml(clean)).toBe(clean)
      const limit = 1 + Math.floor(random() * 120)
      const cut = truncateHtml(input, limit)
      expectValid(cut, limit)
      expect(visibleLength(cut)).toBeLessThanOrEqual(limit)
      expectValid(highlight(input.replaceAll('<b>', MARK_OPEN).replaceAll('</b>', MARK_CLOSE)))
      expectValid(renderParagraphs(input, limit), limit)
    }
  })
})
