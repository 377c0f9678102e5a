import { describe, expect, it } from 'vitest'
import {
  b,
  blockquote,
  CAPTION_LIMIT,
  code,
  escapeHtml,
  highlight,
  htmlToText,
  link,
  MATCH_CLOSE,
  MATCH_OPEN,
  MAX_ENTITIES,
  MAX_MARKUP_LENGTH,
  MESSAGE_LIMIT,
  pre,
  renderParagraphs,
  safeHref,
  sanitizeHtml,
  truncateHtml,
  visibleLength,
} from '../../src/render/html.ts'
import { parseTelegramHtml } from '../support/fake-bot-api.ts'

// --- an independent validator for what we emit ------------------------------------------------

const ALLOWED = new Set(['b', 'i', 'u', 's', 'tg-spoiler', 'a', 'code', 'pre', 'blockquote', 'tg-emoji'])
const TAG = /<(\/?)([a-z-]+)((?: [a-z-]+(?:="[^"<>]*")?)*)>/y
const ENTITY = /&(?:lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});/y
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

function attributesOk(tag: string, attrs: string, parent: string | undefined): boolean {
  if (attrs === '') return tag !== 'tg-emoji'
  switch (tag) {
    case 'a':
      return /^ href="(https?:\/\/|tg:\/\/|mailto:)[^"]+"$/.test(attrs)
    case 'code':
      return parent === 'pre' && /^ class="language-[A-Za-z0-9_+#.-]+"$/.test(attrs)
    case 'blockquote':
      return attrs === ' expandable'
    case 'tg-emoji':
      return /^ emoji-id="[0-9]+"$/.test(attrs)
    default:
      return false
  }
}

/** Returns why `html` is not the Telegram HTML we promise to emit, or undefined when it is. */
function problem(html: string): string | undefined {
  if (LONE_SURROGATE.test(html)) return 'lone surrogate'
  if (/[\u0000-\u0008\u000B-\u001F\u007F]/.test(html)) return 'control character'
  const stack: string[] = []
  let i = 0
  while (i < html.length) {
    const ch = html[i]
    if (ch === '<') {
      TAG.lastIndex = i
      const m = TAG.exec(html)
      if (!m) return `bare < at ${i}`
      const [whole, slash, name = '', attrs = ''] = m
      if (!ALLOWED.has(name)) return `tag ${name} not allowed`
      if (slash) {
        if (attrs) return `attributes on closer ${whole}`
        if (stack.pop() !== name) return `unbalanced </${name}> at ${i}`
      } else {
        const parent = stack[stack.length - 1]
        if (!attributesOk(name, attrs, parent)) return `bad attributes ${whole}`
        if (stack.includes('code') || (stack.includes('pre') && !(name === 'code' && parent === 'pre'))) {
          return `${name} inside code/pre`
        }
        if (name === 'a' && stack.includes('a')) return 'link inside link'
        if (name === 'blockquote' && stack.includes('blockquote')) return 'nested blockquote'
        stack.push(name)
      }
      i += whole.length
    } else if (ch === '&') {
      ENTITY.lastIndex = i
      const m = ENTITY.exec(html)
      if (!m) return `bad entity at ${i}: ${html.slice(i, i + 10)}`
      i += m[0].length
    } else if (ch === '>') {
      return `bare > at ${i}`
    } else {
      i++
    }
  }
  return stack.length ? `unclosed ${stack.join(',')}` : undefined
}

/** Our validator, Telegram's parser (as the fake reimplements it), and our length agree. */
function expectValid(html: string, limit?: number): void {
  expect(problem(html), html.slice(0, 300)).toBeUndefined()
  const parsed = parseTelegramHtml(html)
  expect(visibleLength(html)).toBe(parsed.text.length)
  if (limit !== undefined) expect(parsed.text.length).toBeLessThanOrEqual(limit)
}

// --- unit tests ----------------------------------------------------------------------------------

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
    expect(code('a && b')).toBe('<code>a &amp;&amp; b</code>')
    expect(pre('x<y', 'typescript')).toBe('<pre><code class="language-typescript">x&lt;y</code></pre>')
    expect(pre('x', 'bad"lang')).toBe('<pre>x</pre>')
    expect(blockquote('q', { expandable: true })).toBe('<blockquote expandable>q</blockquote>')
    for (const html of [b('<x>'), code('a && b'), pre('x<y', 'ts'), blockquote('"q"')]) expectValid(html)
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
  const o = MATCH_OPEN
  const c = MATCH_CLOSE

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

