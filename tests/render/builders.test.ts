import { describe, expect, it } from 'vitest'
import { MARK_CLOSE, MARK_OPEN } from '../../src/db/snippet-markers.ts'
import { b, code, highlight, i, link } from '../../src/render/builders.ts'
import { escapeHtml, safeHref } from '../../src/render/escape.ts'
import { expectValid } from './expect-valid.ts'

describe('escapeHtml and builders', () => {
  it('escapes & < > and quotes', () => {
    expect(escapeHtml(`a & b < c > d "e" 'f'`)).toBe(`a &amp; b &lt; c &gt; d &quot;e&quot; 'f'`)
  })

  it('replaces lone surrogates and drops controls and bidi overrides Telegram would strip', () => {
    expect(escapeHtml('x\uD83Dy\uDE00z')).toBe('x\uFFFDy\uFFFDz')
    expect(escapeHtml('a\u0000b\u0007c\rd\u202Ee\tf\ng')).toBe('abcde\tf\ng')
    expect(escapeHtml('😀')).toBe('😀')
  })

  it('escapes builder input', () => {
    expect(b('<x>')).toBe('<b>&lt;x&gt;</b>')
    expect(i('"q"')).toBe('<i>&quot;q&quot;</i>')
    expect(code('a && b')).toBe('<code>a &amp;&amp; b</code>')
    for (const html of [b('<x>'), i('"q"'), code('a && b')]) expectValid(html)
  })

  it('links only http, https and tg URLs', () => {
    expect(link('site', 'https://example.com/a?b=1&c=2')).toBe(
      '<a href="https://example.com/a?b=1&amp;c=2">site</a>',
    )
    expect(link('me', 'tg://user?id=42')).toBe('<a href="tg://user?id=42">me</a>')
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>',
      'vbscript:x',
      '/relative',
      'https://',
      'mailto:a@b.c', // mailto is only for sanitised feed HTML
      `https://example.com/${'x'.repeat(3000)}`,
    ]) {
      expect(link('<t>', url), url).toBe('&lt;t&gt;')
    }
  })

  it('cannot be broken out of an href with quotes or angle brackets', () => {
    const html = link('x', 'https://example.com/"><script>alert(1)</script>')
    expectValid(html)
    expect(html).not.toContain('<script')
    expect(safeHref(' https://example.com ')).toBe('https://example.com/')
  })
})

describe('highlight', () => {
  const o = MARK_OPEN
  const c = MARK_CLOSE

  it('bolds marked parts and escapes everything', () => {
    expect(highlight(`a ${o}b<c${c} & ${o}d${c}`)).toBe('a <b>b&lt;c</b> &amp; <b>d</b>')
  })

  it('tolerates unbalanced markers', () => {
    expect(highlight(`x${c} y ${o}z`)).toBe('x y <b>z</b>')
    expect(highlight(`${o}${o}a${c}${c}b`)).toBe('<b>a</b>b')
    expect(highlight(`${o}${c}`)).toBe('')
    for (const s of [`${o}`, `${c}${o}<`, `a${o}b${o}c${c}d${c}e`]) expectValid(highlight(s))
  })

  it('accepts other markers, including one that toggles', () => {
    expect(highlight('a [b] c', '[', ']')).toBe('a <b>b</b> c')
    expect(highlight('a *b* c *d', '*', '*')).toBe('a <b>b</b> c <b>d</b>')
    expect(highlight('a<b', '', '')).toBe('a&lt;b')
  })
})
