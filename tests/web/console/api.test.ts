import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { releaseInput, storeReleases } from '../../support/releases.ts'
import {
  ADMIN_ID,
  authorization,
  buildConsoleHarness,
  type ConsoleHarness,
  signInitData,
  USER_ID,
} from '../../support/test-app.ts'

let h: ConsoleHarness
beforeEach(async () => {
  h = await buildConsoleHarness({ CONSOLE_SESSION_SECONDS: '600' })
})
afterEach(async () => {
  await h.app.close()
  h.store.close()
})

const admin = () => authorization(signInitData(ADMIN_ID))

/** Every endpoint of the console's API, with a body that would be valid. */
const ENDPOINTS = [
  { method: 'GET', url: '/console/api/session' },
  { method: 'GET', url: '/console/api/sources' },
  { method: 'POST', url: '/console/api/sources/1/poll' },
  { method: 'POST', url: '/console/api/sources/1/pause' },
  { method: 'POST', url: '/console/api/sources/1/resume' },
  { method: 'GET', url: '/console/api/delivery' },
  { method: 'GET', url: '/console/api/audience' },
  {
    method: 'POST',
    url: '/console/api/broadcast/preview',
    payload: { text: 'Hi', language: 'en', audience: { kind: 'everyone' } },
  },
  {
    method: 'POST',
    url: '/console/api/broadcasts',
    payload: { text: 'Hi', language: 'en', audience: { kind: 'everyone' } },
  },
  { method: 'GET', url: '/console/api/broadcasts/1' },
  { method: 'POST', url: '/console/api/broadcasts/1/cancel' },
] as const

describe('the console API refuses anyone Telegram did not sign in as an admin', () => {
  const refusals = [
    { name: 'no initData', headers: {}, status: 401 },
    { name: 'a malformed header', headers: { authorization: 'Bearer x' }, status: 401 },
    {
      name: 'data signed with another token',
      // Well-formed, but not the bot's token: what a forger would sign with.
      headers: authorization(signInitData(ADMIN_ID, { token: '999:not-our-bot-token-abcdefghijkl' })),
      status: 401,
    },
    {
      name: 'data older than CONSOLE_SESSION_SECONDS',
      headers: authorization(signInitData(ADMIN_ID, { ageSeconds: 601 })),
      status: 401,
    },
    { name: 'a reader who is no admin', headers: authorization(signInitData(USER_ID)), status: 403 },
  ]
  for (const refusal of refusals)
    it(`answers ${refusal.name} with ${refusal.status} and no data, on every endpoint`, async () => {
      const before = h.store.broadcasts.list().length
      for (const endpoint of ENDPOINTS) {
        const response = await h.app.inject({ ...endpoint, headers: refusal.headers })
        expect(response.statusCode, endpoint.url).toBe(refusal.status)
        expect(Object.keys(response.json())).toEqual(['error'])
        expect(response.body).not.toContain('Lirania')
      }
      // Nothing was done either: no broadcast saved, the feed not paused.
      expect(h.store.broadcasts.list().length).toBe(before)
      expect(h.store.feeds.get(h.feedId)?.enabled).toBe(true)
    })

  it('words a refusal in the language the browser asks for', async () => {
    const response = await h.app.inject({
      method: 'GET',
      url: '/console/api/sources',
      headers: { ...authorization(signInitData(USER_ID)), 'accept-language': 'ru' },
    })
    expect(response.statusCode).toBe(403)
    expect(response.json().error).toBe('Консоль доступна только администраторам бота.')
  })
})

describe('the console page', () => {
  it('is a shell without data, its script and styles from this server only', async () => {
    const page = await h.app.inject({ method: 'GET', url: '/console' })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline')
    expect(page.body).not.toContain('Lirania')
    const sources = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)
    expect(sources.length).toBe(4)
    for (const source of sources) {
      expect(source.startsWith('/console/')).toBe(true)
      const asset = await h.app.inject({ method: 'GET', url: source })
      expect(asset.statusCode, source).toBe(200)
    }
    // Only the files the page names: not the rest of node_modules/uplot.
    expect((await h.app.inject({ method: 'GET', url: '/console/uplot/uPlot.esm.js' })).statusCode).toBe(404)
  })
})

