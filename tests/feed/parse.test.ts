import { describe, expect, it } from 'vitest'
import { contentHash, itemIdentity } from '../../src/feed/identity.ts'
import { FeedParseError, parseFeed } from '../../src/feed/parse.ts'

const FEED_URL = 'https://press.example.gov/rss/news.xml'

const rss = (items: string, channel = '<title>Press</title><link>https://press.example.gov/news/</link>') =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>${channel}${items}</channel></rss>`

describe('parseFeed: Atom', () => {
  const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="az">
  <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Press <b>service</b> news</div></title>
  <link rel="alternate" href="https://president.example/az/"/>
  <link rel="self" href="https://president.example/az/feed.atom"/>
  <entry>
    <id>tag:president.example,2023:66751</id>
    <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Ilham Aliyev <i>received</i> the ambassador</div></title>
    <link rel="alternate" href="articles/view/66751"/>
    <published>2023-09-01T17:30:00+04:00</published>
    <updated>2023-09-02T10:00:00+04:00</updated>
    <category term="Qəbullar" label="Receptions"/>
    <category term="Xarici siyasət"/>
    <summary>Short.</summary>
    <content type="html">&lt;p&gt;Full text.&lt;/p&gt;</content>
  </entry>
  <entry>
    <id>tag:president.example,2023:66752</id>
    <title>Second</title>
    <updated>not a date</updated>
    <summary>Only a summary.</summary>
  </entry>
</feed>`

  it('uses the Atom id as identity, term as category, xhtml title as text in order', async () => {
    const feed = await parseFeed(atom, FEED_URL)
    expect(feed).toMatchObject({
      title: 'Press service news',
      language: 'az',
      link: 'https://president.example/az/',
    })
    const [first, second] = feed.items
    expect(first).toEqual({
      identity: 'tag:president.example,2023:66751',
      url: 'https://president.example/az/articles/view/66751',
      title: 'Ilham Aliyev received the ambassador',
      publishedAt: Date.parse('2023-09-01T13:30:00Z'),
      html: '<p>Full text.</p>',
      categories: ['Qəbullar', 'Xarici siyasət'],
      imageUrl: null,
      // xml:lang on <feed> is the channel's language (feed.language above), not the entry's own.
      language: null,
    })
    // An unreadable date is null, and does not lose the entry or the feed.
    expect(second).toMatchObject({ title: 'Second', publishedAt: null, html: 'Only a summary.', url: null })
  })

  it('reads an Atom feed whose elements carry a namespace prefix', async () => {
    const xml = `<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>T</a:title>
      <a:entry><a:id>urn:x</a:id><a:title>Entry</a:title><a:link href="https://x.example/1"/></a:entry></a:feed>`
    const feed = await parseFeed(xml, FEED_URL)
    expect(feed.items.map((i) => [i.identity, i.title, i.url])).toEqual([
      ['urn:x', 'Entry', 'https://x.example/1'],
    ])
  })
})

