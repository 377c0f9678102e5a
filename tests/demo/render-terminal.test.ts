import { describe, expect, it } from 'vitest'
import { renderEntities, renderHtml, renderKeyboard, renderMessageText } from '../../demo/render-terminal.ts'
import { createStyle, stripAnsi, wantsColor, wrapText } from '../../demo/style.ts'

const plain = createStyle(false)
const color = createStyle(true)

describe('renderHtml: Telegram HTML as a terminal shows it', () => {
  it('drops the tags and decodes entities, keeping unknown ones literal as Telegram does', () => {
    expect(renderHtml('<b>Bold</b> &amp; <i>it&#39;s</i> &lt;3 &quot;q&quot; &nbsp;', plain)).toBe(
      'Bold & it\'s <3 "q" &nbsp;',
    )
  })

  it('paints bold, italic, underline, strike and code with ANSI when colour is on', () => {
    const out = renderHtml('<b>b</b> <i>i</i> <u>u</u> <s>s</s> <code>c</code>', color)
    expect(out).toBe('\x1b[1mb\x1b[22m \x1b[3mi\x1b[23m \x1b[4mu\x1b[24m \x1b[9ms\x1b[29m \x1b[36mc\x1b[39m')
  })

  it('nests styles so the outer one survives the inner one ending', () => {
    const out = renderHtml('<i>one <b>two</b> three</i>', color)
    expect(out).toBe('\x1b[3mone \x1b[1mtwo\x1b[22m three\x1b[23m')
    expect(stripAnsi(out)).toBe('one two three')
  })

  it('shows links as "text (url)", and a bare URL once', () => {
    expect(renderHtml('<a href="https://x.example/a?b=1&amp;c=2">Read the release »</a>', plain)).toBe(
      'Read the release » (https://x.example/a?b=1&c=2)',
    )
    expect(renderHtml('<a href="https://x.example/">https://x.example/</a>', plain)).toBe(
      'https://x.example/',
    )
    expect(renderHtml('<b>1. <a href="https://x.example/">Title</a></b>', plain)).toBe(
      '1. Title (https://x.example/)',
    )
  })

  it('sets blockquotes and pre blocks apart, line by line', () => {
    expect(renderHtml('Quote:\n<blockquote>one\ntwo</blockquote>', plain)).toBe('Quote:\n│ one\n│ two')
    expect(renderHtml('<pre>a\nb</pre>', plain)).toBe('  a\n  b')
  })

  it('reports HTML Telegram would refuse, with its own wording, and shows the source', () => {
    const out = renderMessageText('<b>open', 'HTML', plain)
    expect(out.text).toBe('<b>open')
    expect(out.error).toMatch(/^can't parse entities: Can't find end tag corresponding to start tag "b"/)
    expect(renderMessageText('<p>no</p>', 'HTML', plain).error).toMatch(/Unsupported start tag "p"/)
  })

  it('leaves text without parse_mode untouched', () => {
    expect(renderMessageText('<b>not html</b>', undefined, color)).toEqual({ text: '<b>not html</b>' })
  })

  it('applies entities given by offset in UTF-16 units (emoji included)', () => {
    const text = '👋 Hi there'
    expect(renderEntities(text, [{ type: 'bold', offset: 3, length: 2 }], color)).toBe(
      '👋 \x1b[1mHi\x1b[22m there',
    )
  })
})

describe('renderKeyboard', () => {
  it('numbers buttons across rows in reading order and keeps what each does', () => {
    const keyboard = renderKeyboard(
      {
        inline_keyboard: [
          [
            { text: '« Back', callback_data: 's:0:aGFyYm91cg' },
            { text: 'More »', callback_data: 's:10:aGFyYm91cg' },
          ],
          [{ text: 'Read the full release', url: 'https://x.example/r' }],
        ],
      },
      plain,
    )
    expect(keyboard?.text).toBe('[1] « Back  [2] More »\n[3] Read the full release ↗')
    expect(keyboard?.buttons).toEqual([
      { kind: 'callback', label: '« Back', data: 's:0:aGFyYm91cg' },
      { kind: 'callback', label: 'More »', data: 's:10:aGFyYm91cg' },
      { kind: 'url', label: 'Read the full release', url: 'https://x.example/r' },
    ])
  })

  it('is undefined without an inline keyboard', () => {
    expect(renderKeyboard(undefined, plain)).toBeUndefined()
    expect(renderKeyboard({ inline_keyboard: [] }, plain)).toBeUndefined()
    expect(renderKeyboard({ remove_keyboard: true }, plain)).toBeUndefined()
  })
})

describe('terminal style', () => {
  it('wants colour only on a terminal, and never with NO_COLOR set', () => {
    expect(wantsColor({ isTTY: true }, {})).toBe(true)
    expect(wantsColor({ isTTY: false }, {})).toBe(false)
    expect(wantsColor({}, {})).toBe(false)
    expect(wantsColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false)
    expect(wantsColor({ isTTY: true }, { NO_COLOR: '' })).toBe(true)
  })

  it('paints nothing when off', () => {
    expect(plain.bold(plain.red('x'))).toBe('x')
  })

  it('wraps long lines at word boundaries, keeping the indent and ignoring ANSI in the width', () => {
    const line = `   ${color.bold('one')} two three four five six seven eight nine ten eleven twelve`
    const wrapped = wrapText(line, 30)
    for (const part of stripAnsi(wrapped).split('\n')) {
      expect(part.length).toBeLessThanOrEqual(30)
      expect(part.startsWith('   ')).toBe(true)
    }
    expect(stripAnsi(wrapped).replace(/\n {3}/g, ' ')).toBe(stripAnsi(line))
    expect(wrapText('short', 30)).toBe('short')
    // A style opened before the indentation (a dimmed note) keeps both the style and the indent.
    const note = wrapText(color.dim('     invented releases · http://127.0.0.1:1234/northvale/rss'), 40)
    expect(stripAnsi(note)).toBe('     invented releases ·\n     http://127.0.0.1:1234/northvale/rss')
    expect(note.startsWith('     \x1b[2minvented')).toBe(true)
  })
})