describe('session', () => {
  it("gives the page its texts in the admin's chat language, else Telegram's language for them", async () => {
    const first = await h.app.inject({ method: 'GET', url: '/console/api/session', headers: admin() })
    expect(first.json()).toMatchObject({
      userId: ADMIN_ID,
      locale: 'en',
      labels: { 'tab-sources': 'Sources' },
    })
    const az = authorization(signInitData(ADMIN_ID, { languageCode: 'az' }))
    const second = await h.app.inject({ method: 'GET', url: '/console/api/session', headers: az })
    expect(second.json().labels['tab-sources']).toBe('Mənbələr')
    h.store.chats.subscribe({ id: ADMIN_ID, type: 'private', title: null, locale: 'ru' })
    const third = await h.app.inject({ method: 'GET', url: '/console/api/session', headers: az })
    expect(third.json()).toMatchObject({ locale: 'ru', labels: { 'tab-sources': 'Источники' } })
    expect(third.headers['cache-control']).toBe('no-store')
  })
})

describe('sources', () => {
  it('lists every source with its status, whole last error, backoff and release count', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/console/api/sources', headers: admin() })
    const { sources } = response.json()
    const failing = sources.find((s: { id: number }) => s.id === h.failingFeedId)
    expect(failing).toMatchObject({
      name: 'Lirania Fisheries',
      status: 'error',
      consecutiveErrors: 2,
      lastError: 'HTTP 503 Service Unavailable\n<html>maintenance until 18:00</html>',
      backingOff: true,
      releases: 0,
    })
    const healthy = sources.find((s: { id: number }) => s.id === h.feedId)
    expect(healthy).toMatchObject({ name: 'Lirania Harbour Ministry', backingOff: false })
    expect(healthy.releases).toBeGreaterThan(5)
  })

  it('polls now (backoff lifted, the due poll run), pauses and resumes, as the CLI does', async () => {
    const post = (action: string, id = h.failingFeedId) =>
      h.app.inject({ method: 'POST', url: `/console/api/sources/${id}/${action}`, headers: admin() })
    const polled = await post('poll')
    expect(polled.statusCode).toBe(200)
    expect(h.calls.pollDue).toBe(1)
    expect(h.store.feeds.due(Date.now()).map((f) => f.id)).toContain(h.failingFeedId)
    const paused = await post('pause')
    expect(paused.json().sources.find((s: { id: number }) => s.id === h.failingFeedId).status).toBe('removed')
    expect(h.store.feeds.enabled().map((f) => f.id)).not.toContain(h.failingFeedId)
    // A paused source is not polled: say so, in the admin's language.
    h.store.chats.subscribe({ id: ADMIN_ID, type: 'private', title: null, locale: 'az' })
    const refused = await post('poll')
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error).toBe(`#${h.failingFeedId} mənbəyi dayandırılıb: əvvəlcə onu davam etdirin.`)
    expect(h.calls.pollDue).toBe(1)
    const resumed = await post('resume')
    expect(resumed.statusCode).toBe(200)
    expect(h.store.feeds.enabled().map((f) => f.id)).toContain(h.failingFeedId)
  })

  it('refuses an unknown source, a malformed id and an unknown action', async () => {
    const post = (url: string) => h.app.inject({ method: 'POST', url, headers: admin() })
    const unknown = await post('/console/api/sources/999/pause')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().error).toBe('There is no source #999.')
    const bad = await post('/console/api/sources/abc/pause')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error).toBe('The field “id” is missing or not valid.')
    const action = await post(`/console/api/sources/${h.feedId}/purge`)
    expect(action.statusCode).toBe(400)
    expect(action.json().error).toBe('The field “action” is missing or not valid.')
    expect(h.store.feeds.get(h.feedId)?.enabled).toBe(true)
  })
})

