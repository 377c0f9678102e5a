import { describe, expect, it } from 'vitest'
import { sourceFromPreset } from '../../src/feed/html/add-source.ts'
import { CONTENT_SECURITY_POLICY } from '../../src/web/archive/security-headers.ts'
import { BRIDGE_EN, HOSTILE_PAGE } from '../support/lirania.ts'
import { shown } from '../support/sent-messages.ts'
import { createBotHarness, PUBLIC_URL, USER_ID, useWebHarness } from '../support/test-app.ts'

/** The text a reader sees in an HTML fragment: tags dropped, the five escapes the engine writes undone. */
const visible = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')

const titlesOn = (html: string) =>
  [...html.matchAll(/<h2><a href="[^"]+">([^<]*)<\/a><\/h2>/g)].map((m) => visible(m[1]!))
const meta = (html: string, name: string) =>
  new RegExp(`<meta (?:property|name)="${name}" content="([^"]*)">`).exec(html)?.[1]

describe('the archive pages over HTTP', () => {
  const h = useWebHarness()

  it('the home page lists the newest releases, with the archive headers: CSP without scripts, cache, ETag and 304', async () => {
    const res = await h.app.inject({ url: '/' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src|unsafe-inline/)
    expect(res.headers['cache-control']).toBe('public, max-age=60')
    expect(res.headers.vary).toBe('Accept-Language, Cookie')
    expect(res.body).not.toMatch(/<script/i)
    const titles = titlesOn(res.body)
    expect(titles).toHaveLength(15)
    expect(titles[0]).toBe('Мост Saltmere открыт после ремонта')
    expect(titles.at(-1)).toBe(HOSTILE_PAGE.title) // the oldest, shown as text
    expect(res.body).toContain(`<link rel="canonical" href="${PUBLIC_URL}/">`)
    expect(res.body).toContain('<link rel="alternate" type="application/atom+xml" href="/feeds/all.atom"')

    const etag = res.headers.etag as string
    expect(etag).toMatch(/^"[^"]+"$/)
    const again = await h.app.inject({ url: '/', headers: { 'if-none-match': etag } })
    expect(again.statusCode).toBe(304)
    expect(again.body).toBe('')
  })

  it('filters the home page by release language and topic, and pages within bounds', async () => {
    const ru = await h.app.inject({ url: '/?language=ru' })
    expect(titlesOn(ru.body)).toEqual([
      'Мост Saltmere открыт после ремонта',
      'Министр Оконджо посетил порт Солтмир',
    ])
    const energy = await h.app.inject({ url: '/?topic=energy&language=' })
    expect(titlesOn(energy.body)).toEqual([
      'Energy savings programme for harbour cranes',
      'Offshore wind tender attracts six bidders',
      'Tidal energy pilot starts at Cape Verran',
    ])
    expect((await h.app.inject({ url: '/?topic=no-such-topic' })).statusCode).toBe(404)
    // 15 releases, 20 a page: one page, no link to a second, and the second is a 404.
    expect((await h.app.inject({ url: '/' })).body).not.toContain('rel="next"')
    expect((await h.app.inject({ url: '/?page=2' })).statusCode).toBe(404)
    for (const bad of ['0', '-1', 'abc', '1.5', '501'])
      expect((await h.app.inject({ url: `/?page=${bad}` })).statusCode, bad).toBe(400)
    expect((await h.app.inject({ url: '/?language=<b>' })).statusCode).toBe(400)
  })

  it('shows a release with its body, image, translations, topics, original link and OpenGraph tags', async () => {
    const res = await h.app.inject({ url: `/releases/${h.ids.bridgeEn}` })
    expect(res.statusCode).toBe(200)
    const html = res.body
    expect(html).toContain('<p>The Saltmere bridge reopened on Saturday after six months of repairs.</p>')
    expect(html).toContain('<img src="https://press.lirania.example/images/bridge.jpg"')
    expect(html).toContain(`<a href="/releases/${h.ids.bridgeRu}" hreflang="ru" lang="ru">Русский</a>`)
    expect(html).toContain('<a href="/topics/ports">Ports</a>')
    expect(html).toContain('href="https://press.lirania.example/en/releases/bridge"')
    expect(html).toContain('<time datetime="2025-09-20T09:00:00.000Z">20 September 2025</time>')
    expect(meta(html, 'og:title')).toBe('Saltmere bridge reopens after repairs')
    expect(meta(html, 'og:description')).toBe(
      'The Saltmere bridge is open again after six months of repairs.',
    )
    expect(meta(html, 'og:image')).toBe('https://press.lirania.example/images/bridge.jpg')
    expect(meta(html, 'og:url')).toBe(`${PUBLIC_URL}/releases/${h.ids.bridgeEn}`)
    expect(meta(html, 'twitter:card')).toBe('summary_large_image')
    expect(html).toContain('<link rel="alternate" type="application/atom+xml" href="/feeds/lang/en.atom"')

    // The chrome follows the reader (Russian date and labels); the release stays English.
    const ru = await h.app.inject({
      url: `/releases/${h.ids.bridgeEn}`,
      headers: { 'accept-language': 'ru-RU,ru;q=0.9' },
    })
    expect(ru.body).toContain('<html lang="ru">')
    expect(ru.body).toContain('20 сентября 2025 г.')
    expect(ru.body).toContain('<h1>Saltmere bridge reopens after repairs</h1>')
  })

  it('shows a corrected release as it stands now', async () => {
    const { feedId } = h.store.db.$client
      .prepare('SELECT feed_id AS feedId FROM releases WHERE id = ?')
      .get(h.ids.bridgeEn) as { feedId: number }
    h.store.releases.storeFeedItems(
      feedId,
      [
        {
          ...BRIDGE_EN,
          title: 'Saltmere bridge reopens after repairs (corrected)',
          contentHash: 'bridge-en-2',
        },
      ],
      { backfill: false, now: Date.parse('2025-09-21T10:00:00Z') },
    )
    const html = (await h.app.inject({ url: `/releases/${h.ids.bridgeEn}` })).body
    expect(html).toContain('<h1>Saltmere bridge reopens after repairs (corrected)</h1>')
    expect(html).toContain('Updated 21 September 2025')
  })

  it('dates a press-page release in its publisher’s time zone, an RSS one in UTC', async () => {
    const source = sourceFromPreset('https://president.az/en/news/category/all/1', 'president.az')
    if (!source.ok) throw new Error(source.error)
    const { feed } = h.store.feeds.add({ url: source.url, sourceConfig: source.sourceConfig })
    // 22:30 UTC on 20 September is already 21 September in Baku (UTC+4).
    const late = {
      ...BRIDGE_EN,
      guid: 'baku-late',
      translationKey: null,
      publishedAt: Date.parse('2025-09-20T22:30:00Z'),
    }
    const [id] = h.store.releases.storeFeedItems(feed.id, [late], { backfill: false, now: Date.now() }).newIds
    const baku = (await h.app.inject({ url: `/releases/${id}` })).body
    expect(baku).toContain('>21 September 2025</time>')
    expect(baku).toContain('Times in Asia/Baku')
    const rss = (await h.app.inject({ url: `/releases/${h.ids.bridgeEn}?lang=ru` })).body
    expect(rss).toContain('Время: UTC')
  })

  it('answers an unknown or malformed release id with a 404 or 400 page, never cached', async () => {
    const missing = await h.app.inject({ url: '/releases/999999' })
    expect(missing.statusCode).toBe(404)
    expect(missing.headers['cache-control']).toBe('no-store')
    expect(missing.body).toContain('<h1>Page not found</h1>')
    expect((await h.app.inject({ url: '/releases/abc' })).statusCode).toBe(400)
    expect((await h.app.inject({ url: '/releases/0' })).statusCode).toBe(400)
    const unknown = await h.app.inject({ url: '/no/such/page', headers: { 'accept-language': 'az' } })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.body).toContain('<h1>Səhifə tapılmadı</h1>')
    expect(unknown.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
  })

  it('chooses the chrome language by ?lang= (kept in a cookie), then the cookie, then Accept-Language', async () => {
    const chosen = await h.app.inject({ url: '/?lang=az', headers: { 'accept-language': 'ru' } })
    expect(chosen.body).toContain('<html lang="az">')
    expect(chosen.headers['cache-control']).toBe('private, max-age=0')
    const cookie = chosen.cookies.find((c) => c.name === 'lang')
    // PUBLIC_URL is https: the cookie goes back only over https.
    expect(cookie).toMatchObject({ value: 'az', path: '/', sameSite: 'Lax', httpOnly: true, secure: true })
    const kept = await h.app.inject({
      url: '/topics',
      cookies: { lang: 'az' },
      headers: { 'accept-language': 'ru' },
    })
    expect(kept.body).toContain('<h1>Mövzular</h1>')
    const asked = await h.app.inject({
      url: '/topics',
      headers: { 'accept-language': 'de-DE, ru;q=0.8, en;q=0.5' },
    })
    expect(asked.body).toContain('<h1>Темы</h1>')
    expect((await h.app.inject({ url: '/topics', headers: { 'accept-language': 'de' } })).body).toContain(
      '<h1>Topics</h1>',
    )
    expect((await h.app.inject({ url: '/topics?lang=xx' })).body).toContain('<h1>Topics</h1>')
  })

  it('lists topics with counts and a topic’s releases with its feeds', async () => {
    const stored = h.store.topics.bySlug('ports')!.releaseCount
    expect(stored).toBeGreaterThan(10)
    const topics = await h.app.inject({ url: '/topics', headers: { 'accept-language': 'ru' } })
    expect(topics.body).toContain(
      `<a href="/topics/ports">Ports</a> <span class="count">${stored} релизов</span>`,
    )
    const ports = await h.app.inject({ url: '/topics/ports' })
    expect(ports.statusCode).toBe(200)
    expect(titlesOn(ports.body)).toHaveLength(stored)
    expect(ports.body).toContain(
      '<link rel="alternate" type="application/atom+xml" href="/feeds/topic/ports.atom"',
    )
    expect((await h.app.inject({ url: '/topics/nothing-here' })).statusCode).toBe(404)
  })

  it('serves robots.txt and a sitemap of absolute addresses under PUBLIC_URL', async () => {
    const robots = await h.app.inject({ url: '/robots.txt' })
    expect(robots.body).toContain(`Sitemap: ${PUBLIC_URL}/sitemap.xml`)
    expect(robots.body).toContain('Disallow: /search')
    const sitemap = await h.app.inject({ url: '/sitemap.xml' })
    expect(sitemap.headers['content-type']).toBe('application/xml; charset=utf-8')
    const locs = [...sitemap.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1])
    expect(locs).toContain(`${PUBLIC_URL}/releases/${h.ids.bridgeEn}`)
    expect(locs).toContain(`${PUBLIC_URL}/topics/ports`)
    expect(locs).toHaveLength(2 + 4 + 15)
  })
})

describe('the search page', () => {
  const h = useWebHarness({ WEB_SEARCH_PER_MINUTE: '5' })

  it('finds what the bot’s search finds, an inflected word included, with the matched words marked', async () => {
    const res = await h.app.inject({ url: '/search?q=FERRIES' })
    expect(res.statusCode).toBe(200)
    const web = titlesOn(res.body)
    expect(web.length).toBeGreaterThan(2)
    expect(res.body).toContain('<mark>Ferry</mark>')
    // The bot's /search over the same archive, through the fake Bot API: the same releases in the same order (it
    // shows five a page).
    const bot = await createBotHarness({ store: h.store })
    try {
      const { last } = await bot.say(USER_ID, '/search FERRIES')
      const reply = shown(last)
      const positions = web.slice(0, 5).map((title) => reply.indexOf(title))
      expect(positions.every((at) => at >= 0)).toBe(true)
      expect([...positions].sort((a, b) => a - b)).toEqual(positions)
      const total = /of (\d+) for/.exec(reply)?.[1]
      expect(visible(res.body)).toContain(`${total} results for “FERRIES”`)
    } finally {
      await bot.api.close()
    }
  })

  it('shows one hit per news item, in the reader’s language first', async () => {
    const bridges = (html: string) => titlesOn(html).filter((title) => /bridge|Мост/.test(title))
    const en = await h.app.inject({ url: '/search?q=Saltmere' })
    expect(bridges(en.body)).toEqual(['Saltmere bridge reopens after repairs'])
    const ru = await h.app.inject({ url: '/search?q=Saltmere&lang=ru' })
    expect(bridges(ru.body)).toEqual(['Мост Saltmere открыт после ремонта'])
  })

  it('says clearly when nothing is found, the query is empty, too long, or names an unknown topic', async () => {
    const nothing = await h.app.inject({ url: '/search?q=zeppelin' })
    expect(nothing.statusCode).toBe(200)
    expect(visible(nothing.body)).toContain('Nothing found for “zeppelin”.')
    expect(visible((await h.app.inject({ url: '/search' })).body)).toContain('Type some words to look for.')
    const long = await h.app.inject({ url: `/search?q=${'ferry '.repeat(60)}` })
    expect(long.statusCode).toBe(400)
    expect(visible(long.body)).toContain('This search is too long: at most 300 characters, please.')
    const topic = await h.app.inject({ url: '/search?q=ferry+topic:portz' })
    expect(visible(topic.body)).toContain('There is no topic “portz”.')
    expect(topic.body).toContain('<a href="/topics/ports">ports</a>')
  })

  it('pages within the ranked results and refuses pages beyond them', async () => {
    const first = await h.app.inject({ url: '/search?q=harbour' })
    expect(titlesOn(first.body)).toHaveLength(10)
    expect(first.body).toContain('<a rel="next" href="/search?q=harbour&amp;page=2">')
    const second = await h.app.inject({ url: '/search?q=harbour&page=2' })
    expect(titlesOn(second.body).length).toBeGreaterThan(0)
    expect((await h.app.inject({ url: '/search?q=harbour&page=50' })).statusCode).toBe(404)
    expect((await h.app.inject({ url: '/search?q=harbour&page=101' })).statusCode).toBe(400)
  })

  it('limits searches per client address, with Retry-After, leaving other clients alone', async () => {
    const from = (remoteAddress: string) => h.app.inject({ url: '/search?q=ferry', remoteAddress })
    for (let n = 0; n < 5; n++) expect((await from('203.0.113.7')).statusCode).toBe(200)
    const limited = await from('203.0.113.7')
    expect(limited.statusCode).toBe(429)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect(limited.headers['cache-control']).toBe('no-store')
    expect(visible(limited.body)).toContain('Too many searches from your address.')
    expect((await from('203.0.113.8')).statusCode).toBe(200)
    // Only search is limited: the other pages stay open to the limited client.
    expect((await h.app.inject({ url: '/', remoteAddress: '203.0.113.7' })).statusCode).toBe(200)
  })
})

describe('WEB_ARCHIVE=false', () => {
  const h = useWebHarness({ WEB_ARCHIVE: 'false' })

  it('turns the pages off; feeds and health stay', async () => {
    for (const url of [
      '/',
      '/search?q=ferry',
      `/releases/${1}`,
      '/topics',
      '/sitemap.xml',
      '/assets/style.css',
    ]) {
      const res = await h.app.inject({ url })
      expect(res.statusCode, url).toBe(404)
      expect(res.body, url).toBe('not found\n')
    }
    expect((await h.app.inject({ url: '/healthz' })).statusCode).toBe(200)
    expect(
      (await h.app.inject({ url: '/feeds/all.atom', headers: { host: 'archive.lirania.example' } }))
        .statusCode,
    ).toBe(200)
  })
})
