import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { translate } from '../../../src/i18n/index.ts'
import { levenshtein } from '../../support/levenshtein.ts'
import { NIGHT_FERRY, seedLirania } from '../../support/lirania.ts'
import { buttons, dataOf, shown } from '../../support/sent-messages.ts'
import { type BotHarness, createBotHarness, USER_ID } from '../../support/test-app.ts'
import { count } from '../../support/test-store.ts'

let h: BotHarness
beforeEach(async () => {
  h = await createBotHarness()
  seedLirania(h.store)
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
    expect(tapped.answer?.text).toBe(translate('en', 'button-not-subscribed'))
    expect(count(h.store, 'select count(*) n from subscription_topics')).toBe(0)
  })

  it('pages a long list of topics, and a follow keeps the page in view', async () => {
    await h.say(USER_ID, '/start')
    // 66 more topics (a feed with many categories): 70 in all, three pages of at most 30.
    const feedId = h.store.feeds.list()[0]!.id
    const many = Array.from({ length: 66 }, (_, k) => ({ slug: `region-${k + 1}`, name: `Region ${k + 1}` }))
    h.store.releases.storeFeedItems(
      feedId,
      [{ ...NIGHT_FERRY, guid: 'regions', contentHash: 'regions', topics: many }],
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
    expect(shown(last)).toBe('No topic “enrgy”. Did you mean: energy? See every topic with /topics.')
    expect(shown((await h.say(USER_ID, '/topic')).last)).toContain('Usage: /topic <name>')
  })

  it('among 2,000 topics, suggests the same as a full ranking would, and answers a 4,000-character name at once', async () => {
    const words = ['harbour', 'ferry', 'tidal', 'budget', 'school', 'grain', 'saltmere', 'verran']
    const many = Array.from({ length: 2000 }, (_, k) => {
      const name = `${words[k % 8]} ${words[(k >> 3) % 8]} district ${k}`
      return { slug: name.replaceAll(' ', '-'), name: name[0]!.toUpperCase() + name.slice(1) }
    })
    // As a feed's categories would leave them (stored in bulk: the lookup reads the topics table alone).
    const insert = h.store.db.$client.prepare('INSERT INTO topics (slug, name) VALUES (@slug, @name)')
    h.store.db.$client.transaction(() => {
      for (const topic of many) insert.run(topic)
    })()
    const all = h.store.db.$client.prepare('SELECT slug, name FROM topics').all() as Array<{
      slug: string
      name: string
    }>
    expect(all.length).toBe(2004)
    // The reference: every distance in full, then only those within reach (a third of the typed length, at
    // least 2): farther names are not offered.
    const reference = (typed: string) =>
      all
        .map((t) => {
          const name = t.name.toLowerCase()
          const contains = t.slug.includes(typed) || name.includes(typed)
          return {
            slug: t.slug,
            score: contains ? -1 : Math.min(levenshtein(typed, t.slug), levenshtein(typed, name)),
          }
        })
        .filter((t) => t.score <= Math.max(2, Math.ceil(typed.length / 3)))
        .sort((a, b) => a.score - b.score || a.slug.localeCompare(b.slug))
        .slice(0, 3)
        .map((t) => t.slug)
    for (const typed of ['harbor-fery-district-9', 'tidal budget distrct 1234', 'enrgy'])
      expect(
        h.store.topics.closest(typed).map((t) => t.slug),
        typed,
      ).toEqual(reference(typed))
    expect(h.store.topics.closest('harbor-fery-district-9')).toHaveLength(3)
    const near = shown((await h.say(USER_ID, '/topic ferry harbur district 1')).last)
    expect(near).toBe(
      `No topic “ferry harbur district 1”. Did you mean: ${reference('ferry harbur district 1').join(', ')}? See every topic with /topics.`,
    )

    const huge = 'harbour '.repeat(500)
    const long = shown((await h.say(USER_ID, `/topic ${huge}`)).last)
    expect(long).toMatch(/^No topic “[a-z ]+…”\. Topic names are at most 64 characters: send \/topics/)
    const search = shown((await h.say(USER_ID, `/search ferry topic:${'x'.repeat(4000)}`)).last)
    expect(search).toMatch(/^No topic “x+…”\. Topic names are at most 64 characters/)
    // A name of exactly 64 characters is still looked up (nothing is near this one).
    const slug64 = `${'a'.repeat(60)}-xyz`
    expect(shown((await h.say(USER_ID, `/topic ${slug64}`)).last)).toBe(
      `No topic “${slug64}”. See the list with /topics.`,
    )
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
      [{ ...NIGHT_FERRY, topics: [{ slug: 'hostile', name: hostile }] }],
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
