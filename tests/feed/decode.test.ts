import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  charsetFromContentType,
  decodeFeed,
  decodeFeedBytes,
  normalizeCharset,
  sniffEncoding,
} from '../../src/feed/decode.ts'

const feedsDir = new URL('../../../shared/feeds/', import.meta.url)
const hasShared = existsSync(feedsDir)
const sharedFile = (path: string) => readFileSync(new URL(path, feedsDir))

const enc = (text: string, encoding: BufferEncoding = 'utf8') => new Uint8Array(Buffer.from(text, encoding))
const cat = (...parts: Array<Uint8Array | number[]>) =>
  new Uint8Array(Buffer.concat(parts.map((p) => Buffer.from(p))))

function utf32(text: string, littleEndian: boolean): Uint8Array {
  const codePoints = [...text].map((c) => c.codePointAt(0) ?? 0)
  const view = new DataView(new ArrayBuffer(codePoints.length * 4))
  for (const [i, cp] of codePoints.entries()) view.setUint32(i * 4, cp, littleEndian)
  return new Uint8Array(view.buffer)
}

describe('charsetFromContentType', () => {
  it.each([
    ['text/xml; charset=UTF-8', 'utf-8'],
    ['application/rss+xml;charset="windows-1251"', 'windows-1251'],
    ['text/xml;charset = us-ascii', 'us-ascii'],
    ['text/xml; format=flowed; Charset=koi8-r', 'koi8-r'],
    ['text/xml', null],
    [null, null],
    [undefined, null],
  ])('%s -> %s', (header, charset) => {
    expect(charsetFromContentType(header)).toBe(charset)
  })
})

describe('decodeFeedBytes', () => {
  const rss =
    '<?xml version="1.0" encoding="utf-8"?><rss><channel><title>Привет, мир 🌍</title></channel></rss>'

  it('strips a UTF-8 BOM and drops encoding= from the declaration', () => {
    const text = decodeFeedBytes(cat([0xef, 0xbb, 0xbf], enc(rss)))
    expect(text).toBe('<?xml version="1.0"?><rss><channel><title>Привет, мир 🌍</title></channel></rss>')
  })

  it('keeps version and standalone, whatever the quotes', () => {
    const text = decodeFeedBytes(enc(`<?xml version='1.0' encoding='ISO-8859-1' standalone='yes'?><rss/>`))
    expect(text).toBe(`<?xml version='1.0' standalone='yes'?><rss/>`)
  })

  it.each([
    ['utf-16le BOM', cat([0xff, 0xfe], enc(rss, 'utf16le'))],
    ['utf-16be BOM', cat([0xfe, 0xff], Buffer.from(rss, 'utf16le').swap16())],
    ['utf-16le, no BOM', enc(rss, 'utf16le')],
    ['utf-32le BOM', cat([0xff, 0xfe, 0, 0], utf32(rss, true))],
    ['utf-32be BOM', cat([0, 0, 0xfe, 0xff], utf32(rss, false))],
    ['utf-32le, no BOM', utf32(rss, true)],
    ['utf-32be, no BOM', utf32(rss, false)],
  ])('decodes %s', (_, bytes) => {
    expect(decodeFeedBytes(bytes)).toContain('<title>Привет, мир 🌍</title>')
  })

  it('lets the HTTP charset win over the declaration', () => {
    const cp1251 = [0xcd, 0xee, 0xe2, 0xee, 0xf1, 0xf2, 0xe8]
    const body = cat(
      enc('<?xml version="1.0" encoding="koi8-r"?><rss><title>'),
      cp1251,
      enc('</title></rss>'),
    )
    expect(decodeFeed(body, 'text/xml; charset=windows-1251')).toMatchObject({
      encoding: 'windows-1251',
      text: '<?xml version="1.0"?><rss><title>Новости</title></rss>',
    })
  })

  it('falls back to the declaration, then UTF-8, when a charset name is bogus', () => {
    const latin = cat(enc('<?xml version="1.0" encoding="iso-8859-1"?><rss>caf'), [0xe9], enc('</rss>'))
    expect(decodeFeed(latin, 'text/xml; charset=no-such-thing').text).toContain('café')
    const bogus = enc('<?xml version="1.0" encoding="bogus"?><rss>café</rss>')
    expect(decodeFeed(bogus, 'text/xml; charset=also-bogus')).toMatchObject({ encoding: 'utf-8' })
  })

  it('ignores a UTF-16 label on an ASCII-compatible body', () => {
    const bytes = enc('<?xml version="1.0" encoding="utf-16"?><rss>café</rss>')
    expect(decodeFeed(bytes, 'text/xml; charset=utf-16')).toMatchObject({
      text: '<?xml version="1.0"?><rss>café</rss>',
    })
  })

  it('re-reads a "UTF-8" body with Windows-1252 smart quotes as Windows-1252', () => {
    const bytes = cat(
      enc('<rss>'),
      [0x93],
      enc('quoted'),
      [0x94, 0x20, 0x96, 0x20, 0x80, 0x35],
      enc('</rss>'),
    )
    expect(decodeFeed(bytes, 'text/xml; charset=utf-8')).toEqual({
      text: '<rss>\u201cquoted\u201d \u2013 \u20ac5</rss>',
      encoding: 'windows-1252',
    })
  })

  it('re-reads a "UTF-8" body by its declaration when the header is wrong', () => {
    const bytes = cat(
      enc('<?xml version="1.0" encoding="windows-1251"?><rss>'),
      [0xcc, 0xe8, 0xf0],
      enc('</rss>'),
    )
    expect(decodeFeed(bytes, 'text/xml; charset=utf-8').text).toContain('<rss>Мир</rss>')
  })

  it('keeps UTF-8 when only a character or two is broken (a truncated description)', () => {
    const bytes = cat(enc('<rss>Привет, мир</rss><x>'), [0xd0], enc('</x>'))
    expect(decodeFeed(bytes)).toMatchObject({
      encoding: 'utf-8',
      text: '<rss>Привет, мир</rss><x>\ufffd</x>',
    })
  })

  it('trusts valid UTF-8 declared as such over a server-default ISO-8859-1 header', () => {
    const bytes = enc('<?xml version="1.0" encoding="UTF-8"?><rss>Grüße</rss>')
    expect(decodeFeed(bytes, 'text/xml; charset=ISO-8859-1').text).toContain('Grüße')
  })

  it('reads C1 controls as the Windows-1252 punctuation they were', () => {
    expect(decodeFeedBytes(enc('<rss>don\u0092t \u0085</rss>'))).toBe('<rss>don\u2019t \u2026</rss>')
  })

  it('never throws, whatever the bytes', () => {
    expect(decodeFeedBytes(new Uint8Array())).toBe('')
    const noise = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)
    expect(typeof decodeFeedBytes(noise, 'text/xml; charset=utf-32')).toBe('string')
    expect(typeof decodeFeedBytes(cat([0, 0, 0xfe, 0xff], [0x7f, 0xff, 0xff, 0xff, 0, 0]))).toBe('string')
  })
})

