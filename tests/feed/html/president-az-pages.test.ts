import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../../src/db/index.ts'
import { PRESETS, storedSourceJson } from '../../../src/feed/html/presets.ts'
import { parseHtmlSource } from '../../../src/feed/html/source-config.ts'
import { type FeedServer, startFeedServer } from '../../support/feed-server.ts'
import { localPoller } from '../../support/local-poller.ts'
import { type OfficeArticle, officeSourceConfig, routeOffice } from '../../support/press-office.ts'
import {
  hasSharedFeeds,
  loadPresidentReleases,
  loadSeedRelease,
  SHARED_FEEDS_NOTE,
} from '../../support/shared-feeds.ts'

const escapeText = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
const bakuWallClock = (ms: number) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Baku', dateStyle: 'short', timeStyle: 'short' })
    .format(ms)
    .replace(' ', 'T')
const paragraphs = (body: string) =>
  body
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)

/**
 * The stored president.az releases, each wrapped at test time in an article page shaped like the site's (our
 * own markup around their verbatim text and date line), and listed on one listing page; read with the preset's
 * selectors and dates.
 */
describe.skipIf(!hasSharedFeeds)(
  `president.az releases read from pages with the preset (${SHARED_FEEDS_NOTE})`,
  () => {
    const releases = hasSharedFeeds ? loadPresidentReleases().filter((r) => r.complete && r.title) : []
    let server: FeedServer
    let store: Store
    const articles: OfficeArticle[] = []

    beforeAll(async () => {
      for (const [i, r] of releases.entries())
        articles.push({
          id: Number(/(\d+)(?:\/print)?$/.exec(r.url)?.[1] ?? 50_000 + i),
          language: 'en',
          title: r.title!,
          published: r.published,
          dateLine: r.publishedRaw ?? undefined,
          paragraphs: paragraphs(r.body).map(escapeText),
        })
      articles.push({
        id: 99_999,
        language: 'en',
        title: 'Ilham Aliyev had a phone conversation with U.S. Secretary of State Antony Blinken',
        published: '2023-09-01T14:00',
        paragraphs: paragraphs(loadSeedRelease()).map(escapeText),
      })
      server = await startFeedServer()
      routeOffice(server, articles, 50)
      store = openStore(':memory:')
      const base = server.url('').replace(/\/$/, '')
      const parsed = parseHtmlSource(officeSourceConfig(base, 'en', PRESETS['president.az']!.source))
      if (!parsed.ok) throw new Error(parsed.error)
      store.feeds.add({
        url: `${base}/en/news/category/all/1`,
        sourceConfig: storedSourceJson(parsed.source),
      })
      const poller = localPoller(store)
      const [report] = await poller.pollAll()
      expect(report!.outcome).toMatchObject({ kind: 'stored', added: articles.length })
    })
    afterAll(async () => {
      store?.close()
      await server?.close()
    })

    it('stores every release with its title, its Baku date and time, and its text paragraph for paragraph', () => {
      for (const [i, r] of releases.entries()) {
        const row = store.releases.latest({ limit: 100 }).find((x) => x.guid === String(articles[i]!.id))
        expect(row, r.url).toBeDefined()
        // The wall-clock time in Baku, whatever its offset then (Azerbaijan kept summer time until 2016).
        expect(row!.publishedAt === null ? null : bakuWallClock(row!.publishedAt), r.url).toBe(r.published)
        expect(row!.title).toBe(r.title)
        expect(row!.language).toBe('en')
        expect(paragraphs(store.releases.get(row!.id)!.body)).toEqual(
          paragraphs(r.body).map((p) => p.replace(/\s+/g, ' ')),
        )
      }
    })

    it('drops the press-service header and the archive link around the seed release', () => {
      const seed = store.releases.latest({ limit: 100 }).find((x) => x.guid === '99999')!
      const { body } = store.releases.get(seed.id)!
      expect(
        body.startsWith('On September 1, U.S. Secretary of State Antony Blinken made a phone call'),
      ).toBe(true)
      expect(body).not.toMatch(/Release of the Press Service|Search in archive/)
    })
  },
)
