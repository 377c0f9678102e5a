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

// The fake Bot API gives @lirania_news this id (see chatFor in tests/support/fake-bot-api.ts).
const CHANNEL = -1001000000000 - 'lirania_news'.length
const OTHER_USER = 777

describe('channel settings from the admin’s private chat', () => {
  it('/channels lists the channels one subscribed; their settings change only while one is an admin', async () => {
    expect(shown((await h.say(USER_ID, '/channels')).last)).toContain('You have not subscribed any channel')
    h.admins(USER_ID, h.api.botInfo.id)
    await h.say(USER_ID, '/subscribe_channel @lirania_news')
    expect(h.store.chats.get(CHANNEL)?.subscribedBy).toBe(USER_ID)
    // Another user's /channels does not list it.
    expect(shown((await h.say(OTHER_USER, '/channels')).last)).toContain(
      'You have not subscribed any channel',
    )

    const list = await h.say(USER_ID, '/channels')
    expect(shown(list.last)).toBe('Your channels (1): tap one to change what it receives.')
    const opened = await h.tap(USER_ID, dataOf(list.last, 'lirania_news'))
    expect(shown(opened.edit)).toMatch(/^📣 lirania_news\nSettings\n\nReceive: All releases\n/)
    expect(buttons(opened.edit).map(([label]) => label)).toContain('🔔 Alerts')

    // A topic, the mode and a daily digest, for the channel (the admin's own chat has no subscription at all).
    storeReleases(h.store, [
      releaseInput({ title: 'Seed release', topics: [{ slug: 'energy', name: 'Energy' }] }),
    ])
    await h.sender.drain()
    const topics = await h.tap(USER_ID, dataOf(opened.edit, 'Topics'))
    const followed = await h.tap(USER_ID, dataOf(topics.edit, 'Energy'))
    expect(followed.answer?.text).toBe('Following Energy')
    expect(h.store.chats.topicSlugs(CHANNEL)).toEqual(['energy'])
    const filtered = await h.tap(USER_ID, dataOf(opened.edit, 'Only what I follow'))
    expect(filtered.answer?.text).toBe(
      'You will receive only releases in your topics, from your sources or matching your alerts.',
    )
    expect(h.store.chats.subscription(CHANNEL)?.mode).toBe('topics')
    expect(h.store.chats.subscription(USER_ID)).toBeUndefined()

    // An alert for the channel, from the private chat.
    expect(shown((await h.say(USER_ID, '/channel_alert @lirania_news lighthouse')).last)).toContain(
      'Alert saved: “lighthouse”',
    )
    const before = sentTexts(h, CHANNEL).length
    storeReleases(h.store, [
      releaseInput({ title: 'Lighthouse restored', topics: [] }),
      releaseInput({ title: 'Wind park grid link', topics: [{ slug: 'energy', name: 'Energy' }] }),
      releaseInput({ title: 'School year starts', topics: [] }),
    ])
    await h.sender.drain()
    const pushed = sentTexts(h, CHANNEL)
      .slice(before)
      .map((t) => t.replace(/<[^>]+>/g, ''))
    expect(pushed).toHaveLength(2)
    expect(pushed[0]).toMatch(/^🔔 Alert: lighthouse\nLighthouse restored/)
    expect(pushed[1]).toMatch(/^Wind park grid link/)

    const daily = await h.tap(USER_ID, dataOf(opened.edit, 'Daily digest'))
    expect(daily.answer?.text).toBe('Digest: daily at 08:00 (UTC)')
    expect(shown(daily.edit)).toContain('Digest: daily at 08:00 (UTC)')

    // No longer an admin: every change is refused and nothing changes.
    h.admins(h.api.botInfo.id)
    const refused = await h.tap(USER_ID, dataOf(opened.edit, 'Immediately'))
    expect(refused.answer?.text).toBe('You are no longer an admin of that channel, so you can’t change it.')
    expect(h.store.chats.subscription(CHANNEL)?.digest).toBe('daily')
    expect(shown((await h.say(USER_ID, '/channel_alert @lirania_news ferry')).last)).toBe(
      'You are no longer an admin of that channel, so you can’t change it.',
    )
    // A forged button for a channel one never subscribed is refused the same way.
    expect((await h.tap(USER_ID, 'm:all:-1001999999999')).answer?.text).toBe(
      'That channel is no longer subscribed.',
    )
  })
})
