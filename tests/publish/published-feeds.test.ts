import { request } from 'node:http'
import Parser from 'rss-parser'
import { describe, expect, it } from 'vitest'
import type { App } from '../../src/app.ts'
import type { ReleaseInput } from '../../src/db/releases-repository.ts'
import { parseFeed } from '../../src/feed/parse.ts'
import { atomProblems } from '../support/atom-rfc4287.ts'
import { NORTHVALE_LATE_RELEASE, NORTHVALE_RELEASES, rssDocument } from '../support/northvale.ts'
import { useAppHarness } from '../support/test-app.ts'

/**
 * A release whose text carries what breaks a careless XML writer: markup characters, quotes, a C0 control and
 * U+FFFE (which XML cannot carry, even as references), and an astral character (which it can). Lone surrogates
 * never reach the archive (SQLite stores them as U+FFFD); atom.test.ts covers them.
 */
const HOSTILE_TITLE = 'Налоги & пошлины: <b>"ставки"</b> \u0001снижены\uFFFE на 5% 📈'
const HOSTILE_TITLE_AS_XML_CAN_CARRY = 'Налоги & пошлины: <b>"ставки"</b> снижены на 5% 📈'
const HOSTILE: ReleaseInput = {
  guid: 'nv-ru-2026-0201',
  url: 'https://press.northvale.example/ru/releases/0201?a=1&b=2',
  title: HOSTILE_TITLE,
  publishedAt: Date.UTC(2026, 9, 20, 9, 0),
  language: 'ru',
  body: 'Губернатор подписала указ о снижении портовых сборов.\n\nУказ вступает в силу с 1 января.',
  summary: 'Губернатор подписала указ о снижении портовых сборов.',
  imageUrl: 'https://press.northvale.example/images/port.jpg?w=800&h=600',
  contentHash: 'hostile-1',
  topics: [{ slug: 'ports', name: 'Ports & harbours' }],
}

async function startWithArchive(h: ReturnType<typeof useAppHarness>, env: Record<string, string> = {}) {
  const app = await h.start(env)
  // The first poll at start stores the Northvale feed; a second feed holds the hostile Russian release.
  // The ingestion worker starts with the app: on a busy machine its first poll takes seconds.
  await expect.poll(() => app.store.releases.count(), { timeout: 30_000 }).toBe(NORTHVALE_RELEASES.length)
  // The poll records its success (and the feed's title, which the feeds show as the source) after the releases:
  // until then a feed served twice could differ.
  await expect.poll(() => app.store.feeds.list().every((feed) => feed.lastOkAt !== null)).toBe(true)
  const ru = app.store.feeds.add({ url: 'https://press.northvale.example/ru/rss', name: 'Пресс-служба' }).feed
  app.store.releases.storeFeedItems(ru.id, [HOSTILE], { backfill: true, now: Date.UTC(2026, 9, 20, 9, 5) })
  return app
}

const base = (app: App) => `http://127.0.0.1:${app.http!.port}`

/** A GET with a Host header of our choosing (fetch will not send one). */
function getWithHost(
  port: number,
  path: string,
  host: string,
): Promise<{ status: number; body: string; cacheControl: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        body += chunk
      })
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body, cacheControl: res.headers['cache-control'] }),
      )
    })
    req.on('error', reject)
    req.end()
  })
}

