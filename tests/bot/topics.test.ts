import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { texts } from '../../src/bot/texts.ts'
import { buttons, count, createHarness, dataOf, type Harness, shown, USER_ID } from './harness.ts'
import { releaseInput, seed } from './seed.ts'

let h: Harness
beforeEach(async () => {
  h = await createHarness()
  seed(h.store)
})
afterEach(() => h.close())

const labels = (payload: Record<string, unknown> | undefined) => buttons(payload).map(([label]) => label)

describe('/topics', () => {
  it('lists every topic with its count and toggles follows in place', async () => {
    await h.say(USER_ID, '/start')
    const { last } = await h.say(USER_ID, '/topics')
    expect(shown(last)).toContain('▫️ Ports — 9 releases')
    expect(shown(last)).toContain('▫️ Energy — 3 releases')
    expect(shown(last)).toContain('You receive all releases.')
    expect(labels(last)).toEqual(['Ports', 'Education', 'Energy', 'Finance'])

    const follow = await h.tap(USER_ID, dataOf(last, 'Energy'))
    expect(follow.answer?.text).toBe('Following Energy')
    expect(h.store.chats.topicSlugs(USER_ID)).toEqual(['energy'])
    expect(
      count(
        h.store,
        'select count(*) n from subscription_topics st join subscriptions s on s.id = st.subscription_id where s.chat_id = ?',
        USER_ID,
      ),
    ).toBe(1)
    expect(labels(follow.edit)).toContain('✅ Energy')
    expect(shown(follow.edit)).toContain('✅ Energy — 3 releases')

    const unfollow = await h.tap(USER_ID, dataOf(follow.edit, 'Energy'))
    expect(unfollow.answer?.text).toBe('Unfollowed Energy')
    expect(h.store.chats.topicSlugs(USER_ID)).toEqual([])
    expect(labels(unfollow.edit)).toContain('Energy')
    expect(labels(unfollow.edit)).not.toContain('✅ Energy')
  })

  it('asks a chat that never subscribed to /start before following topics', async () => {
    const { last } = await h.say(USER_ID, '/topics')
    expect(shown(last)).toContain('This chat is not subscribed: send /start')
    const tapped = await h.tap(USER_ID, dataOf(last, 'Ports'))
    expect(tapped.answer?.text).toBe(texts.notSubscribedButton)
    expect(count(h.store, 'select count(*) n from subscription_topics')).toBe(0)
  })

  it('pages a long list of topics, and a follow keeps the page in view', async () => {
    await h.say(USER_ID, '/start')
    // 66 more topics (a feed with many categories): 70 in all, three pages of at most 30.
    const feedId = h.store.feeds.list()[0]!.id
    const many = Array.from({ length: 66 }, (_, k) => ({ slug: `region-${k + 1}`, name: `Region ${k + 1}` }))
    h.store.releases.storeFeedItems(
      feedId,
      [{ ...releaseInput, guid: 'regions', contentHash: 'regions', topics: many }],
      { backfill: true, now: Date.now() },
    )
    const first = (await h.say(USER_ID, '/topics')).last
    expect(shown(first)).toContain('page 1 of 3')
    expect(labels(first)).toHaveLength(30 + 1)
    expect(labels(first).at(-1)).toBe('More »')
    expect(JSON.stringify(first!.reply_markup)).not.toContain('[]') // no empty rows

    const second = await h.tap(USER_ID, dataOf(first, 'More »'))
    expect(shown(second.edit)).toContain('page 2 of 3')
    expect(labels(second.edit).slice(-2)).toEqual(['« Back', 'More »'])
    const topicOnPage2 = labels(second.edit)[0]!
    expect(labels(first)).not.toContain(topicOnPage2)

    const followed = await h.tap(USER_ID, dataOf(second.edit, topicOnPage2))
    expect(followed.answer?.text).toBe(`Following ${topicOnPage2}`)
    expect(shown(followed.edit)).toContain('page 2 of 3')
    expect(labels(followed.edit)[0]).toBe(`✅ ${topicOnPage2}`)

    const third = await h.tap(USER_ID, dataOf(second.edit, 'More »'))
    expect(labels(third.edit)).toHaveLength(70 - 60 + 1)
    expect(labels(third.edit).at(-1)).toBe('« Back')
  })

  it('answers a button for a deleted topic politely', async () => {
    await h.say(USER_ID, '/start')
    expect((await h.tap(USER_ID, 'tt:999')).answer?.text).toBe(
      'That topic no longer exists. Send /topics again.',
    )
  })
})

