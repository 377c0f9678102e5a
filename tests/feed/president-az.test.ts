import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FeedServer, startFeedServer } from '../support/feed-server.ts'
import { localPoller } from '../support/local-poller.ts'
import {
  hasSharedFeeds,
  loadPresidentReleases,
  loadSeedRelease,
  type PresidentRelease,
  SHARED_FEEDS_NOTE,
} from '../support/shared-feeds.ts'
import { openTestStore, type TestStore } from '../support/test-store.ts'

const escapeXml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')

/** Wraps the stored president.az releases in an RSS feed, as the site's own feed would carry them (built at test time). */
function wrapAsRss(releases: PresidentRelease[], seed: string): string {
  const items = releases.map((r, i) => {
    const html = r.body
      .split(/\n+/)
      .map((p) => `<p>${escapeXml(p)}</p>`)
      .join('')
    const date = r.published ? new Date(`${r.published}:00+04:00`).toUTCString() : ''
    return `<item><title>${escapeXml(r.title ?? '')}</title><link>${escapeXml(r.url)}</link>
<guid>${escapeXml(r.url)}#${i}</guid>${date ? `<pubDate>${date}</pubDate>` : ''}
<description>${escapeXml(html)}</description></item>`
  })
  const seedHtml = seed
    .split(/\n+/)
    .map((p) => `<p>${escapeXml(p)}</p>`)
    .join('')
  items.push(`<item><title>Ilham Aliyev had a phone conversation with U.S. Secretary of State Antony Blinken</title>
<link>https://president.az/en/articles/view/seed</link><guid>seed-2023-09-01</guid>
<pubDate>Fri, 01 Sep 2023 14:00:00 GMT</pubDate><description>${escapeXml(seedHtml)}</description></item>`)
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>President of Azerbaijan</title>
<link>https://president.az/en</link><language>en</language>${items.join('\n')}</channel></rss>`
}

describe.skipIf(!hasSharedFeeds)(`president.az releases through the pipeline (${SHARED_FEEDS_NOTE})`, () => {
  let server: FeedServer
  let store: TestStore
  const releases = hasSharedFeeds ? loadPresidentReleases() : []

  beforeAll(async () => {
    server = await startFeedServer()
    server.route('/en/rss', {
      body: wrapAsRss(releases, loadSeedRelease()),
      headers: { 'content-type': 'application/rss+xml; charset=utf-8' },
    })
    store = openTestStore(':memory:')
    store.feeds.add({ url: server.url('/en/rss'), name: 'President of Azerbaijan' })
    const poller = localPoller(store)
    const [report] = await poller.pollAll()
    expect(report!.outcome).toMatchObject({ kind: 'stored', added: releases.length + 1 })
  })
  afterAll(async () => {
    store.close()
    await server.close()
  })

  const byTitle = (fragment: string) => {
    const hit = store.search.search(fragment, { limit: 1 }).hits[0]
    return hit ? store.releases.get(hit.id)! : undefined
  }

  it('finds Erdogan phone calls first when searching "Erdogan"', () => {
    const { hits, total } = store.search.search('Erdogan', { limit: 5 })
    expect(total).toBe(4)
    for (const hit of hits) expect(hit.title).toMatch(/Erdogan/)
    expect(hits[0]!.snippet).toMatch(/\uE000Erdogan\uE001/)
  })

  it('finds the Tatarstan delegation when searching "Tatarstan"', () => {
    const { hits } = store.search.search('Tatarstan', { limit: 5 })
    expect(hits.map((h) => h.title)).toEqual([
      'Ilham Aliyev received a delegation led by the President of Russia`s Republic of Tatarstan',
    ])
  })

  it('summarises each release with its lead: whole sentences, at most 600 characters', () => {
    for (const row of store.db.$client.prepare('SELECT id, body, summary FROM releases').all() as Array<{
      body: string
      summary: string
    }>) {
      expect(row.summary.length).toBeGreaterThan(20)
      expect(row.summary.length).toBeLessThanOrEqual(600)
      expect(row.summary).toMatch(/[.!?…"»)]$/)
      // Extractive: the summary is the start of the body, not an invention.
      expect(row.body.replaceAll(/\s+/g, ' ')).toContain(
        row.summary.replaceAll(/\s+/g, ' ').replace(/…$/, ''),
      )
    }
    const call = byTitle('Tatarstan')!
    expect(call.summary).toMatch(
      /^President of the Republic of Azerbaijan Ilham Aliyev has received a delegation/,
    )
  })

  it('tags phone calls and receptions as a reader would', () => {
    const phone = byTitle('"phoned Turkish President"')!
    expect(phone.topics.map((t) => t.slug)).toContain('phone-calls')
    const reception = byTitle('Formula 1')!
    expect(reception.topics.map((t) => t.slug)).toContain('meetings')
    const interview = byTitle('Al Jazeera')!
    expect(interview.topics.map((t) => t.slug)).toContain('interviews')
  })

  it('strips the press-service header and the archive trailer from the seed release', () => {
    const seed = byTitle('Blinken')!
    expect(
      seed.body.startsWith('On September 1, U.S. Secretary of State Antony Blinken made a phone call'),
    ).toBe(true)
    expect(seed.body).not.toMatch(/Release of the Press Service|Search in archive/)
    expect(seed.summary).toMatch(
      /^On September 1, U\.S\. Secretary of State Antony Blinken made a phone call/,
    )
  })
})
