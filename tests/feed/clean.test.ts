import { describe, expect, it } from 'vitest'
import {
  cleanItem,
  DEFAULT_BOILERPLATE,
  decodeEntities,
  htmlToText,
  removeBoilerplate,
} from '../../src/feed/clean.ts'
import {
  hasSharedFeeds,
  loadPresidentReleases,
  loadSeedRelease,
  SHARED_FEEDS_NOTE,
} from '../support/shared-feeds.ts'

describe('htmlToText', () => {
  it('turns paragraphs into blank-line separated text and <br>/<li> into lines', () => {
    const html = '<h2>Title</h2><p>First para.</p><p>Second<br>line two</p><ul><li>one</li><li>two</li></ul>'
    expect(htmlToText(html)).toBe('Title\n\nFirst para.\n\nSecond\nline two\n\none\ntwo')
  })

  it('drops script, style, iframe, noscript contents and comments from hostile html', () => {
    const html =
      '<p>Safe</p><script>alert("x")</script><style>p{color:red}</style><!-- secret -->' +
      '<iframe src="//evil">frame text</iframe><noscript>enable js</noscript><p onclick="x()">After</p>'
    const text = htmlToText(html)
    expect(text).toBe('Safe\n\nAfter')
    expect(text).not.toMatch(/alert|color|secret|frame text|enable js/)
  })

  it('drops an unclosed script to the end rather than leaking it', () => {
    expect(htmlToText('<p>Keep</p><script>var a = "<p>not text</p>"')).toBe('Keep')
  })

  it('decodes named, decimal and hex entities, including ones undefined in XML', () => {
    expect(
      htmlToText(
        '<p>&laquo;Baku&raquo; &mdash; &copy;&nbsp;2023 &hellip; &euro;5 &#8212; &#x2014; &#X41; &amp;lt;</p>',
      ),
    ).toBe('«Baku» — © 2023 … €5 — — A &lt;')
    expect(decodeEntities('&numero; 5, &rsquo;s, &unknown; &#150;')).toBe('№ 5, ’s, &unknown; –')
  })

  it('collapses whitespace, allows at most one blank line, trims', () => {
    expect(htmlToText('  <div>  a \t b  </div>\n\n\n<p></p><p></p><p> c </p>  ')).toBe('a b\n\nc')
  })

  it('passes plain text through: only entity decoding and whitespace tidying', () => {
    const text = 'First paragraph &amp; more.\n\n\n\nSecond   paragraph, 3 < 4.\nNext line.'
    expect(htmlToText(text)).toBe('First paragraph & more.\n\nSecond paragraph, 3 < 4.\nNext line.')
  })
})

describe('removeBoilerplate', () => {
  it('drops whole matching lines only', () => {
    const text = 'Print\nThe president did not print money.\nShare\n\nBack to list'
    expect(removeBoilerplate(text, DEFAULT_BOILERPLATE)).toBe('The president did not print money.')
  })

  it('drops press-service header lines for any known office, but keeps sentences about the press service', () => {
    const text = [
      'Release of the Press Service of the Governor',
      'Information of the Press Service of the President of the Republic of Azerbaijan',
      'The press service of the President declined to comment.',
      'Пресс-служба президента сообщила о встрече.',
      'Azərbaycan Respublikası Prezidentinin Mətbuat Xidmətinin məlumatı',
    ].join('\n')
    expect(removeBoilerplate(text, DEFAULT_BOILERPLATE)).toBe(
      'The press service of the President declined to comment.\nПресс-служба президента сообщила о встрече.',
    )
  })

  it('knows Russian and Azerbaijani furniture', () => {
    const text =
      'Пресс-служба Президента\nИльхам Алиев принял делегацию.\nПоиск в архиве\nArxivdə axtarış\nПодписывайтесь на наш канал в Telegram'
    expect(removeBoilerplate(text, DEFAULT_BOILERPLATE)).toBe('Ильхам Алиев принял делегацию.')
  })

  it('is not confused by global regexes used twice', () => {
    const g = /^junk$/g
    expect(removeBoilerplate('junk\nok\njunk', [g])).toBe('ok')
  })
})

describe('cleanItem', () => {
  it('adds per-feed patterns and ignores invalid ones', () => {
    expect(cleanItem('<p>Body.</p><p>Follow @ministry</p>', ['^follow @', '(unclosed'])).toBe('Body.')
  })
})

describe.skipIf(!hasSharedFeeds)(`clean on the shared releases (${SHARED_FEEDS_NOTE})`, () => {
  it('removes the seed release header and "Search in archive" trailer, keeping the release intact', () => {
    const raw = loadSeedRelease()
    const cleaned = cleanItem(raw)
    expect(
      cleaned.startsWith('On September 1, U.S. Secretary of State Antony Blinken made a phone call'),
    ).toBe(true)
    expect(cleaned.endsWith('they support direct contacts between Baku and Khankendi.')).toBe(true)
    expect(cleaned).not.toMatch(/Release of the Press Service|Search in archive/)
    // Every paragraph of the release is there, verbatim, still separated by a blank line.
    const paragraphs = raw
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !/^(Release of the Press Service of the President|Search in archive)$/.test(l))
    expect(cleaned.split('\n\n')).toEqual(paragraphs)
  })

  it('leaves every president.az release body untouched', () => {
    for (const release of loadPresidentReleases()) {
      const expected = release.body
        .split('\n')
        .map((l) => l.trim())
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim()
      expect(cleanItem(release.body), release.url).toBe(expected)
    }
  })
})