describe('/topic', () => {
  it('shows the latest five in a topic with a follow button that updates in place', async () => {
    await h.say(USER_ID, '/start')
    const { last } = await h.say(USER_ID, '/topic ports')
    const visible = shown(last)
    expect(visible).toMatch(/^🗂 Latest in Ports\n\n1\. Ferry fares frozen for students\n9 Sep 2025/)
    expect(visible.match(/^\d\. /gm)).toHaveLength(5)
    expect(labels(last)).toEqual(['Follow Ports'])

    const tapped = await h.tap(USER_ID, dataOf(last, 'Follow'))
    expect(tapped.answer?.text).toBe('Following Ports')
    expect(labels(tapped.markup)).toEqual(['✅ Following Ports — unfollow'])
    expect(h.store.chats.topicSlugs(USER_ID)).toEqual(['ports'])
    // The name works as well as the slug, in any case.
    expect(labels((await h.say(USER_ID, '/topic PORTS')).last)).toEqual(['✅ Following Ports — unfollow'])
  })

  it('suggests the closest topics for an unknown name', async () => {
    const { last } = await h.say(USER_ID, '/topic enrgy')
    expect(shown(last)).toBe(
      'No topic “enrgy”. Did you mean: energy, ports, finance? See every topic with /topics.',
    )
    expect(shown((await h.say(USER_ID, '/topic')).last)).toContain('Usage: /topic <name>')
  })
})

describe('/latest', () => {
  it('shows 5 by default, n when asked, and explains a bad n', async () => {
    const five = shown((await h.say(USER_ID, '/latest')).last)
    expect(five.match(/^\d+\. /gm)).toHaveLength(5)
    expect(five).toMatch(/^🆕 Latest releases\n\n1\. Ferry fares frozen for students/)
    expect(shown((await h.say(USER_ID, '/latest 2')).last).match(/^\d+\. /gm)).toHaveLength(2)
    expect(shown((await h.say(USER_ID, '/latest 10')).last).match(/^\d+\. /gm)).toHaveLength(10)
    for (const bad of ['0', '11', '-1', 'abc', '2.5']) {
      expect(shown((await h.say(USER_ID, `/latest ${bad}`)).last), bad).toBe(
        'Usage: /latest [n] — n is a number from 1 to 10, e.g. /latest 3.',
      )
    }
  })
})

