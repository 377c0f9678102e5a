import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { BACKOFF_BASE_MS } from '../../src/db/feeds-repository.ts'
import { createPoller, type FeedHealthEvent, HEALTH_ALERT_AFTER } from '../../src/feed/poller.ts'
import { compileTopicRules, loadTopicRules } from '../../src/feed/topics.ts'
import { createLogger } from '../../src/logger.ts'
import { type FeedServer, startFeedServer } from '../support/feed-server.ts'
import { NORTHVALE_LATE_RELEASE, NORTHVALE_RELEASES, rssDocument } from '../support/northvale.ts'
import { openTestStore, type TestStore } from '../support/test-store.ts'

const logger = createLogger({ level: 'silent' })
const topicRules = loadTopicRules()

function pollerFor(store: TestStore, events: FeedHealthEvent[] = [], newIds: number[][] = []) {
  return createPoller({
    ...store,
    topicRules,
    logger,
    concurrency: 2,
    timeoutMs: 2_000,
    maxBytes: 1_000_000,
    allowPrivate: true, // a local server
    onFeedHealth: (event) => events.push(event),
    onDeliveriesQueued: (ids) => newIds.push(ids),
  })
}

const states = (store: TestStore) =>
  store.db.$client.prepare('SELECT guid, delivery_state AS state FROM releases ORDER BY id').all() as Array<{
    guid: string
    state: string
  }>