describe('delivery', () => {
  it('charts settled deliveries per hour and per minute, with the queue, the send rate and the last releases', async () => {
    const now = Date.now()
    const [releaseId] = storeReleases(
      h.store,
      [releaseInput({ title: 'Ferry timetable for the winter', publishedAt: now - 120_000 })],
      { now },
    )
    const claimed = h.store.deliveries.claimDue(now, 100)
    expect(claimed).toHaveLength(3)
    h.store.deliveries.applyOutcomes(
      [
        { type: 'sent', id: claimed[0]!.id, messageId: 1 },
        { type: 'sent', id: claimed[1]!.id, messageId: 2 },
        { type: 'failed', id: claimed[2]!.id, error: 'Bad Request: chat not found' },
      ],
      now,
    )
    // A second release still waiting in the queue.
    storeReleases(h.store, [releaseInput({ title: 'Harbour closed on Sunday' })], { now })
    const response = await h.app.inject({ method: 'GET', url: '/console/api/delivery', headers: admin() })
    expect(response.statusCode).toBe(200)
    const data = response.json()
    expect(data.hourly).toHaveLength(7 * 24)
    expect(data.perMinute).toHaveLength(120)
    const hour = data.hourly.at(-1)
    expect(hour).toMatchObject({ sent: 2, failed: 1, skipped: 0 })
    expect(data.perMinute.at(-1)).toMatchObject({ sent: 2, failed: 1 })
    expect(data.hourly.slice(0, -1).every((b: { sent: number }) => b.sent === 0)).toBe(true)
    expect(data.queued).toBe(3)
    expect(data.rate).toEqual({ now: 0, configured: 25 })
    expect(data.releases[1]).toMatchObject({
      releaseId,
      title: 'Ferry timetable for the winter',
      targeted: 3,
      sent: 2,
      failed: 1,
      queued: 0,
      lastSentAt: now,
    })
    expect(data.releases[0]).toMatchObject({ title: 'Harbour closed on Sunday', targeted: 3, queued: 3 })
  })

  it('keeps the hourly totals when old deliveries are pruned', async () => {
    const now = Date.now()
    storeReleases(h.store, [releaseInput({ title: 'Lighthouse repainted' })], { now })
    const claimed = h.store.deliveries.claimDue(now, 100)
    h.store.deliveries.applyOutcomes(
      claimed.map((row) => ({ type: 'sent' as const, id: row.id, messageId: row.id })),
      now - 3 * 3_600_000,
    )
    expect(h.store.deliveries.pruneSettled('sent', now, 100)).toBe(3)
    const data = (
      await h.app.inject({ method: 'GET', url: '/console/api/delivery', headers: admin() })
    ).json()
    expect(data.hourly.at(-4).sent).toBe(3)
  })
})

describe('audience', () => {
  it('counts active subscribers by day joined, language, kind, mode, digest, forum topics and topics followed', async () => {
    const { store } = h
    store.chats.subscribe({ id: -1001, type: 'supergroup', title: 'Harbour forum', locale: 'az' }, 5)
    store.chats.subscribe({ id: 104, type: 'private', title: null, locale: 'ru' })
    store.chats.unsubscribe(104)
    const ports = store.topics.bySlug('ports')
    expect(ports).toBeDefined()
    const subscription = store.db.$client
      .prepare('SELECT id FROM subscriptions WHERE chat_id = 101')
      .pluck()
      .get()
    store.db.$client
      .prepare('INSERT INTO subscription_topics (subscription_id, topic_id) VALUES (?, ?)')
      .run(subscription, ports!.id)
    store.db.$client
      .prepare("UPDATE subscriptions SET mode = 'topics', digest = 'daily' WHERE chat_id = 101")
      .run()
    const response = await h.app.inject({ method: 'GET', url: '/console/api/audience', headers: admin() })
    expect(response.statusCode).toBe(200)
    const data = response.json()
    const day = Math.floor(Date.now() / 86_400_000) * 86_400_000
    expect(data.joined).toHaveLength(90)
    expect(data.joined.at(-1)).toEqual({ day, chats: 4 })
    expect(data.joined.slice(0, -1).every((d: { chats: number }) => d.chats === 0)).toBe(true)
    expect(data.before).toBe(0)
    expect(data.byLanguage).toEqual([
      { key: 'en', n: 2 },
      { key: 'az', n: 1 },
      { key: 'ru', n: 1 },
    ])
    expect(data.byKind).toEqual([
      { key: 'private', n: 3 },
      { key: 'supergroup', n: 1 },
    ])
    expect(data.byMode).toEqual([
      { key: 'all', n: 3 },
      { key: 'topics', n: 1 },
    ])
    expect(data.byDigest).toEqual([
      { key: 'off', n: 3 },
      { key: 'daily', n: 1 },
    ])
    expect(data.forumTopics).toBe(1)
    expect(data.topTopics).toEqual([{ slug: 'ports', name: 'Ports', n: 1 }])
  })
})