describe('/settings', () => {
  it('switches the mode and toggles languages, showing the current choice', async () => {
    expect(shown((await h.say(USER_ID, '/settings')).last)).toContain('Send /start first')
    await h.say(USER_ID, '/start')
    const { last } = await h.say(USER_ID, '/settings')
    expect(shown(last)).toContain(
      'Receive: All releases\nLanguages: all languages\nDigest: off (each release as it comes)\nTime zone: UTC',
    )
    expect(labels(last)).toEqual([
      '✅ All releases',
      'Only my topics and alerts',
      // The archive's languages, the most common first, each in its own name.
      'English',
      'Azərbaycan',
      'Русский',
      '✅ All languages',
      '✅ Immediately',
      'Daily digest',
      'Weekly digest',
    ])
    // A language the archive does not hold is no choice, whatever the button data says.
    expect((await h.tap(USER_ID, 'l:de')).answer?.text).toBe(texts.staleButton)
    expect(h.store.chats.subscription(USER_ID)?.languages).toBeNull()

    const topicsOnly = await h.tap(USER_ID, dataOf(last, 'Only my topics'))
    expect(topicsOnly.answer?.text).toBe(
      'You follow no topics and have no alerts yet: pick topics with /topics, or save an /alert.',
    )
    expect(h.store.chats.subscription(USER_ID)?.mode).toBe('topics')
    expect(labels(topicsOnly.edit)).toContain('✅ Only my topics and alerts')

    const english = await h.tap(USER_ID, dataOf(topicsOnly.edit, 'English'))
    expect(h.store.chats.subscription(USER_ID)?.languages).toBe(',en,')
    const plusAz = await h.tap(USER_ID, dataOf(english.edit, 'Azərbaycan'))
    expect(h.store.chats.subscription(USER_ID)?.languages).toBe(',az,en,')
    expect(shown(plusAz.edit)).toContain('Languages: az, en')
    expect(labels(plusAz.edit)).toEqual([
      'All releases',
      '✅ Only my topics and alerts',
      '✅ English',
      '✅ Azərbaycan',
      'Русский',
      'All languages',
      '✅ Immediately',
      'Daily digest',
      'Weekly digest',
    ])
    const minusEn = await h.tap(USER_ID, dataOf(plusAz.edit, 'English'))
    expect(h.store.chats.subscription(USER_ID)?.languages).toBe(',az,')
    await h.tap(USER_ID, dataOf(minusEn.edit, 'All languages'))
    expect(h.store.chats.subscription(USER_ID)?.languages).toBeNull()
    // A feed in another language adds it to the choice, named in that language.
    const feedId = h.store.feeds.list()[0]!.id
    h.store.releases.storeFeedItems(
      feedId,
      [{ ...releaseInput, guid: 'de-1', language: 'de', contentHash: 'de-1' }],
      { backfill: true, now: Date.now() },
    )
    expect(labels((await h.say(USER_ID, '/settings')).last)).toContain('Deutsch')
    const all = await h.tap(USER_ID, 'm:all')
    expect(all.answer?.text).toBe('You will receive all releases.')
    expect(h.store.chats.subscription(USER_ID)?.mode).toBe('all')
  })
})

describe('topic names from feed categories', () => {
  // A feed can put anything in <category>: here 412 characters, with a flag (two surrogate pairs) at the cut.
  const hostile = `Ministry   of\n${'🇦🇿'.repeat(100)}`
  const label = `Ministry of ${'🇦🇿'.repeat(12)}…`

  beforeEach(() => {
    const feedId = h.store.feeds.list()[0]!.id
    h.store.releases.storeFeedItems(
      feedId,
      [{ ...releaseInput, topics: [{ slug: 'hostile', name: hostile }] }],
      {
        backfill: true,
        now: Date.parse('2025-10-06T00:00:00Z'),
      },
    )
  })

  it('are shown cut to 64 characters, on a grapheme boundary, in messages, buttons and answers', async () => {
    expect(label.length).toBeLessThanOrEqual(64)
    await h.say(USER_ID, '/start')
    const { last } = await h.say(USER_ID, '/topics')
    expect(shown(last)).toContain(`▫️ ${label} — 1 release\n`)
    expect(labels(last)).toContain(label)

    const followed = await h.tap(USER_ID, dataOf(last, 'Ministry'))
    expect(followed.answer?.text).toBe(`Following ${label}`)
    expect(labels(followed.edit)).toContain(`✅ ${label}`)

    const topic = await h.say(USER_ID, '/topic hostile')
    expect(shown(topic.last)).toMatch(
      new RegExp(`^🗂 Latest in ${label}\n\n1\\. Night ferry service resumes`, 'u'),
    )
    expect(labels(topic.last)).toEqual([`✅ Following ${label} — unfollow`])

    const search = await h.say(USER_ID, '/search ferry topic:hostile')
    expect(shown(search.last)).toMatch(new RegExp(`^🔎 1–1 of 1 for “ferry”\ntopic ${label}\n`, 'u'))
  })
})
