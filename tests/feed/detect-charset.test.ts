import iconv from 'iconv-lite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeFeed } from '../../src/feed/decode.ts'
import { fetchFeed } from '../../src/feed/fetch.ts'
import { parseFeed } from '../../src/feed/parse.ts'
import { type FeedServer, startFeedServer } from '../support/feed-server.ts'

/** An RSS document without an XML declaration's encoding, so nothing in it names a charset. */
function rss(title: string, items: Array<{ title: string; text: string }>): string {
  const body = items
    .map(
      (
        item,
        n,
      ) => `<item><title>${item.title}</title><link>https://press.northvale.example/ru/releases/${n}</link>
<guid>nv-ru-${n}</guid><pubDate>Mon, 05 Oct 2026 10:30:00 +0000</pubDate>
<description><![CDATA[<p>${item.text}</p>]]></description></item>`,
    )
    .join('\n')
  return `<?xml version="1.0"?>
<rss version="2.0"><channel><title>${title}</title><link>https://press.northvale.example/ru/</link>
<description>Northvale</description>
${body}
</channel></rss>`
}

// Invented releases of the fictional Northvale press office.
const RUSSIAN = rss('Пресс-служба губернатора Нортвейла', [
  {
    title: 'Губернатор Хальворсен посетила Кессбийский район',
    text: '12 октября губернатор Ингрид Хальворсен посетила Кессбийский район. Губернатор ознакомилась с ходом строительства новой школы и встретилась с жителями района.',
  },
  {
    title: 'Подписан указ о создании портового управления',
    text: 'Указ передаёт управление портами Порт-Эллис и Кессби новому управлению с 1 января 2027 года.',
  },
])
const SHORT_RUSSIAN = rss('Новости', [{ title: 'Указ о порте', text: 'Подписан указ.' }])
const FRENCH = rss('Cabinet du Gouverneur', [
  {
    title: 'Le Gouverneur a inauguré le pont de Kessby',
    text: 'Les élèves ont célébré l’événement à Noël — « une réussite », a déclaré la préfète. Coût : 12 000 €.',
  },
])
const GERMAN_FEW = rss('Pressestelle', [{ title: 'Grüße aus Northvale', text: 'Die Brücke ist eröffnet.' }])

const encode = (text: string, encoding: string) => new Uint8Array(iconv.encode(text, encoding))

describe('undeclared legacy charsets', () => {
  it('reads an undeclared windows-1251 Russian feed as windows-1251, not Windows-1252', async () => {
    const decoded = decodeFeed(encode(RUSSIAN, 'windows-1251'), 'application/rss+xml')
    expect(decoded.encoding).toBe('windows-1251')
    expect(decoded.text).toBe(RUSSIAN)
    const feed = await parseFeed(decoded.text, 'https://press.northvale.example/ru/rss')
    expect(feed.title).toBe('Пресс-служба губернатора Нортвейла')
    expect(feed.items[1]!.title).toBe('Подписан указ о создании портового управления')
  })

  it('reads a short one too, and KOI8-R', () => {
    expect(decodeFeed(encode(SHORT_RUSSIAN, 'windows-1251'), null)).toEqual({
      encoding: 'windows-1251',
      text: SHORT_RUSSIAN,
    })
    expect(decodeFeed(encode(RUSSIAN, 'koi8-r'), 'text/xml')).toEqual({ encoding: 'koi8-r', text: RUSSIAN })
  })

  it('reads Greek and Japanese, and keeps Windows-1252 when a few Cyrillic words are too little to tell', () => {
    const greek = rss('Γραφείο Τύπου', [
      { title: 'Ο κυβερνήτης εγκαινίασε τη νέα γέφυρα', text: 'Οι μαθητές γιόρτασαν το γεγονός.' },
    ])
    expect(decodeFeed(encode(greek, 'windows-1253'), null).text).toBe(greek)
    const japanese = rss('広報', [
      { title: '知事はケスビー橋を開通させました', text: '生徒たちはこの出来事を祝いました。' },
    ])
    expect(decodeFeed(encode(japanese, 'shift_jis'), null)).toEqual({ encoding: 'shift_jis', text: japanese })
    // Eight Cyrillic bytes look as much like Big5 as like windows-1251 to chardet: no guess beats a wrong one.
    const tiny = rss('News', [{ title: 'Указ', text: 'Указ' }])
    expect(decodeFeed(encode(tiny, 'windows-1251'), null).encoding).toBe('windows-1252')
  })

  it('still reads an undeclared Western European feed as Windows-1252', () => {
    expect(decodeFeed(encode(FRENCH, 'windows-1252'), 'application/rss+xml')).toEqual({
      encoding: 'windows-1252',
      text: FRENCH,
    })
    // Two non-ASCII letters are too little to guess from: the fallback stands.
    expect(decodeFeed(encode(GERMAN_FEW, 'windows-1252'), null)).toEqual({
      encoding: 'windows-1252',
      text: GERMAN_FEW,
    })
  })

  it('leaves UTF-8 and declared charsets alone', () => {
    expect(decodeFeed(new TextEncoder().encode(RUSSIAN), null)).toEqual({ encoding: 'utf-8', text: RUSSIAN })
    // A declaration is obeyed, even a wrong one: guessing is only for bodies that say nothing.
    const declared = decodeFeed(encode(RUSSIAN, 'windows-1251'), 'application/rss+xml; charset=iso-8859-1')
    expect(declared.encoding).toBe('windows-1252')
    expect(declared.text).not.toContain('Губернатор')
    const inXml = RUSSIAN.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="koi8-r"?>')
    expect(decodeFeed(encode(inXml, 'koi8-r'), null)).toMatchObject({ encoding: 'koi8-r' })
  })

  describe('over HTTP', () => {
    let server: FeedServer
    beforeAll(async () => {
      server = await startFeedServer()
    })
    afterAll(() => server.close())

    it('fetches an undeclared windows-1251 feed as readable Russian', async () => {
      server.route('/ru.xml', {
        body: encode(RUSSIAN, 'windows-1251'),
        headers: { 'content-type': 'application/rss+xml' },
      })
      const fetched = await fetchFeed(server.url('/ru.xml'), {
        timeoutMs: 5000,
        maxBytes: 1_000_000,
        allowPrivate: true, // a local server
      })
      expect(fetched.kind).toBe('ok')
      if (fetched.kind !== 'ok') return
      const feed = await parseFeed(fetched.text, fetched.finalUrl)
      expect(feed.items[0]!.title).toBe('Губернатор Хальворсен посетила Кессбийский район')
    })
  })
})