describe('broadcast composer', () => {
  const post = (url: string, payload?: unknown, headers = admin()) =>
    h.app.inject({ method: 'POST', url: `/console/api${url}`, headers, ...(payload ? { payload } : {}) })

  it('previews the sanitised HTML that will be sent and the chats it reaches, saving nothing', async () => {
    const text =
      '<b>Ferry</b> resumes <script>x()</script><a href="https://lirania.example/f">today</a> & <i>more</i>'
    const everyone = await post('/broadcast/preview', {
      text,
      language: 'en',
      audience: { kind: 'everyone' },
    })
    expect(everyone.statusCode).toBe(200)
    expect(everyone.json()).toEqual({
      // What Telegram does not take is shown as text, never dropped silently nor passed on as markup.
      html: '<b>Ferry</b> resumes &lt;script&gt;x()&lt;/script&gt;<a href="https://lirania.example/f">today</a> &amp; <i>more</i>',
      chats: 3,
    })
    const russian = await post('/broadcast/preview', {
      text,
      language: 'ru',
      audience: { kind: 'language', language: 'ru' },
    })
    expect(russian.json().chats).toBe(1)
    expect(h.store.broadcasts.list()).toEqual([])
  })

  it('validates every field, in the admin language', async () => {
    h.store.chats.subscribe({ id: ADMIN_ID, type: 'private', title: null, locale: 'ru' })
    const cases: Array<[unknown, string]> = [
      [{ language: 'en', audience: { kind: 'everyone' } }, 'text'],
      [{ text: '', language: 'en', audience: { kind: 'everyone' } }, 'text'],
      [{ text: 'x'.repeat(20_001), language: 'en', audience: { kind: 'everyone' } }, 'text'],
      [{ text: 'Hi', language: 'de', audience: { kind: 'everyone' } }, 'language'],
      [{ text: 'Hi', language: 'en' }, 'audience'],
      [{ text: 'Hi', language: 'en', audience: { kind: 'channels' } }, 'audience.kind'],
      [{ text: 'Hi', language: 'en', audience: { kind: 'language', language: 'fr' } }, 'audience.language'],
      [{ text: 'Hi', language: 'en', audience: { kind: 'topic', topic: ' ' } }, 'audience.topic'],
    ]
    for (const [payload, field] of cases) {
      for (const url of ['/broadcast/preview', '/broadcasts']) {
        const response = await post(url, payload)
        expect(response.statusCode, JSON.stringify(payload)).toBe(400)
        expect(response.json().error).toBe(`Поле «${field}» не заполнено или заполнено неверно.`)
      }
    }
    expect(h.store.broadcasts.list()).toEqual([])
  })

  it('refuses what /broadcast refuses, with its words: an unknown topic, too long a text, nobody to reach', async () => {
    const unknownTopic = await post('/broadcast/preview', {
      text: 'Hi',
      language: 'en',
      audience: { kind: 'topic', topic: 'portz' },
    })
    expect(unknownTopic.statusCode).toBe(422)
    expect(unknownTopic.json().error).toMatch(/portz/)
    expect(unknownTopic.json().error).toMatch(/Did you mean: ports\?/)
    const tooLong = await post('/broadcasts', {
      text: 'a'.repeat(4097),
      language: 'en',
      audience: { kind: 'everyone' },
    })
    expect(tooLong.statusCode).toBe(422)
    expect(tooLong.json().error).toBe(
      'The en edition is too long for one message (4,097 characters; at most 4,096).',
    )
    const nobody = await post('/broadcasts', {
      text: 'Hi',
      language: 'az',
      audience: { kind: 'language', language: 'az' },
    })
    expect(nobody.statusCode).toBe(422)
    expect(h.store.broadcasts.list()).toEqual([])
  })

  it('sends through the outbox, reports progress and cancels what is still queued', async () => {
    const sent = await post('/broadcasts', {
      text: 'Harbour <b>open</b>',
      language: 'en',
      audience: { kind: 'everyone' },
    })
    expect(sent.statusCode).toBe(201)
    const { id, queued } = sent.json()
    expect(queued).toBe(3)
    expect(h.calls.wakeSender).toBe(1)
    expect(h.store.broadcasts.details(id)).toMatchObject({ status: 'confirmed', adminChatId: ADMIN_ID })
    const [first] = h.store.deliveries.claimDue(Date.now(), 1)
    h.store.deliveries.applyOutcomes([{ type: 'sent', id: first!.id, messageId: 9 }])
    const progress = await h.app.inject({
      method: 'GET',
      url: `/console/api/broadcasts/${id}`,
      headers: admin(),
    })
    expect(progress.json()).toEqual({
      id,
      status: 'confirmed',
      progress: { pending: 2, sending: 0, sent: 1, failed: 0, skipped: 0 },
    })
    const cancelled = await post(`/broadcasts/${id}/cancel`)
    expect(cancelled.json()).toMatchObject({
      status: 'cancelled',
      dropped: 2,
      progress: { sent: 1, skipped: 2 },
    })
    expect(h.store.deliveries.claimDue(Date.now(), 10)).toEqual([])
    const again = await post(`/broadcasts/${id}/cancel`)
    expect(again.statusCode).toBe(409)
    expect(again.json().error).toBe(`Broadcast #${id} is no longer running.`)
    const unknown = await post('/broadcasts/999/cancel')
    expect(unknown.statusCode).toBe(404)
    const badId = await h.app.inject({ method: 'GET', url: '/console/api/broadcasts/-1', headers: admin() })
    expect(badId.statusCode).toBe(400)
  })
})