describe('parseFeed: RSS', () => {
  it('accepts <rss> without a version attribute', async () => {
    const feed = await parseFeed(
      '<rss><channel><title>T</title><item><title>A</title><guid>a</guid></item></channel></rss>',
      FEED_URL,
    )
    expect(feed.items.map((i) => i.title)).toEqual(['A'])
  })

  it('resolves relative links against the feed link, else the feed URL; bad or unsafe links become null', async () => {
    const items =
      '<item><guid>1</guid><title>a</title><link>2023/09/01/call</link></item>' +
      '<item><guid>2</guid><title>b</title><link>/abs/path?x=1&amp;y=2</link></item>' +
      '<item><guid>3</guid><title>c</title><link>http://[broken</link></item>' +
      '<item><guid>4</guid><title>d</title><link>javascript:alert(1)</link></item>'
    const feed = await parseFeed(rss(items), FEED_URL)
    expect(feed.items.map((i) => i.url)).toEqual([
      'https://press.example.gov/news/2023/09/01/call',
      'https://press.example.gov/abs/path?x=1&y=2',
      null,
      null,
    ])
    const relativeChannel = await parseFeed(rss(items, '<title>P</title><link>archive/</link>'), FEED_URL)
    expect(relativeChannel.link).toBe('https://press.example.gov/rss/archive/')
    expect(relativeChannel.items[0]!.url).toBe('https://press.example.gov/rss/archive/2023/09/01/call')
  })

  it('keeps two items with the same link but different guids apart', async () => {
    const items =
      '<item><title>One</title><link>https://x.example/post/1</link><guid isPermaLink="false">g-1</guid></item>' +
      '<item><title>One again</title><link>https://x.example/post/1</link><guid isPermaLink="false">g-2</guid></item>'
    const feed = await parseFeed(rss(items), FEED_URL)
    expect(feed.items.map((i) => i.identity)).toEqual(['g-1', 'g-2'])
    expect(feed.items.map((i) => i.url)).toEqual(['https://x.example/post/1', 'https://x.example/post/1'])
  })

  it('gives a guid-less item the same identity whatever other items the feed carries', async () => {
    // Poll 1: the item is alone; poll 2: another item with the same link has appeared beside it.
    const item = (title: string, link: string) => `<item><title>${title}</title><link>${link}</link></item>`
    for (const link of ['https://gov.example/', 'https://gov.example/topics.html']) {
      const alone = await parseFeed(rss(item('First notice', link)), FEED_URL)
      const crowded = await parseFeed(rss(item('Second notice', link) + item('First notice', link)), FEED_URL)
      expect(crowded.items[1]!.identity).toBe(alone.items[0]!.identity)
    }
  })

  it('keeps guid-less items that link to the site rather than to themselves apart', async () => {
    const item = (title: string, link: string) =>
      `<item><title>${title}</title><link>${link}</link><pubDate>Mon, 05 Oct 2026 10:00:00 GMT</pubDate></item>`
    const links = [
      'https://gov.example/',
      'https://gov.example/#news',
      'https://gov.example/ministry/index.html',
      'https://press.example.gov/news/', // the channel's own link
    ]
    const feed = await parseFeed(
      rss(links.flatMap((link) => [item('First notice', link), item('Second notice', link)]).join('')),
      FEED_URL,
    )
    const identities = feed.items.map((i) => i.identity)
    expect(new Set(identities).size).toBe(identities.length)
    expect(identities.map((id) => id.replace(/#hash:[0-9a-f]{32}$/, ''))).toEqual(
      links.flatMap((l) => [l, l]),
    )
    // Stable over polls: the same document parsed again gives the same identities.
    const again = await parseFeed(rss(links.map((link) => item('First notice', link)).join('')), FEED_URL)
    expect(again.items.map((i) => i.identity)).toEqual(identities.filter((_, i) => i % 2 === 0))
  })

  it('treats guid-less items that share an article link as one release', async () => {
    // Without a guid the link is the identity: the later item is an update of the release, not a second one.
    // Articles whose address is a folder index (/2026/10/05/index.html) are kept apart by title instead.
    const items =
      '<item><title>Notice</title><link>https://gov.example/topics.html</link></item>' +
      '<item><title>Notice (corrected)</title><link>https://gov.example/topics.html</link></item>' +
      '<item><title>Visit</title><link>https://gov.example/topics.html?id=7</link></item>'
    const feed = await parseFeed(rss(items), FEED_URL)
    expect(feed.items.map((i) => i.identity)).toEqual([
      'https://gov.example/topics.html',
      'https://gov.example/topics.html',
      'https://gov.example/topics.html?id=7',
    ])
  })

  it('normalises categories, prefers content:encoded, finds the image, derives missing titles', async () => {
    const xml = `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
      xmlns:media="http://search.yahoo.com/mrss/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
      <title>P</title><link>https://p.example/</link><language>ru</language>
      <item><guid>x</guid><category domain="https://p.example/c">Экономика</category><category>Энергетика</category>
        <description>short</description><content:encoded><![CDATA[<p>Полный текст &nbsp; & подробности.</p>]]></content:encoded>
        <media:thumbnail url="/img/1.jpg"/><dc:language>az</dc:language></item>
      <item><guid>y</guid><description></description></item>
    </channel></rss>`
    const [first, second] = (await parseFeed(xml, FEED_URL)).items
    expect(first).toMatchObject({
      categories: ['Экономика', 'Энергетика'],
      html: '<p>Полный текст &nbsp; & подробности.</p>',
      imageUrl: 'https://p.example/img/1.jpg',
      title: 'Полный текст & подробности.',
      language: 'az',
    })
    // An item without its own language does not inherit the channel's: ingest applies it after the operator's.
    expect(second).toMatchObject({ title: '(untitled)', language: null })
  })

  it('takes an image from the first <img> of the body, its attribute decoded and resolved', async () => {
    const xml = `<rss version="2.0"><channel><title>P</title><link>https://p.example/</link>
      <item><guid>x</guid><description><![CDATA[<p><img alt="" src="/photo?id=7&amp;size=l&#38;v=2"> Text.</p>]]></description></item>
    </channel></rss>`
    const [item] = (await parseFeed(xml, FEED_URL)).items
    expect(item!.imageUrl).toBe('https://p.example/photo?id=7&size=l&v=2')
  })

  it('reads RSS 1.0 (RDF), and gives a clear error when there is no <channel>', async () => {
    const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
      <channel rdf:about="https://r.example/"><title>R</title><link>https://r.example/</link></channel>
      <item rdf:about="https://r.example/1"><title>One</title><link>https://r.example/1</link></item></rdf:RDF>`
    expect((await parseFeed(rdf, FEED_URL)).items.map((i) => [i.identity, i.title])).toEqual([
      ['https://r.example/1', 'One'],
    ])
    const empty = '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>'
    await expect(parseFeed(empty, FEED_URL)).rejects.toThrow(/no <channel> element/)
  })
})

describe('parseFeed: what real feeds do', () => {
  it('accepts a comment before <?xml, HTML entities, bare ampersands', async () => {
    const xml = `\n<!-- generated -->\n<?xml version="1.0"?>\n<rss><channel><title>AT&T &copy; 2023&nbsp;&mdash; &laquo;News&raquo; &hellip; &euro; &rsquo;</title></channel></rss>`
    expect((await parseFeed(xml, FEED_URL)).title).toBe('AT&T © 2023 — «News» … € ’')
  })

  it('refuses entities declared through entities (billion laughs) by name', async () => {
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join(
      '',
    )
    const xml = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">${lol}]><rss><channel><title>&lol9;</title></channel></rss>`
    await expect(parseFeed(xml, FEED_URL)).rejects.toThrow(/entity-expansion attack/)
  })

  it('strips a plain DOCTYPE and never expands its entities', async () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY org "Northvale">]><rss><channel><title>&org;</title></channel></rss>`
    const feed = await parseFeed(xml, FEED_URL)
    expect(feed.title).toBe('&org;')
  })

  it('throws a FeedParseError that says why, for pages and garbage', async () => {
    await expect(parseFeed('<!DOCTYPE html><html><body>Hi</body></html>', FEED_URL)).rejects.toThrow(
      /news\.xml: not a feed: an HTML page/,
    )
    await expect(parseFeed('{"version": "https://jsonfeed.org/version/1"}', FEED_URL)).rejects.toThrow(
      /news\.xml: JSON Feed without an items array/,
    )
    await expect(parseFeed('{"version": "https://jsonfeed.org/version/1", ', FEED_URL)).rejects.toThrow(
      /news\.xml: invalid JSON/,
    )
    await expect(parseFeed('{"data": [1, 2]}', FEED_URL)).rejects.toThrow(/not a JSON Feed/)
    await expect(parseFeed('', FEED_URL)).rejects.toBeInstanceOf(FeedParseError)
    await expect(parseFeed('<rss><channel><title>x</title>', FEED_URL)).rejects.toThrow(/cannot parse feed/)
  })
})

describe('itemIdentity and contentHash', () => {
  it('prefers guid, then Atom id, then link, then a hash of title and date', () => {
    expect(itemIdentity({ guid: ' g ', id: 'i', link: 'l' })).toBe('g')
    expect(itemIdentity({ guid: '', id: 'i', link: 'l' })).toBe('i')
    expect(itemIdentity({ link: 'https://x/1', title: 't' })).toBe('https://x/1')
    const hashed = itemIdentity({ title: 'Title', publishedAt: 0 })
    expect(hashed).toMatch(/^hash:[0-9a-f]{32}$/)
    expect(itemIdentity({ title: 'Title', publishedAt: 0 })).toBe(hashed)
    expect(itemIdentity({ title: 'Title', publishedAt: 1 })).not.toBe(hashed)
  })

  it('adds the title-and-date hash to a link that stands for the site, not the item', () => {
    const feedAddresses = ['https://x.example/news/', 'https://x.example/rss.xml']
    const article = 'https://x.example/news/2026/10/05/port.html'
    expect(itemIdentity({ link: article, title: 'A', feedAddresses })).toBe(article)
    expect(itemIdentity({ link: 'https://x.example/?p=12', title: 'A', feedAddresses })).toBe(
      'https://x.example/?p=12',
    )
    for (const link of [
      '/',
      'https://x.example/news',
      'https://x.example/rss.xml',
      'https://y.example/Default.aspx',
    ]) {
      const a = itemIdentity({ link, title: 'A', publishedAt: 0, feedAddresses })
      expect(a).toBe(`${link}#${itemIdentity({ title: 'A', publishedAt: 0 })}`)
      expect(itemIdentity({ link, title: 'B', publishedAt: 0, feedAddresses })).not.toBe(a)
    }
  })

  it('hashes title and body as sha256 hex, ignoring whitespace layout', () => {
    expect(contentHash('T', 'a  b\n')).toMatch(/^[0-9a-f]{64}$/)
    expect(contentHash('T', 'a  b\n')).toBe(contentHash('T', 'a b'))
    expect(contentHash('T', 'a b')).not.toBe(contentHash('T', 'a c'))
  })
})

