import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { seedLirania } from '../../support/lirania.ts'
import { shown } from '../../support/sent-messages.ts'
import { ADMIN_ID, type BotHarness, createBotHarness, USER_ID } from '../../support/test-app.ts'

let h: BotHarness
beforeEach(async () => {
  h = await createBotHarness()
})
afterEach(() => h.close())

describe('admin commands', () => {
  beforeEach(() => seedLirania(h.store))

  it('answer non-admins exactly like a command that does not exist', async () => {
    for (const command of [
      '/stats',
      '/feeds',
      '/feed_add https://x.example/rss',
      '/feed_remove 1',
      '/broadcast hi',
      '/broadcast_cancel',
    ]) {
      const name = command.split(' ')[0]
      expect(shown((await h.say(USER_ID, command)).last), command).toBe(`I don't know ${name}. Try /help.`)
    }
    expect(shown((await h.say(USER_ID, '/nonsense')).last)).toBe("I don't know /nonsense. Try /help.")
    expect(h.store.feeds.list()).toHaveLength(1)
    expect(h.store.broadcasts.running()).toHaveLength(0)
  })

  it('/stats reports chats, releases, the queue and each feed', async () => {
    await h.say(USER_ID, '/start')
    await h.say(USER_ID + 1, '/start')
    await h.say(USER_ID + 1, '/stop')
    const failing = h.store.feeds.add({ url: 'https://broken.example/rss', name: 'Broken <feed>' }).feed
    h.store.feeds.recordFailure(
      failing.id,
      Date.parse('2025-10-01T10:00:00Z'),
      'HTTP 503 <Service Unavailable>',
    )
    h.store.feeds.recordFailure(
      failing.id,
      Date.parse('2025-10-01T10:05:00Z'),
      'HTTP 503 <Service Unavailable>',
    )

    const stats = shown((await h.say(ADMIN_ID, '/stats')).last)
    expect(stats).toContain('Chats\nactive 1 · stopped 1 · blocked 0')
    expect(stats).toContain('Releases: 12')
    expect(stats).toContain('queued 0 · sent last hour 0 · failed last hour 0')
    expect(stats).toContain('send rate 25/s')
    expect(stats).toContain('Feeds (2)')
    expect(stats).toContain('⚪️ #1 Lirania Harbour Ministry\n   last success: never')
    expect(stats).toContain('🔴 #2 Broken <feed>')
    expect(stats).toContain('2 errors in a row\n   last error: HTTP 503 <Service Unavailable>')
  })

  it('/feeds, /feed_add and /feed_remove manage feeds', async () => {
    expect(shown((await h.say(ADMIN_ID, '/feeds')).last)).toContain('https://press.lirania.example/rss')

    expect(shown((await h.say(ADMIN_ID, '/feed_add ftp://x.example/rss')).last)).toContain('Usage: /feed_add')
    expect(shown((await h.say(ADMIN_ID, '/feed_add not a url')).last)).toContain('Usage: /feed_add')
    const added = shown((await h.say(ADMIN_ID, '/feed_add https://news.example/feed.xml')).last)
    expect(added).toMatch(/^✅ Added feed #2: https:\/\/news\.example\/feed\.xml/)
    expect(h.store.feeds.list().map((f) => f.url)).toContain('https://news.example/feed.xml')
    expect(shown((await h.say(ADMIN_ID, '/feed_add https://news.example/feed.xml')).last)).toBe(
      'That feed is already there as #2.',
    )

    expect(shown((await h.say(ADMIN_ID, '/feed_remove')).last)).toContain('Usage: /feed_remove <id or URL>')
    expect(shown((await h.say(ADMIN_ID, '/feed_remove 77')).last)).toBe('There is no feed #77. See /feeds.')
    const removed = shown((await h.say(ADMIN_ID, '/feed_remove 1')).last)
    expect(removed).toBe(
      'Removed feed #1 Lirania Harbour Ministry. It is no longer polled; its releases stay searchable (/feed_add with its URL resumes it).',
    )
    expect(h.store.feeds.enabled().map((f) => f.id)).toEqual([2])
    expect(h.store.releases.count()).toBe(12)
    expect(shown((await h.say(ADMIN_ID, '/feed_remove 1')).last)).toBe(
      'Feed #1 Lirania Harbour Ministry is already removed.',
    )
    expect(shown((await h.say(ADMIN_ID, '/feeds')).last)).toContain(
      '12 releases · removed (/feed_add resumes it)',
    )

    // Adding it again resumes the same feed: its releases are not stored a second time.
    const resumed = shown((await h.say(ADMIN_ID, '/feed_add https://press.lirania.example/rss')).last)
    expect(resumed).toMatch(/^✅ Resumed feed #1: https:\/\/press\.lirania\.example\/rss/)
    expect(h.store.feeds.get(1)).toMatchObject({ enabled: true, backfilledAt: null })
    expect(h.store.releases.count()).toBe(12)
  })

  it('/feed_add --every gives a feed its own poll interval, and refuses one out of bounds', async () => {
    const added = shown((await h.say(ADMIN_ID, '/feed_add https://news.example/feed.xml --every 90s')).last)
    expect(added).toMatch(/^✅ Added feed #2: https:\/\/news\.example\/feed\.xml\n.*\nPolled every 90s\.$/)
    expect(h.store.feeds.get(2)?.pollIntervalMs).toBe(90_000)
    const refused = shown((await h.say(ADMIN_ID, '/feed_add https://other.example/feed.xml --every 5s')).last)
    expect(refused).toBe('⚠️ --every must be between 30s and 24h (got 5s)')
    expect(h.store.feeds.list().map((f) => f.url)).not.toContain('https://other.example/feed.xml')
    // The same feed again, with another interval: kept once, with the new interval.
    const again = shown((await h.say(ADMIN_ID, '/feed_add --every 1h https://news.example/feed.xml')).last)
    expect(again).toBe('That feed is already there as #2.\nPolled every 1h.')
    expect(h.store.feeds.get(2)?.pollIntervalMs).toBe(3_600_000)
  })

  it('/feed_add and /feed_remove know one feed however its URL is spelled', async () => {
    const added = shown(
      (await h.say(ADMIN_ID, '/feed_add  HTTPS://News.Example:443/Press/feed.xml?Lang=en#top ')).last,
    )
    expect(added).toMatch(/^✅ Added feed #2: https:\/\/news\.example\/Press\/feed\.xml\?Lang=en\n/)
    expect(h.store.feeds.get(2)?.url).toBe('https://news.example/Press/feed.xml?Lang=en')
    expect(shown((await h.say(ADMIN_ID, '/feed_add https://news.example/Press/feed.xml?Lang=en')).last)).toBe(
      'That feed is already there as #2.',
    )
    // The path is the server's: another case is another feed.
    expect(
      shown((await h.say(ADMIN_ID, '/feed_add https://news.example/press/feed.xml?Lang=en')).last),
    ).toMatch(/^✅ Added feed #3/)

    expect(shown((await h.say(ADMIN_ID, '/feed_remove https://news.example/nothing-here')).last)).toBe(
      'There is no feed with that URL. See /feeds.',
    )
    expect(shown((await h.say(ADMIN_ID, '/feed_remove ftp://news.example/feed.xml')).last)).toBe(
      'That is not a feed URL: only http and https feeds are supported, not ftp:.\n' +
        'Usage: /feed_remove <id or URL>, as listed by /feeds.',
    )
    const removed = shown(
      (await h.say(ADMIN_ID, '/feed_remove http://NEWS.example:443/Press/feed.xml?Lang=en')).last,
    )
    expect(removed).toBe('There is no feed with that URL. See /feeds.') // http is not https, and 443 is not its port
    expect(
      shown((await h.say(ADMIN_ID, '/feed_remove HTTPS://NEWS.example/Press/feed.xml?Lang=en#x')).last),
    ).toMatch(/^Removed feed #2 https:\/\/news\.example\/Press\/feed\.xml\?Lang=en\. It is no longer polled/)
    expect(h.store.feeds.enabled().map((f) => f.id)).toEqual([1, 3])
  })

  it('/feed_add says why a URL is refused', async () => {
    expect(shown((await h.say(ADMIN_ID, '/feed_add')).last)).toBe(
      'Usage: /feed_add https://example.org/press/rss (an http or https URL).\n' +
        'Or a press page without a feed: /feed_add <listing URL> --preset <name>, presets: president.az.\n' +
        'Its own poll interval: add --every 60s (30s to 24h; s, m or h).',
    )
    expect(shown((await h.say(ADMIN_ID, '/feed_add news.example/rss')).last)).toMatch(
      /^That is not a feed URL: it must start with http:\/\/ or https:\/\/ followed by a host/,
    )
    expect(shown((await h.say(ADMIN_ID, '/feed_add https://news.example/rss <b>now</b>')).last)).toMatch(
      /^That is not a feed URL: it contains spaces or control characters\.\nUsage: \/feed_add/,
    )
    expect(shown((await h.say(ADMIN_ID, '/feed_add http://169.254.169.254/latest/meta-data')).last)).toBe(
      'That is not a feed URL: refused: 169.254.169.254 is a link-local address (set FEED_ALLOW_PRIVATE=true to allow).\nUsage: /feed_add https://example.org/press/rss (an http or https URL).\nOr a press page without a feed: /feed_add <listing URL> --preset <name>, presets: president.az.\nIts own poll interval: add --every 60s (30s to 24h; s, m or h).',
    )
    expect(h.store.feeds.list()).toHaveLength(1)
  })

  it('admin commands stay private: in a group even an admin gets no answer to a bare command', async () => {
    const group = -100200300
    const { sent } = await h.say(group, '/stats', { chatType: 'supergroup', from: { id: ADMIN_ID } })
    expect(sent).toHaveLength(0)
    const addressed = await h.say(group, '/stats@pressbot_test_bot', {
      chatType: 'supergroup',
      from: { id: ADMIN_ID },
    })
    expect(shown(addressed.last)).toBe("I don't know /stats. Try /help.")
  })
})

describe('/feed_add with a preset', () => {
  it('adds a president.az edition as a press page, and says what is wrong otherwise', async () => {
    const added = shown(
      (await h.say(ADMIN_ID, '/feed_add https://president.az/az/news/category/all/1 --preset president.az'))
        .last,
    )
    expect(added).toMatch(
      /^✅ Added press page #1 \(president\.az\): https:\/\/president\.az\/az\/news\/category\/all\/1/,
    )
    const [feed] = h.store.feeds.list()
    expect(feed).toMatchObject({ kind: 'html', url: 'https://president.az/az/news/category/all/1' })
    expect(JSON.parse(feed!.sourceConfig!)).toEqual({
      preset: 'president.az',
      listing: 'https://president.az/az/news/category/all/{page}',
      language: 'az',
    })

    const wrong = shown(
      (await h.say(ADMIN_ID, '/feed_add https://president.az/az/photos --preset president.az')).last,
    )
    expect(wrong).toBe(
      'Cannot add that page: the president.az preset reads https://president.az/en/news/category/all/1, ' +
        'https://president.az/ru/news/category/all/1, https://president.az/az/news/category/all/1; ' +
        'https://president.az/az/photos is none of them.',
    )
    const unknown = shown((await h.say(ADMIN_ID, '/feed_add https://x.example/news --preset <b>')).last)
    expect(unknown).toBe('Cannot add that page: no preset named <b> (see: pressbot presets list).')
    expect(shown((await h.say(ADMIN_ID, '/feed_add')).last)).toContain('--preset <name>')
    expect(h.store.feeds.list()).toHaveLength(1)
  })
})
