import { describe, expect, it } from 'vitest'
import { entitiesToHtml } from '../../src/render/entities-to-html.ts'
import { parseTelegramHtml } from '../support/fake-bot-api.ts'

describe('entitiesToHtml', () => {
  it('renders nested entities with UTF-16 offsets and escapes the text', () => {
    const text = '😀 bold <italic> & link'
    const html = entitiesToHtml(text, [
      { type: 'bold', offset: 3, length: 13 },
      { type: 'italic', offset: 8, length: 8 },
      { type: 'text_link', offset: 19, length: 4, url: 'https://lirania.example/?a=1&b=2' },
      { type: 'mention', offset: 0, length: 2 },
    ])
    expect(html).toBe(
      '😀 <b>bold <i>&lt;italic&gt;</i></b> &amp; <a href="https://lirania.example/?a=1&amp;b=2">link</a>',
    )
    expect(parseTelegramHtml(html).text).toBe(text)
  })

  it('skips a command prefix, drops unsafe links and keeps pre languages', () => {
    const text = '/broadcast x <y> z'
    expect(
      entitiesToHtml(
        text,
        [
          { type: 'bot_command', offset: 0, length: 10 },
          { type: 'text_link', offset: 11, length: 1, url: 'javascript:alert(1)' },
          { type: 'pre', offset: 13, length: 3, language: 'ts' },
          { type: 'spoiler', offset: 17, length: 1 },
        ],
        11,
      ),
    ).toBe('x <pre><code class="language-ts">&lt;y&gt;</code></pre> <tg-spoiler>z</tg-spoiler>')
  })

  it('keeps the HTML well-formed even for entities that cross', () => {
    const html = entitiesToHtml('abcdef', [
      { type: 'bold', offset: 0, length: 4 },
      { type: 'italic', offset: 2, length: 4 },
    ])
    expect(() => parseTelegramHtml(html)).not.toThrow()
    expect(parseTelegramHtml(html).text).toBe('abcdef')
  })
})