describe("parseFeed: a feed URL's query (a key) never reaches a link", () => {
  const keyed = 'https://press.example.gov/rss/news.xml?apikey=SECRET-123'
  const items = `
    <!-- an image resolves against its item's link -->
    <item><title>Fragment only</title><link>#release-1</link><guid>1</guid></item>
    <item><title>Relative</title><link>releases/2</link><guid>2</guid>
      <enclosure url="img/2.jpg" type="image/jpeg" length="0"/></item>
    <item><title>Its own address</title><link>${keyed.replace('&', '&amp;')}</link><guid>3</guid></item>
    <item><title>Its own query</title><link>https://press.example.gov/releases/4?page=2</link><guid>4</guid></item>`

  it('resolves against the feed URL without query and fragment when the channel names no link', async () => {
    const feed = await parseFeed(rss(items, '<title>Press</title>'), keyed)
    expect(feed.items.map((item) => [item.url, item.imageUrl])).toEqual([
      ['https://press.example.gov/rss/news.xml#release-1', null],
      ['https://press.example.gov/rss/releases/2', 'https://press.example.gov/rss/releases/img/2.jpg'],
      ['https://press.example.gov/rss/news.xml', null],
      ['https://press.example.gov/releases/4?page=2', null],
    ])
    expect(JSON.stringify(feed)).not.toContain('SECRET-123')
  })

  it("resolves against the channel's own link when there is one, even a relative one", async () => {
    const feed = await parseFeed(rss(items, '<title>Press</title><link>/news/</link>'), keyed)
    expect(feed.link).toBe('https://press.example.gov/news/')
    expect(feed.items[1]!.url).toBe('https://press.example.gov/news/releases/2')
    expect(JSON.stringify(feed)).not.toContain('SECRET-123')
  })

  it('does the same for a JSON Feed', async () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Press',
      feed_url: keyed,
      items: [
        { id: '1', url: '#release-1', content_text: 'One.' },
        { id: '2', url: 'releases/2', image: 'img/2.jpg', content_text: 'Two.' },
      ],
    })
    const feed = await parseFeed(json, keyed)
    expect(feed.items.map((item) => [item.url, item.imageUrl])).toEqual([
      ['https://press.example.gov/rss/news.xml#release-1', null],
      ['https://press.example.gov/rss/releases/2', 'https://press.example.gov/rss/releases/img/2.jpg'],
    ])
    expect(JSON.stringify(feed)).not.toContain('SECRET-123')
  })
})