describe('the feeds pressbot publishes on PORT', () => {
  const h = useAppHarness()

  it('serves the archive as Atom that rss-parser, pressbot’s own reader and RFC 4287 all accept', async () => {
    const app = await startWithArchive(h)
    const response = await fetch(`${base(app)}/feeds/all.atom`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8')
    expect(response.headers.get('etag')).toMatch(/^"[\w-]{20,}"$/)
    expect(response.headers.get('cache-control')).toMatch(/max-age=\d+/)
    const xml = await response.text()

    expect(atomProblems(xml)).toEqual([])
    expect(xml).toContain(`<link rel="self" type="application/atom+xml" href="${base(app)}/feeds/all.atom"/>`)

    // rss-parser reads it with a strict XML parser: a stray control character or bad escape would throw here.
    const theirs = await new Parser().parseString(xml)
    expect(theirs.items).toHaveLength(NORTHVALE_RELEASES.length + 1)
    expect(theirs.items[0]).toMatchObject({
      title: HOSTILE_TITLE_AS_XML_CAN_CARRY,
      link: HOSTILE.url,
      isoDate: '2026-10-20T09:00:00.000Z',
      author: 'Пресс-служба',
      summary: HOSTILE.summary,
      content: HOSTILE.body,
    })

    const ours = await parseFeed(xml, `${base(app)}/feeds/all.atom`)
    expect(ours.title).toBe('Press releases')
    expect(ours.items.map((item) => item.url)).toEqual([
      HOSTILE.url,
      ...NORTHVALE_RELEASES.map((r) => r.link).reverse(),
    ])
    const [hostile, ...northvale] = ours.items
    expect(hostile).toMatchObject({
      identity: expect.stringMatching(/^tag:127\.0\.0\.1,2026:release\/\d+$/),
      // pressbot's reader reads every title as HTML (RSS titles often are), so the literal <b> goes, as text.
      title: HOSTILE_TITLE_AS_XML_CAN_CARRY.replace(/<\/?b>/g, ''),
      publishedAt: HOSTILE.publishedAt,
      categories: ['ports'],
      imageUrl: HOSTILE.imageUrl,
      language: 'ru',
    })
    // Dates, languages and topics as pressbot stored them from the Northvale feed.
    for (const item of northvale) {
      const stored = NORTHVALE_RELEASES.find((r) => r.link === item.url)!
      expect(item.publishedAt).toBe(Date.parse(stored.pubDate))
      expect(item.language).toBe('en')
      expect(item.title).toBe(stored.title)
    }
    expect(northvale.find((item) => item.title.startsWith('Decree'))).toMatchObject({
      categories: ['decrees'],
      imageUrl: 'https://press.northvale.example/images/harbour.jpg',
    })
    // Ids are permanent: the same release has the same id in the next document.
    const again = await parseFeed(await (await fetch(`${base(app)}/feeds/all.atom`)).text(), base(app))
    expect(again.items.map((item) => item.identity)).toEqual(ours.items.map((item) => item.identity))
    expect(new Set(ours.items.map((item) => item.identity)).size).toBe(ours.items.length)
  })

  it('answers If-None-Match with 304 until the archive changes, then with the new feed', async () => {
    const app = await startWithArchive(h)
    const url = `${base(app)}/feeds/all.atom`
    const first = await fetch(url)
    const etag = first.headers.get('etag')!
    await first.text()

    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const cached = await fetch(url, { headers: { 'if-none-match': ifNoneMatch } })
      expect(cached.status, ifNoneMatch).toBe(304)
      expect(cached.headers.get('etag')).toBe(etag)
      expect(cached.headers.get('cache-control')).toMatch(/max-age/)
      expect(await cached.text()).toBe('')
    }
    const stale = await fetch(url, { headers: { 'if-none-match': '"not-this-one"' } })
    expect(stale.status).toBe(200)
    await stale.text()

    h.feeds.route('/rss', {
      body: rssDocument([...NORTHVALE_RELEASES, NORTHVALE_LATE_RELEASE]),
      headers: { 'content-type': 'application/rss+xml' },
    })
    await app.poller.pollDue()
    const changed = await fetch(url, { headers: { 'if-none-match': etag } })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('etag')).not.toBe(etag)
    const titles = (await parseFeed(await changed.text(), url)).items.map((item) => item.title)
    expect(titles).toContain(NORTHVALE_LATE_RELEASE.title)

    const head = await fetch(url, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('etag')).toBe(changed.headers.get('etag'))
    expect(await head.text()).toBe('')
  })

  it('serves one language or one topic, and a 404 with a reason for one it does not know', async () => {
    const app = await startWithArchive(h)
    const ru = await (await fetch(`${base(app)}/feeds/lang/ru.atom`)).text()
    expect(atomProblems(ru)).toEqual([])
    expect(ru).toMatch(/<feed [^>]*xml:lang="ru"/)
    const ruItems = (await parseFeed(ru, base(app))).items
    expect(ruItems.map((item) => item.url)).toEqual([HOSTILE.url])
    expect((await parseFeed(ru, base(app))).title).toBe('Press releases in Russian')

    const en = (await parseFeed(await (await fetch(`${base(app)}/feeds/lang/EN.atom`)).text(), base(app)))
      .items
    expect(en).toHaveLength(NORTHVALE_RELEASES.length)

    const decrees = await (await fetch(`${base(app)}/feeds/topic/decrees.atom`)).text()
    expect(atomProblems(decrees)).toEqual([])
    expect((await parseFeed(decrees, base(app))).items.map((item) => item.url)).toEqual([
      'https://press.northvale.example/releases/0103',
    ])

    const missing = [
      ['/feeds/topic/no-such-topic.atom', 404, /^unknown topic "no-such-topic"$/m],
      ['/feeds/topic/no-such-topic.json', 404, /^unknown topic "no-such-topic"$/m],
      ['/feeds/lang/xx.atom', 404, /^no releases in language "xx"$/m],
      ['/feeds/lang/english.json', 404, /^no releases in language "english"$/m],
      ['/feeds/all.rss', 404, /\/feeds\/all\.atom/],
    ] as const
    for (const [path, status, text] of missing) {
      const response = await fetch(`${base(app)}${path}`)
      expect(response.status, path).toBe(status)
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
      expect(await response.text(), path).toMatch(text)
    }
    const post = await fetch(`${base(app)}/feeds/all.atom`, { method: 'POST', body: 'x' })
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET, HEAD')
  })

  it('serves JSON Feed 1.1 with the same releases, ETag and 304', async () => {
    const app = await startWithArchive(h)
    const url = `${base(app)}/feeds/all.json`
    const response = await fetch(url)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/feed+json')
    const etag = response.headers.get('etag')!
    const text = await response.text()
    const feed = JSON.parse(text) as Record<string, unknown> & { items: Array<Record<string, unknown>> }
    expect(feed).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Press releases',
      feed_url: url,
    })
    expect(feed.items).toHaveLength(NORTHVALE_RELEASES.length + 1)
    expect(feed.items[0]).toEqual({
      id: expect.stringMatching(/^tag:127\.0\.0\.1,2026:release\/\d+$/),
      url: HOSTILE.url,
      title: HOSTILE_TITLE,
      summary: HOSTILE.summary,
      content_text: HOSTILE.body,
      image: HOSTILE.imageUrl,
      date_published: '2026-10-20T09:00:00Z',
      date_modified: '2026-10-20T09:00:00Z',
      authors: [{ name: 'Пресс-служба' }],
      tags: ['Ports & harbours'],
      language: 'ru',
    })
    for (const item of feed.items) {
      expect(Object.keys(item)).toEqual(
        expect.arrayContaining(['id', 'title', 'content_text', 'date_published']),
      )
      expect(typeof item.id).toBe('string')
    }
    // The same ids as the Atom twin.
    const atom = await parseFeed(await (await fetch(`${base(app)}/feeds/all.atom`)).text(), base(app))
    expect(feed.items.map((item) => item.id)).toEqual(atom.items.map((item) => item.identity))

    // pressbot reads its own JSON Feed as it reads anyone's.
    const ours = await parseFeed(text, url)
    expect(ours.items.map((item) => [item.identity, item.url, item.publishedAt])).toEqual(
      atom.items.map((item) => [item.identity, item.url, item.publishedAt]),
    )
    expect(ours.items[0]).toMatchObject({
      categories: ['Ports & harbours'],
      language: 'ru',
      imageUrl: HOSTILE.imageUrl,
    })

    const cached = await fetch(url, { headers: { 'if-none-match': etag } })
    expect(cached.status).toBe(304)
    const topic = (await (await fetch(`${base(app)}/feeds/topic/ports.json`)).json()) as typeof feed
    expect(topic.items.map((item) => item.url)).toEqual([HOSTILE.url])
    expect(topic.title).toBe('Press releases: Ports & harbours')
  })

  it('links to PUBLIC_URL when set, for the self link and the ids', async () => {
    const app = await startWithArchive(h, { PUBLIC_URL: 'https://news.northvale.example/pressbot/' })
    const xml = await (await fetch(`${base(app)}/feeds/lang/ru.atom`)).text()
    expect(atomProblems(xml)).toEqual([])
    expect(xml).toContain('href="https://news.northvale.example/pressbot/feeds/lang/ru.atom"')
    expect(xml).toContain('<id>tag:news.northvale.example,2026:feed/lang/ru</id>')
    expect(xml).toMatch(/<id>tag:news\.northvale\.example,2026:release\/\d+<\/id>/)
  })

  it('without PUBLIC_URL, links to the Host the request named, and refuses a forged Host', async () => {
    const app = await startWithArchive(h)
    const port = app.http!.port
    const byHost = await getWithHost(port, '/feeds/all.json', 'feeds.northvale.example:8080')
    expect(byHost.status).toBe(200)
    expect(JSON.parse(byHost.body).feed_url).toBe('http://feeds.northvale.example:8080/feeds/all.json')
    const forged = await getWithHost(port, '/feeds/all.atom', 'evil.example/"><script>')
    expect(forged.status).toBe(400)
    expect(forged.body).toMatch(/Host header/)
  })

  it('lets shared caches keep a feed only for a Host listed in PUBLIC_HOSTS', async () => {
    const app = await startWithArchive(h, { PUBLIC_HOSTS: 'feeds.northvale.example:8080' })
    const port = app.http!.port
    const listed = await getWithHost(port, '/feeds/all.atom', 'feeds.northvale.example:8080')
    expect(listed.cacheControl).toMatch(/^public\b/)
    const other = await getWithHost(port, '/feeds/all.atom', 'evil.example')
    expect(other.status).toBe(200)
    expect(other.cacheControl).toMatch(/^private\b/)
  })
})
