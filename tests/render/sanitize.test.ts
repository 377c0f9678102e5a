import { describe, expect, it } from 'vitest'
import { sanitizeHtml, visibleLength } from '../../src/render/sanitize.ts'
import { expectValid } from './expect-valid.ts'

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
  })
})