/** Python string literal body -> JS string (`\uXXXX`, `\xXX`, `\\`, `\'`). */
function pythonString(literal: string): string {
  return literal.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, esc: string) =>
    esc.length > 1 ? String.fromCharCode(Number.parseInt(esc.slice(1), 16)) : esc,
  )
}

/** The five predefined XML entities, so `&lt;img ...` compares with feedparser's `<img ...`. */
const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')

/** Where feedparser's expectation is about parsing or a policy we chose differently: what we do instead. */
const OURS: Record<string, { why: string; encoding?: string; contains?: string }> = {
  'bozo_linenoise.xml': {
    why: 'two valid UTF-8 quotes and one stray byte: we keep UTF-8 (feedparser re-decodes all of it)',
    contains: ' \u2019<>\u201d\ufffd ',
  },
  'demoronize-2.xml': {
    why: 'the character reference &#146; is the XML parser’s job',
    contains: 'don&#146;t',
  },
  'demoronize-3.xml': { why: 'a double-escaped reference is the parser’s job', contains: 'don&amp;#146;t' },
  'http_application_atom_xml_gb2312_encoding.xml': {
    why: 'WHATWG maps gb2312 to gbk, which it decodes with the gb18030 decoder',
    encoding: 'gbk',
  },
  'http_text_xml_default.xml': {
    why: 'RFC 7303 dropped the us-ascii default for text/xml: the declaration (none: UTF-8) applies',
    encoding: 'utf-8',
  },
}

/** Assertions for cases whose Expect line says only "bozo" / "not bozo" but whose content we know. */
const ALSO: Record<string, { encoding?: string; contains?: string }> = {
  'bozo_bogus_encoding.xml': { encoding: 'utf-8' },
  'bozo_http_i18n.xml': { encoding: 'utf-8', contains: '<title>Iñtërnâtiônàlizætiøn</title>' },
  'http_i18n.xml': { encoding: 'utf-8', contains: '<title>Iñtërnâtiônàlizætiøn</title>' },
  'bozo_invalid-bytes-with-bom.xml': {
    encoding: 'utf-8',
    contains: 'Valid UTF8: \u0468Invalid UTF8: Espa\ufffda',
  },
}

