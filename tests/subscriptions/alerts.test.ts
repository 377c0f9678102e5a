import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { releaseInput, storeReleases } from '../support/releases.ts'
import { buttons, dataOf, sentTexts, shown } from '../support/sent-messages.ts'
import { createSubscriptionHarness, USER_ID } from '../support/test-app.ts'

let h: Awaited<ReturnType<typeof createSubscriptionHarness>>
beforeEach(async () => {
  h = await createSubscriptionHarness()
})
afterEach(async () => {
  await h.close()
})

describe('keyword alerts', () => {
  it('an alert with an excluded word brings only the right releases, and says which alert matched', async () => {
    await h.say(USER_ID, '/start')
    const saved = await h.say(USER_ID, '/alert harbour* -ferry')
    // The chat still receives everything: the reply says so and offers the switch.
    expect(shown(saved.last)).toContain('Alert saved: “harbour* -ferry”')
    expect(shown(saved.last)).toContain('this chat receives all releases')
    const switched = await h.tap(USER_ID, dataOf(saved.last, 'Only what I follow'))
    expect(switched.answer?.text).toBe(
      'You will receive only releases in your topics, from your sources or matching your alerts.',
    )
    expect(h.store.chats.subscription(USER_ID)?.mode).toBe('topics')

    const before = sentTexts(h, USER_ID).length
    storeReleases(h.store, [
      releaseInput({ title: 'New harbours open on the Grey Sound coast' }),
      releaseInput({ title: 'Harbour ferry timetable changes for winter' }),
      releaseInput({ title: 'Budget for schools approved' }),
      releaseInput({ title: 'Érdős harbour master appointed', language: 'en' }),
    ])
    await h.sender.drain()
    const pushes = sentTexts(h, USER_ID)
      .slice(before)
      .map((t) => t.replace(/<[^>]+>/g, ''))
    expect(pushes).toHaveLength(2)
    expect(pushes[0]).toContain('New harbours open on the Grey Sound coast')
    expect(pushes[1]).toContain('Érdős harbour master appointed')
    for (const push of pushes) expect(push).toMatch(/^🔔 Alert: harbour\* -ferry\n/)
  })

  it('lists alerts with a delete button each, refuses duplicates and the 21st, and deleting stops matches', async () => {
    await h.say(USER_ID, '/start')
    expect(shown((await h.say(USER_ID, '/alerts')).last)).toContain('No alerts yet')
    expect(shown((await h.say(USER_ID, '/alert -ferry')).last)).toBe(
      'An alert needs at least one word to look for, not only words to exclude.',
    )
    await h.say(USER_ID, '/alert wind farm')
    expect(shown((await h.say(USER_ID, '/alert  wind   farm ')).last)).toBe(
      'You already have the alert “wind farm”.',
    )
    for (let k = 2; k <= 20; k++) await h.say(USER_ID, `/alert topic${k}word`)
    expect(shown((await h.say(USER_ID, '/alert one too many')).last)).toBe(
      'This chat already has 20 alerts, the most it can have. Delete one with /alerts first.',
    )
    const list = await h.say(USER_ID, '/alerts')
    expect(shown(list.last)).toMatch(
      /^Your alerts \(20 of 20; tap to delete\)\n\n1\. wind farm\n2\. topic2word/,
    )
    expect(buttons(list.last)).toHaveLength(20)
    const deleted = await h.tap(USER_ID, dataOf(list.last, 'wind farm'))
    expect(deleted.answer?.text).toBe('Alert deleted.')
    expect(buttons(deleted.edit)).toHaveLength(19)
    // A forged button for the same id deletes nothing more.
    expect((await h.tap(USER_ID, dataOf(list.last, 'wind farm'))).answer?.text).toBe(
      'That alert was already deleted.',
    )

    h.store.chats.setMode(USER_ID, 'topics')
    const before = sentTexts(h, USER_ID).length
    storeReleases(h.store, [releaseInput({ title: 'Wind farm approved off Kessby' })])
    await h.sender.drain()
    expect(sentTexts(h, USER_ID).slice(before)).toHaveLength(0)
  })

  it('an alert limited to a topic matches only releases in it; an unknown topic is refused', async () => {
    await h.say(USER_ID, '/start')
    storeReleases(h.store, [releaseInput({ title: 'Seed', topics: [{ slug: 'energy', name: 'Energy' }] })])
    await h.sender.drain()
    expect(shown((await h.say(USER_ID, '/alert grid topic:nosuch')).last)).toContain('No topic “nosuch”')
    await h.say(USER_ID, '/alert grid topic:energy')
    h.store.chats.setMode(USER_ID, 'topics')
    const before = sentTexts(h, USER_ID).length
    storeReleases(h.store, [
      releaseInput({ title: 'Grid upgrade for the port', topics: [{ slug: 'economy', name: 'Economy' }] }),
      releaseInput({ title: 'Grid upgrade for wind power', topics: [{ slug: 'energy', name: 'Energy' }] }),
    ])
    await h.sender.drain()
    const pushes = sentTexts(h, USER_ID).slice(before)
    expect(pushes).toHaveLength(1)
    expect(pushes[0]).toContain('Grid upgrade for wind power')
  })
})