describe('poller', () => {
  let server: FeedServer
  let dir: string
  let store: TestStore
  beforeEach(async () => {
    server = await startFeedServer()
    dir = mkdtempSync(join(tmpdir(), 'pressbot-poller-'))
    store = openTestStore(join(dir, 'test.db'))
  })
  afterEach(async () => {
    store.close()
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('stores the first poll as backfill and later items as awaiting delivery, across a restart', async () => {
    server.route('/rss', {
      body: rssDocument(NORTHVALE_RELEASES),
      headers: { 'content-type': 'application/rss+xml' },
    })
    store.feeds.add({ url: server.url('/rss') })
    const first = await pollerFor(store).pollAll()
    expect(first[0]!.outcome).toMatchObject({ kind: 'stored', added: 4, backfill: true })
    expect(states(store).every((r) => r.state === 'backfill')).toBe(true)

    // Restart: close the database and open it again, as a new process would.
    store.close()
    store = openTestStore(join(dir, 'test.db'))
    server.route('/rss', {
      body: rssDocument([...NORTHVALE_RELEASES, NORTHVALE_LATE_RELEASE]),
      headers: { 'content-type': 'application/rss+xml' },
    })
    const newIds: number[][] = []
    const second = await pollerFor(store, [], newIds).pollAll()
    expect(second[0]!.outcome).toMatchObject({ kind: 'stored', added: 1, unchanged: 4, backfill: false })
    expect(newIds).toHaveLength(1)
    const late = states(store).find((r) => r.guid === NORTHVALE_LATE_RELEASE.guid)!
    // Nobody subscribed, so the fan-out queued nothing, but the release is past "awaiting": it will not be
    // pushed again after another restart.
    expect(late.state).toBe('enqueued')

    store.close()
    store = openTestStore(join(dir, 'test.db'))
    const third = await pollerFor(store).pollAll()
    expect(third[0]!.outcome).toMatchObject({ kind: 'stored', added: 0, unchanged: 5 })
  })

  it("applies an operator's new settings and edited topic rules to stored releases, without pushing them", async () => {
    const withTag = (etag: string) => ({
      body: rssDocument(NORTHVALE_RELEASES),
      headers: { 'content-type': 'application/rss+xml', etag },
    })
    server.route('/rss', withTag('"v1"'))
    const feed = store.feeds.add({ url: server.url('/rss') }).feed
    const queued: number[][] = []
    await pollerFor(store, [], queued).pollAll()
    const bodyOf = (guid: string) =>
      store.db.$client.prepare('SELECT body, language FROM releases WHERE guid = ?').get(guid) as {
        body: string
        language: string | null
      }
    expect(bodyOf('nv-2026-0102').body).toContain('They discussed investment')

    // `pressbot feeds set 1 --strip "^They discussed" --lang ru`: the next poll fetches in full (no 304) and
    // re-cleans; the releases stay backfill, so nothing is pushed or corrected.
    store.feeds.configure(feed.id, { boilerplatePatterns: ['^They discussed'], language: 'ru' })
    const [changed] = await pollerFor(store, [], queued).pollAll()
    expect(changed!.outcome).toMatchObject({ kind: 'stored', added: 0, updated: 1, unchanged: 3 })
    expect(bodyOf('nv-2026-0102').body).not.toContain('They discussed')
    expect(bodyOf('nv-2026-0101').language).toBe('ru')
    expect(queued).toEqual([])

    // The site regenerates the same feed (new ETag, same items) after the operator edited the topics file.
    server.route('/rss', withTag('"v2"'))
    const ferryRules = compileTopicRules({
      ferries: { name: 'Ferries', keywords: { en: ['ferry line'], ru: [], az: [] } },
    })
    const retag = createPoller({
      ...store,
      topicRules: ferryRules,
      logger,
      concurrency: 1,
      timeoutMs: 2_000,
      maxBytes: 1_000_000,
      allowPrivate: true, // a local server
    })
    const [retagged] = await retag.pollAll()
    expect(retagged!.outcome).toMatchObject({ kind: 'stored', added: 0, updated: 0, unchanged: 4 })
    const tagged = store.db.$client
      .prepare(
        `SELECT r.guid FROM release_topics rt JOIN releases r ON r.id = rt.release_id
         JOIN topics t ON t.id = rt.topic_id WHERE t.slug = 'ferries'`,
      )
      .all()
    expect(tagged).toEqual([{ guid: 'nv-2026-0101' }])
  })

  it('resumes a removed feed without storing it twice, and pushes what is new after the resume', async () => {
    server.route('/rss', {
      body: rssDocument(NORTHVALE_RELEASES),
      headers: { 'content-type': 'application/rss+xml', etag: '"v1"' },
    })
    const feed = store.feeds.add({ url: server.url('/rss') }).feed
    await pollerFor(store).pollAll()
    store.feeds.remove(feed.id, { purge: false })
    expect(await pollerFor(store).pollAll()).toEqual([]) // a removed feed is not polled

    const { resumed } = store.feeds.add({ url: server.url('/rss') }, { resume: true })
    expect(resumed).toBe(true)
    // Unchanged on the site: the resumed feed still fetches in full (no 304) and re-establishes its backfill.
    const [again] = await pollerFor(store).pollAll()
    expect(again!.outcome).toMatchObject({ kind: 'stored', added: 0, unchanged: 4, backfill: true })
    expect(store.releases.count()).toBe(4)

    server.route('/rss', {
      body: rssDocument([...NORTHVALE_RELEASES, NORTHVALE_LATE_RELEASE]),
      headers: { 'content-type': 'application/rss+xml', etag: '"v2"' },
    })
    const queued: number[][] = []
    const [late] = await pollerFor(store, [], queued).pollAll()
    expect(late!.outcome).toMatchObject({ kind: 'stored', added: 1, backfill: false })
    expect(queued.flat()).toHaveLength(1)
  })

  it('keeps a guid-less release when another item with the same link appears beside it', async () => {
    // A site that links every notice to its home page: only the title tells the items apart.
    const notice = (title: string, day: number) => `<item><title>${title}</title>
      <link>https://press.northvale.example/</link><pubDate>${day} Oct 2026 09:00:00 GMT</pubDate>
      <description>${title}: details inside.</description></item>`
    const feed = (...items: string[]) =>
      `<rss version="2.0"><channel><title>Notices</title><link>https://press.northvale.example/</link>${items.join('')}</channel></rss>`
    server.route('/rss', { body: feed(notice('Port closed for repairs', 5)) })
    store.feeds.add({ url: server.url('/rss') })
    await pollerFor(store).pollAll()

    server.route('/rss', {
      body: feed(notice('Ferry timetable changes', 6), notice('Port closed for repairs', 5)),
    })
    const newIds: number[][] = []
    const [report] = await pollerFor(store, [], newIds).pollAll()
    expect(report!.outcome).toMatchObject({ kind: 'stored', added: 1, unchanged: 1 })
    expect(store.releases.latest({ limit: 5 }).map((r) => r.title)).toEqual([
      'Ferry timetable changes',
      'Port closed for repairs',
    ])
    // Only the new notice is queued for delivery; the known one is not pushed a second time.
    expect(newIds.flat().map((id) => store.releases.get(id)!.title)).toEqual(['Ferry timetable changes'])
  })

  it("labels releases with the operator's language, else the item's own, else the channel's", async () => {
    const document = (...items: string[]) => `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel><title>Northvale</title><link>https://press.northvale.example/</link><language>az</language>
      ${items.join('')}</channel></rss>`
    const item = (guid: string, language?: string) =>
      `<item><guid>${guid}</guid><title>Release ${guid}</title><description>Text of ${guid}.</description>${
        language ? `<dc:language>${language}</dc:language>` : ''
      }</item>`
    server.route('/rss', { body: document(item('a', 'ru'), item('b')) })
    server.route('/rss-en', { body: document(item('a', 'ru'), item('b')) })
    const declared = store.feeds.add({ url: server.url('/rss') }).feed
    const operated = store.feeds.add({ url: server.url('/rss-en'), language: 'en' }).feed
    await pollerFor(store).pollAll()
    // Polling keeps feeds.language for the operator: the channel's "az" is not copied into it.
    expect(store.feeds.get(declared.id)!.language).toBeNull()
    expect(store.feeds.get(operated.id)!.language).toBe('en')

    // A later item declaring its own language is not masked by the channel's (it would be, had "az" been copied).
    server.route('/rss', { body: document(item('a', 'ru'), item('b'), item('c', 'kk')) })
    server.route('/rss-en', { body: document(item('a', 'ru'), item('b'), item('c', 'kk')) })
    await pollerFor(store).pollAll()
    const languages = (feedId: number) =>
      Object.fromEntries(
        store.db.$client
          .prepare('SELECT guid, language FROM releases WHERE feed_id = ? ORDER BY guid')
          .all(feedId)
          .map((r) => [(r as { guid: string }).guid, (r as { language: string | null }).language]),
      )
    expect(languages(declared.id)).toEqual({ a: 'ru', b: 'az', c: 'kk' })
    expect(languages(operated.id)).toEqual({ a: 'en', b: 'en', c: 'en' })
  })

  it('stays in backfill mode after an empty first poll, so the archive that appears later is not pushed', async () => {
    server.route('/rss', { body: rssDocument([]), headers: { 'content-type': 'application/rss+xml' } })
    const { feed } = store.feeds.add({ url: server.url('/rss') })
    const [empty] = await pollerFor(store).pollAll()
    expect(empty!.outcome).toMatchObject({ kind: 'stored', added: 0, backfill: true })
    expect(store.feeds.get(feed.id)!.backfilledAt).toBeNull()

    server.route('/rss', {
      body: rssDocument(NORTHVALE_RELEASES),
      headers: { 'content-type': 'application/rss+xml' },
    })
    const newIds: number[][] = []
    const [filled] = await pollerFor(store, [], newIds).pollAll()
    expect(filled!.outcome).toMatchObject({ kind: 'stored', added: 4, backfill: true, newIds: [] })
    expect(newIds).toEqual([])
    expect(states(store).every((r) => r.state === 'backfill')).toBe(true)

    // From now on new items are pushed.
    server.route('/rss', {
      body: rssDocument([...NORTHVALE_RELEASES, NORTHVALE_LATE_RELEASE]),
      headers: { 'content-type': 'application/rss+xml' },
    })
    const [later] = await pollerFor(store, [], newIds).pollAll()
    expect(later!.outcome).toMatchObject({ kind: 'stored', added: 1, backfill: false })
    expect(newIds).toHaveLength(1)
  })

  it('sends the stored ETag and skips parsing on 304', async () => {
    server.route('/rss', {
      body: rssDocument(NORTHVALE_RELEASES),
      headers: {
        'content-type': 'application/rss+xml',
        etag: '"v1"',
        'last-modified': 'Mon, 05 Oct 2026 10:30:00 GMT',
      },
    })
    const { feed } = store.feeds.add({ url: server.url('/rss') })
    await pollerFor(store).pollAll()
    expect(store.feeds.get(feed.id)!.etag).toBe('"v1"')
    const again = await pollerFor(store).pollAll()
    expect(again[0]!.outcome).toEqual({ kind: 'not-modified' })
    const last = server.requests.at(-1)!
    expect(last.headers['if-none-match']).toBe('"v1"')
    expect(last.headers['if-modified-since']).toBe('Mon, 05 Oct 2026 10:30:00 GMT')
  })

  it('records an update of a known release instead of a second release', async () => {
    server.route('/rss', {
      body: rssDocument(NORTHVALE_RELEASES),
      headers: { 'content-type': 'application/rss+xml' },
    })
    store.feeds.add({ url: server.url('/rss') })
    await pollerFor(store).pollAll()
    const edited = NORTHVALE_RELEASES.map((r, i) => (i === 0 ? { ...r, title: `${r.title} (updated)` } : r))
    server.route('/rss', { body: rssDocument(edited), headers: { 'content-type': 'application/rss+xml' } })
    const [report] = await pollerFor(store).pollAll()
    expect(report!.outcome).toMatchObject({ kind: 'stored', added: 0, updated: 1, unchanged: 3 })
    expect(store.releases.count()).toBe(4)
    const hit = store.search.search('updated', { limit: 5 }).hits
    expect(hit.map((h) => h.title)).toEqual([`${NORTHVALE_RELEASES[0]!.title} (updated)`])
  })

  it('backs off exponentially on errors, keeps the last error, alerts once, and recovers', async () => {
    server.route('/rss', { status: 503, body: 'maintenance' })
    const { feed } = store.feeds.add({ url: server.url('/rss') })
    const events: FeedHealthEvent[] = []
    const poller = pollerFor(store, events)
    for (let i = 1; i <= HEALTH_ALERT_AFTER + 1; i++) {
      const before = Date.now()
      await poller.pollAll()
      const row = store.feeds.get(feed.id)!
      expect(row.consecutiveErrors).toBe(i)
      expect(row.lastError).toMatch(/503/)
      expect(row.nextPollAt! - before).toBeGreaterThanOrEqual(BACKOFF_BASE_MS * 2 ** (i - 1) - 50)
    }
    // Backoff: the feed is not due now.
    expect(store.feeds.due(Date.now())).toHaveLength(0)
    expect(events.map((e) => e.kind)).toEqual(['failing'])

    server.route('/rss', {
      body: rssDocument(NORTHVALE_RELEASES),
      headers: { 'content-type': 'application/rss+xml' },
    })
    await poller.pollAll()
    expect(store.feeds.get(feed.id)).toMatchObject({
      consecutiveErrors: 0,
      lastError: null,
      nextPollAt: null,
    })
    expect(events.map((e) => e.kind)).toEqual(['failing', 'recovered'])
  })

  it('keeps polling the other feeds when one fails', async () => {
    server.route('/good', {
      body: rssDocument(NORTHVALE_RELEASES),
      headers: { 'content-type': 'application/rss+xml' },
    })
    server.route('/html', {
      body: '<html><body>Not a feed</body></html>',
      headers: { 'content-type': 'text/html' },
    })
    store.feeds.add({ url: server.url('/missing') })
    store.feeds.add({ url: server.url('/html') })
    store.feeds.add({ url: server.url('/good') })
    const reports = await pollerFor(store).pollAll()
    expect(reports.map((r) => r.outcome.kind)).toEqual(['error', 'error', 'stored'])
    expect(store.releases.count()).toBe(4)
    const listed = store.feeds.list()
    expect(listed.map((f) => f.status)).toEqual(['error', 'error', 'ok'])
    expect(listed[0]!.lastError).toMatch(/404/)
  })

  it('joins a poll already running instead of fetching every feed a second time', async () => {
    for (const path of ['/a', '/b', '/c']) {
      server.route(path, {
        body: rssDocument(NORTHVALE_RELEASES),
        headers: { 'content-type': 'application/rss+xml' },
      })
      store.feeds.add({ url: server.url(path) })
    }
    const poller = pollerFor(store)
    // The start-up poll and a cron tick landing while it runs.
    const [first, second] = await Promise.all([poller.pollDue(), poller.pollDue()])
    expect(server.requests.map((r) => r.path).sort()).toEqual(['/a', '/b', '/c'])
    expect(second).toEqual(first)
    expect(store.releases.count()).toBe(NORTHVALE_RELEASES.length * 3)

    // Once it has finished, the next call polls again.
    await poller.pollDue()
    expect(server.requests).toHaveLength(6)
  })

  it('keeps polling the other feeds on schedule while one source is slow, without polling that one twice', async () => {
    // /slow never answers: its fetch ends at the 2 s timeout.
    server.route('/slow', () => {})
    server.route('/fast', {
      body: rssDocument(NORTHVALE_RELEASES),
      headers: { 'content-type': 'application/rss+xml' },
    })
    store.feeds.add({ url: server.url('/slow') })
    store.feeds.add({ url: server.url('/fast') })
    const poller = pollerFor(store)
    const first = poller.pollDue()
    await vi.waitFor(() => expect(store.releases.count()).toBe(NORTHVALE_RELEASES.length))
    // The next tick, while /slow still hangs: /fast is polled again, /slow is joined, not asked twice.
    const second = poller.pollDue()
    const paths = () => server.requests.map((r) => r.path)
    await vi.waitFor(() => expect(paths().filter((p) => p === '/fast')).toHaveLength(2))
    expect(paths().filter((p) => p === '/slow')).toHaveLength(1)
    expect((await second).map((r) => r.feed.url)).toEqual([server.url('/slow'), server.url('/fast')])
    expect(paths().filter((p) => p === '/slow')).toHaveLength(1)
    const reports = await first
    expect(reports.map((r) => [r.feed.url, r.outcome.kind])).toEqual([
      [server.url('/slow'), 'error'],
      [server.url('/fast'), 'stored'],
    ])
  })

  it('ends a poll cleanly when the database refuses writes, logs it once, and starts the next only after it', async () => {
    const lines: string[] = []
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk))
        done()
      },
    })
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const feed = { body: rssDocument(NORTHVALE_RELEASES), headers: { 'content-type': 'application/rss+xml' } }
    server.route('/held', async (_req, res) => {
      await held
      res.writeHead(200, feed.headers).end(feed.body)
    })
    for (const path of ['/b', '/c']) server.route(path, feed)
    for (const path of ['/held', '/b', '/c']) store.feeds.add({ url: server.url(path) })
    const poller = createPoller({
      ...store,
      topicRules,
      logger: createLogger({ level: 'info', destination }),
      concurrency: 2,
      timeoutMs: 2_000,
      maxBytes: 1_000_000,
      allowPrivate: true,
    })
    // The database refuses every write from now on, as a full disk does.
    store.db.$client.pragma('query_only = ON')
    const first = poller.pollDue()
    await vi.waitFor(() => expect(server.requests.map((r) => r.path)).toContain('/b'))
    await vi.waitFor(() => expect(lines.some((line) => line.includes('refused a write'))).toBe(true))
    // A tick while /held is still being fetched starts nothing, and returns once that poll is over.
    let tickDone = false
    const tick = poller.pollDue().then((reports) => {
      tickDone = true
      return reports
    })
    await new Promise((resolve) => setImmediate(resolve))
    expect(tickDone).toBe(false)
    release()
    await expect(first).resolves.toEqual([])
    await expect(tick).resolves.toEqual([])
    // /c was never started: the poll ended at the first refused write.
    expect(server.requests.map((r) => r.path).sort()).toEqual(['/b', '/held'])
    expect(lines.filter((line) => line.includes('refused a write'))).toHaveLength(1)

    store.db.$client.pragma('query_only = OFF')
    const next = await poller.pollDue()
    expect(next.map((r) => r.outcome.kind)).toEqual(['stored', 'stored', 'stored'])
  })

  it('reports a poll that cannot start as a rejection, which a fire-and-forget caller can catch', async () => {
    const poller = pollerFor(store)
    store.close()
    const poll = poller.pollDue()
    await expect(poll).rejects.toThrow(/not open/)
    store = openTestStore(join(dir, 'test.db'))
  })

  it('removes page furniture, summarises and tags what it stores', async () => {
    server.route('/rss', {
      body: rssDocument(NORTHVALE_RELEASES),
      headers: { 'content-type': 'application/rss+xml' },
    })
    store.feeds.add({ url: server.url('/rss') })
    await pollerFor(store).pollAll()
    const call = store.releases.get(1)!
    expect(call.body).not.toMatch(/Release of the Press Service|Search in archive/)
    expect(call.summary.startsWith('On 5 October, Governor Ingrid Halvorsen held a phone call')).toBe(true)
    expect(call.topics.map((t) => t.slug)).toContain('phone-calls')
    const decree = store.releases.get(3)!
    expect(decree.imageUrl).toBe('https://press.northvale.example/images/harbour.jpg')
    expect(decree.topics.map((t) => t.slug)).toContain('decrees')
  })
})