type Case = { file: string; bytes: Buffer; contentType: string | undefined; expect: string }

function readCases(): Case[] {
  const dir = new URL('real/feedparser/encoding/', feedsDir)
  return readdirSync(dir)
    .filter((file) => file.endsWith('.xml'))
    .map((file) => {
      const bytes = readFileSync(new URL(file, dir))
      // The comment is ASCII in every file; dropping NULs makes the UTF-16/32 ones readable too.
      const meta = Buffer.from(bytes.filter((b) => b !== 0)).toString('latin1')
      const contentType = meta.match(/^Header:\s*Content-type:\s*(.+)$/im)?.[1]?.trim()
      return { file, bytes, contentType, expect: meta.match(/^Expect:\s*(.+)$/m)?.[1]?.trim() ?? '' }
    })
}

function check(result: { text: string; encoding: string }, want: { encoding?: string; contains?: string }) {
  if (want.encoding) expect(result.encoding).toBe(normalizeCharset(want.encoding))
  if (want.contains)
    expect([result.text, unescapeXml(result.text)].some((t) => t.includes(want.contains!))).toBe(true)
}

describe.skipIf(!hasShared)('feedparser encoding cases (needs ../shared/feeds)', () => {
  const cases = hasShared ? readCases() : []

  it('finds the cases', () => expect(cases.length).toBeGreaterThan(20))

  it.each(cases.map((c) => [c.file, c] as const))('%s', (_, c) => {
    const result = decodeFeed(c.bytes, c.contentType)
    expect(result.text.startsWith('\ufeff')).toBe(false)
    expect(result.text).not.toMatch(/<\?xml[^>]*encoding=/)
    const ours = OURS[c.file]
    if (ours) return check(result, ours)
    if (ALSO[c.file]) check(result, ALSO[c.file]!)
    const encoding = c.expect.match(/\bencoding == u?'([^']+)'/)?.[1]
    const text = c.expect.match(/\]?\s*== u?'((?:[^'\\]|\\.)*)'/)?.[1]
    if (encoding) check(result, { encoding })
    else if (text !== undefined) check(result, { contains: pythonString(text) })
    // Anything else ("bozo", "1", ord(...)) is about parsing: not throwing is all we can check.
  })
})

describe.skipIf(!hasShared)('real feeds in legacy encodings (needs ../shared/feeds)', () => {
  it('windows-1251 Russian feed (node-feedparser/iconv.xml)', () => {
    const result = decodeFeed(sharedFile('real/node-feedparser/iconv.xml'), 'text/xml')
    expect(result.encoding).toBe('windows-1251')
    expect(result.text).toContain('<title>Новости Оренбурга и области / Раздел Новости</title>')
    expect(result.text.startsWith('<?xml version="1.0"?>')).toBe(true)
  })

  it('ISO-8859-1 by header and by declaration (rss-parser/encoding.rss)', () => {
    const bytes = sharedFile('real/rss-parser/encoding.rss')
    for (const contentType of ['text/xml; charset=latin1', null]) {
      expect(decodeFeedBytes(bytes, contentType)).toContain(
        '<title>Jornal de Notícias - Últimas Notícias</title>',
      )
    }
  })

  it('ISO-8859-1 RDF (feed-extractor/rdf-standard.xml)', () => {
    const bytes = sharedFile('real/feed-extractor/rdf-standard.xml')
    expect(sniffEncoding(bytes, 'application/rdf+xml').encoding).toBe('windows-1252')
    expect(decodeFeedBytes(bytes)).toMatch(/^<\?xml version="1.0"\?>\s*<rdf:RDF/)
  })

  it.each(['utf-16be-bom.xml', 'utf-16le-bom.xml', 'utf-16le.xml', 'utf-16be-autodetect.xml', 'u16.xml'])(
    'UTF-16 %s decodes to the same text',
    (file) => {
      const text = decodeFeedBytes(sharedFile(`real/feedparser/encoding/${file}`))
      expect(text).toMatch(/^<\?xml version="1.0"\?>\n<!--[\s\S]*-->\n<rss>\n<\/rss>\n?$/)
    },
  )
})
