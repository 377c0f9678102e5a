import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RANK_CANDIDATES } from '../../../src/db/search.ts'
import { translate } from '../../../src/i18n/index.ts'
import { HOSTILE, NIGHT_FERRY, seedLirania } from '../../support/lirania.ts'
import { buttons, dataOf, shown } from '../../support/sent-messages.ts'
import { type BotHarness, createBotHarness, USER_ID } from '../../support/test-app.ts'

let h: BotHarness
beforeEach(async () => {
  h = await createBotHarness()
  seedLirania(h.store)
})
afterEach(() => h.close())

const text = shown
const html = (payload: Record<string, unknown> | undefined) => String(payload?.text ?? '')

describe('/search', () => {
  it('shows the 5 most relevant releases with matched words in bold, and pages with More / Back', async () => {
    const { last } = await h.say(USER_ID, '/search harbour')
    expect(last?.parse_mode).toBe('HTML')
    // Every sample mentions the Harbour Ministry: 12 hits, 5 per page.
    expect(text(last)).toMatch(/^🔎 1–5 of 12 for “harbour”/)
    expect(text(last)).toContain('Harbour dues to stay unchanged in 2025')
    expect(text(last)).toMatch(/Read the release »/)
    expect(buttons(last).map(([label]) => label)).toEqual(['More »', '🔔 Alert me about new ones'])
    // The fake API returns the parsed message: bold entities sit on the matched word.
    expect(html(last)).toContain('<b>Harbour</b>')

    const more = await h.tap(USER_ID, dataOf(last, 'More'))
    expect(more.answer).toBeDefined()
    expect(text(more.edit)).toMatch(/^🔎 6–10 of 12/)
    expect(buttons(more.edit).map(([label]) => label)).toEqual([
      '« Back',
      'More »',
      '🔔 Alert me about new ones',
    ])

    const end = await h.tap(USER_ID, dataOf(more.edit, 'More'))
    expect(text(end.edit)).toMatch(/^🔎 11–12 of 12/)
    expect(buttons(end.edit).map(([label]) => label)).toEqual(['« Back', '🔔 Alert me about new ones'])

    const back = await h.tap(USER_ID, dataOf(end.edit, 'Back'))
    expect(text(back.edit)).toMatch(/^🔎 6–10 of 12/)
    const first = await h.tap(USER_ID, dataOf(back.edit, 'Back'))
    expect(text(first.edit)).toBe(text(last))
  })

  it('applies topic, from and to filters, and shows them', async () => {
    const { last } = await h.say(USER_ID, '/search harbour topic:energy from:2025-03-01 to:2025-07-07')
    // Energy releases: Feb 3 (before from), Apr 1 and Jul 7 (the whole "to" day counts).
    expect(text(last)).toMatch(/^🔎 1–2 of 2 for “harbour”\ntopic Energy · from 2025-03-01 · to 2025-07-07/)
    expect(text(last)).toContain('Offshore wind tender')
    expect(text(last)).toContain('Energy savings programme')
    expect(text(last)).not.toContain('Tidal energy')
    expect(buttons(last)).toEqual([])
  })

  it('lists what the filters alone match, newest first, when no words are given', async () => {
    const { last } = await h.say(USER_ID, '/search topic:energy from:2025-03-01')
    expect(text(last)).toMatch(/^🔎 1–2 of 2, newest first\ntopic Energy · from 2025-03-01/)
    expect(text(last).indexOf('Energy savings programme')).toBeLessThan(
      text(last).indexOf('Offshore wind tender'),
    )
    expect(text((await h.say(USER_ID, '/search from:2030-01-01')).last)).toMatch(
      /^Nothing found \(from 2030-01-01\)\./,
    )
    // Words that hold nothing to search for do not turn the query into a listing.
    expect(text((await h.say(USER_ID, '/search !!! topic:energy')).last)).toMatch(/^Nothing found for “!!!”/)
  })

  it('explains bad dates, reversed ranges and unknown topics', async () => {
    expect(text((await h.say(USER_ID, '/search ferry from:2025-02-30')).last)).toContain(
      '“2025-02-30” is not a date. Write from:YYYY-MM-DD',
    )
    expect(text((await h.say(USER_ID, '/search ferry to:yesterday')).last)).toContain(
      '“yesterday” is not a date',
    )
    expect(text((await h.say(USER_ID, '/search ferry from:2025-05-01 to:2025-01-01')).last)).toContain(
      'from:2025-05-01 is after to:2025-01-01',
    )
    expect(text((await h.say(USER_ID, '/search ferry topic:energi')).last)).toMatch(
      /^No topic “energi”\. Did you mean: energy/,
    )
  })

  it('echoes a huge bad filter or topic name shortened, so the answer still fits one message', async () => {
    // A Telegram message carries up to 4096 characters; the fake API refuses a reply longer than that.
    const badDate = text((await h.say(USER_ID, `/search from:${'y'.repeat(4080)}`)).last)
    expect(badDate).toMatch(/^“y+…” is not a date\. Write from:YYYY-MM-DD/)
    expect(badDate.length).toBeLessThan(200)
    const badTopic = text((await h.say(USER_ID, `/topic ${'x'.repeat(4089)}`)).last)
    expect(badTopic).toMatch(/^No topic “x+…”\. /)
    expect(badTopic.length).toBeLessThan(200)
  })

  it('says "1000+" when more releases match than the search ranks', async () => {
    const feedId = h.store.feeds.list()[0]!.id
    const items = Array.from({ length: RANK_CANDIDATES + 20 }, (_, i) => ({
      ...NIGHT_FERRY,
      guid: `lighthouse-${i}`,
      url: null,
      title: `Lighthouse bulletin ${i}`,
      contentHash: `lighthouse-${i}`,
      topics: [],
    }))
    h.store.releases.storeFeedItems(feedId, items, {
      backfill: true,
      now: Date.parse('2025-10-06T00:00:00Z'),
    })
    const { last } = await h.say(USER_ID, '/search lighthouse')
    expect(text(last)).toMatch(/^🔎 1–5 of 1000\+ for “lighthouse”\n/)
    expect(buttons(last).map(([label]) => label)).toEqual(['More »', '🔔 Alert me about new ones'])
    const more = await h.tap(USER_ID, dataOf(last, 'More'))
    expect(text(more.edit)).toMatch(/^🔎 6–10 of 1000\+ for “lighthouse”\n/)
    // An exact count below the cap stays exact.
    expect(text((await h.say(USER_ID, '/search tidal')).last)).toMatch(/^🔎 1–1 of 1 for/)
  })

  it('explains how to search when the query is empty', async () => {
    const { last } = await h.say(USER_ID, '/search')
    expect(text(last)).toContain('How to search')
    expect(text(last)).toContain('/search budget topic:finance')
  })

  it('says when nothing matches and points to /topics', async () => {
    const { last } = await h.say(USER_ID, '/search zeppelin')
    expect(text(last)).toBe(
      'Nothing found for “zeppelin”.\nTry other words, fewer filters, or browse by topic with /topics.',
    )
  })

  it('answers FTS syntax and stray punctuation without an error', async () => {
    for (const query of [
      '"foo',
      'AND OR (',
      'c++',
      '*',
      'NEAR(a b)',
      'ferry"',
      "title:ferry -'x'",
      '(((',
    ] as const) {
      const { last } = await h.say(USER_ID, `/search ${query}`)
      expect(text(last), query).not.toContain('something went wrong')
      expect(text(last).length, query).toBeGreaterThan(0)
    }
    expect(text((await h.say(USER_ID, '/search "ferry')).last)).toMatch(/^🔎 1–4 of 4 for “"ferry”/)
  })

  it('escapes hostile HTML in releases (the fake API rejects invalid HTML like Telegram)', async () => {
    seedLirania(h.store, [HOSTILE])
    const { last } = await h.say(USER_ID, '/search script alert')
    // The user sees the title exactly as the feed wrote it, as text.
    expect(text(last)).toContain(HOSTILE.title)
    expect(html(last)).not.toContain('<script>')
    const latest = await h.say(USER_ID, '/latest 1')
    expect(text(latest.last)).toContain(HOSTILE.title)
    expect(text(latest.last)).toContain(HOSTILE.summary)
    expect(html(latest.last)).toContain(
      'href="https://press.lirania.example/releases/evil?a=1&amp;b=%3C2%3E"',
    )
  })

  it('carries long queries through an in-memory cache, and says when one expired', async () => {
    const long = 'harbour ministry of lirania said more details follow'
    const { last } = await h.say(USER_ID, `/search ${long}`)
    const more = dataOf(last, 'More')
    expect(more).toMatch(/^q:5:/)
    // The second page of the whole query, read back from the cache.
    expect(text((await h.tap(USER_ID, more)).edit)).toMatch(
      /^🔎 6–10 of 12 for “harbour ministry of lirania said more details follow”\n\n6\. /,
    )

    const expired = await h.tap(USER_ID, 'q:5:gone')
    expect(expired.answer?.text).toBe(translate('en', 'search-expired'))
    expect(expired.edit).toBeUndefined()
  })

  it('keeps long queries per user: another user searching a lot expires only their own buttons', async () => {
    const long = 'harbour ministry of lirania said more details follow'
    const more = dataOf((await h.say(USER_ID, `/search ${long}`)).last, 'More')
    const other = USER_ID + 1
    const theirs: string[] = []
    for (let k = 0; k < 20; k++)
      // Twenty different queries that all find the same releases (the archive is from 2025).
      theirs.push(
        dataOf(
          (await h.say(other, `/search ${long} from:1990-01-${String(k + 1).padStart(2, '0')}`)).last,
          'More',
        ),
      )
    expect(more.split('.')[0]).not.toBe(theirs[0]!.split('.')[0]) // each in its owner's share
    const mine = await h.tap(USER_ID, more)
    expect(mine.answer?.text).toBeUndefined()
    expect(text(mine.edit)).toContain('6–')
    // Their share holds their 16 latest searches: their first button expired, their last still pages.
    expect((await h.tap(other, theirs[0]!)).answer?.text).toBe(translate('en', 'search-expired'))
    expect(text((await h.tap(other, theirs[19]!)).edit)).toMatch(
      /^🔎 6–10 of 12 for “harbour ministry of lirania said more details follow”\nfrom 1990-01-20\n/,
    )
  })

  it('answers forged or stale buttons politely, never with an error', async () => {
    await h.say(USER_ID, '/search harbour')
    for (const data of [
      's:99999:aGFyYm91cg',
      's:x:y',
      'nonsense',
      'tt:abc',
      'l:deutsch',
      'bc:1',
      'q:5:',
      '',
    ]) {
      const tapped = await h.tap(USER_ID, data || ' ')
      expect(tapped.answer?.text, data).toBe(translate('en', 'button-stale'))
    }
    // Past the last page (results changed since): a short answer, the message stays.
    const past = await h.tap(USER_ID, `s:500:${Buffer.from('harbour').toString('base64url')}`)
    expect(past.answer?.text).toBe('No more results.')
    expect(h.logs.join('')).not.toContain('handler failed')
  })
})