describe('sanitizeHtml', () => {
  const cases: Array<[string, string]> = [
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['<a href="javascript:alert(1)">click</a>', 'click'],
    ['<a href=" JAVASCRIPT:alert(1)">x</a>', 'x'],
    [
      '<a href="https://ex.com/?a=1&amp;b=2" onclick="evil()">ok</a>',
      '<a href="https://ex.com/?a=1&amp;b=2">ok</a>',
    ],
    ["<a href='https://ex.com/\"x'>q</a>", '<a href="https://ex.com/%22x">q</a>'],
    ['<a href="mailto:press@ex.com">mail</a>', '<a href="mailto:press@ex.com">mail</a>'],
    ['<a href="https://a.com"><a href="https://b.com">in</a></a>', '<a href="https://a.com/">in</a>'],
    [
      '<strong>s</strong><em>e</em><ins>i</ins><del>d</del><strike>k</strike>',
      '<b>s</b><i>e</i><u>i</u><s>d</s><s>k</s>',
    ],
    ['<B CLASS="x">loud</B>', '<b>loud</b>'],
    ['<b><i>x</b>y</i>', '<b><i>x</i></b>y'],
    ['<b>unclosed <i>twice', '<b>unclosed <i>twice</i></b>'],
    ['stray </b></i> closers', 'stray  closers'],
    ['a < b && c > d', 'a &lt; b &amp;&amp; c &gt; d'],
    ['1 <2 and x<y', '1 &lt;2 and x&lt;y'],
    [
      '&foo; &amp &lt &copy; &#169; &#xA9; &#0; &#xD800; &#99999999;',
      '&amp;foo; &amp; &lt; © © © \uFFFD \uFFFD \uFFFD',
    ],
    ['<span class="tg-spoiler">s</span><span class="x">t</span>', '<tg-spoiler>s</tg-spoiler>t'],
    [
      '<pre><code class="language-python">print("<hi>")</code></pre>',
      '<pre><code class="language-python">print(&quot;&lt;hi&gt;&quot;)</code></pre>',
    ],
    ['<pre><code class="language-x&quot;>">a</code></pre>', '<pre>a</pre>'],
    ['<code class="language-js">c</code>', '<code>c</code>'],
    ['<code><b>no bold in code</b></code>', '<code>no bold in code</code>'],
    ['<blockquote expandable="x">q</blockquote>', '<blockquote expandable>q</blockquote>'],
    ['<blockquote>a<blockquote>b</blockquote>c</blockquote>', '<blockquote>abc</blockquote>'],
    [
      '<tg-emoji emoji-id="123">👍</tg-emoji><tg-emoji emoji-id="x">👎</tg-emoji>',
      '<tg-emoji emoji-id="123">👍</tg-emoji>👎',
    ],
    ['<!-- hidden -->shown<!-- unterminated', 'shown&lt;!-- unterminated'],
    ['<b/>self <br/>', 'self &lt;br/&gt;'],
    ['<john@example.com>', '&lt;john@example.com&gt;'],
    ['<a title="x>y" href="https://e.com">t</a>', '<a href="https://e.com/">t</a>'],
    ['<b attr="unterminated>text', '&lt;b attr=&quot;unterminated&gt;text'],
  ]

  it.each(cases)('%s', (input, expected) => {
    const out = sanitizeHtml(input)
    expect(out).toBe(expected)
    expectValid(out)
    expect(sanitizeHtml(out)).toBe(out)
  })

  it('can strip unknown tags and the contents of script and style', () => {
    expect(
      sanitizeHtml('<p>Hello <script>alert(1)</script><style>p{}</style><b>world</b></p>', {
        unknownTags: 'strip',
      }),
    ).toBe('Hello <b>world</b>')
    expect(sanitizeHtml('<tg-emoji emoji-id="1">🙂</tg-emoji>', { customEmoji: false })).toBe('🙂')
  })

  it('keeps right-to-left text and joiners, drops bidi overrides', () => {
    const arabic = 'مرحبا بالعالم'
    const hebrew = 'שלום עולם'
    const family = '👨\u200D👩\u200D👧\u200D👦'
    expect(sanitizeHtml(`<b>${arabic}</b> ${hebrew} ${family}`)).toBe(`<b>${arabic}</b> ${hebrew} ${family}`)
    expect(sanitizeHtml('evil\u202Etxt.exe')).toBe('eviltxt.exe')
    expectValid(sanitizeHtml(`\u202B${arabic}\u202C <i>\u2067${hebrew}\u2069</i>`))
  })
})

describe('visibleLength', () => {
  it('counts UTF-16 units of the parsed text', () => {
    expect(visibleLength('<b>ab</b>')).toBe(2)
    expect(visibleLength('&amp;&lt;&gt;&quot;')).toBe(4)
    expect(visibleLength('😀')).toBe(2)
    expect(visibleLength('<a href="https://example.com/very/long">x</a>')).toBe(1)
    expect(htmlToText('<b>a &amp; b</b>')).toBe('a & b')
  })
})

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
      expect(htmlToText(out)).toMatch(/^(😀)*…$/u)
    }
    // Each unit is one grapheme cluster: a ZWJ family, a flag (two regional indicators), e + accent.
    for (const unit of ['👨\u200D👩\u200D👧\u200D👦', '🇺🇦', 'e\u0301']) {
      const text = unit.repeat(10)
      for (let limit = 1; limit < 25; limit++) {
        const out = truncateHtml(text, limit)
        expectValid(out, limit)
        const kept = htmlToText(out).replace(/…$/, '')
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
      const kept = htmlToText(out).replace(/…$/, '')
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
    expect(htmlToText(out).endsWith('…')).toBe(true)
    const caption = truncateHtml(body, CAPTION_LIMIT)
    expectValid(caption, CAPTION_LIMIT)
  })

  it('keeps at most 100 formatting tags and bounded markup', () => {
    const many = '<b>x</b> '.repeat(300)
    const out = truncateHtml(many, MESSAGE_LIMIT)
    expect(out.match(/<b>/g)?.length).toBe(MAX_ENTITIES)
    expect(htmlToText(out)).toBe(htmlToText(many))
    const links = `<a href="https://example.com/${'p'.repeat(500)}">l</a> `.repeat(50)
    const bounded = truncateHtml(links, MESSAGE_LIMIT)
    const markup = bounded.length - escapeHtml(htmlToText(bounded)).length
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

// --- fuzz ------------------------------------------------------------------------------------------

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
      expectValid(highlight(input.replaceAll('<b>', MATCH_OPEN).replaceAll('</b>', MATCH_CLOSE)))
      expectValid(renderParagraphs(input, limit), limit)
    }
  })
})
