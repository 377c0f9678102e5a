import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Store } from '../../src/db/index.ts'
import { presetSource, storedSourceJson } from '../../src/feed/html/presets.ts'
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

/** The three language editions of president.az, as an operator adds them with the preset. */
function addPresident(store: Store): number[] {
  return ['en', 'ru', 'az'].map((language) => {
    const preset = presetSource('president.az', `https://president.az/${language}/news/category/all/1`)
    if (!preset.ok) throw new Error(preset.error)
    return store.feeds.add({
      url: preset.url,
      name: 'President of Azerbaijan',
      sourceConfig: storedSourceJson(preset.source),
    }).feed.id
  })
}

/** Stores new releases of one feed the real way (fanned out in the transaction that stores them). */
function publishOn(store: Store, feedId: number, titles: string[], language = 'en'): void {
  store.releases.storeFeedItems(
    feedId,
    titles.map((title) => releaseInput({ title, language })),
    { backfill: false, now: Date.now() },
  )
}

/** The pushes (messages with a push's "⋯") to the user since `before` messages, tags stripped. */
const pushesSince = (before: number) =>
  h.api
    .callsOf('sendMessage')
    .filter((c) => Number(c.payload.chat_id) === USER_ID)
    .slice(before)
    .filter((c) => buttons(c.payload).some(([, data]) => data.startsWith('pm:')))
    .map((c) => String(c.payload.text).replace(/<[^>]+>/g, ''))

describe('following a source', () => {
  it('lists a publisher once with its editions, and in "only what I follow" brings its releases and not another’s', async () => {
    storeReleases(h.store, []) // the Northvale feed
    const president = addPresident(h.store)
    await h.say(USER_ID, '/start')
    const list = await h.say(USER_ID, '/sources')
    expect(shown(list.last)).toContain('President of Azerbaijan — en · ru · az')
    expect(shown(list.last).match(/President of Azerbaijan/g)).toHaveLength(1)
    expect(shown(list.last)).toContain('Northvale')

    const followed = await h.tap(USER_ID, dataOf(list.last, 'Follow President of Azerbaijan'))
    expect(followed.answer?.text).toBe('Following President of Azerbaijan — en · ru · az')
    expect(buttons(followed.edit).map(([text]) => text)).toContain(
      '✅ President of Azerbaijan — en · ru · az — unfollow',
    )
    const settings = await h.say(USER_ID, '/settings')
    await h.tap(USER_ID, dataOf(settings.last, 'Only what I follow'))

    const before = sentTexts(h, USER_ID).length
    publishOn(h.store, president[1]!, ['Президент принял посла'], 'ru')
    storeReleases(h.store, [releaseInput({ title: 'Northvale budget approved' })])
    await h.sender.drain()
    const pushes = pushesSince(before)
    expect(pushes).toHaveLength(1)
    expect(pushes[0]).toContain('Президент принял посла')

    // Unfollowed, the publisher's next release does not come either.
    const again = await h.say(USER_ID, '/sources')
    await h.tap(USER_ID, dataOf(again.last, 'President of Azerbaijan — en · ru · az — unfollow'))
    publishOn(h.store, president[0]!, ['President received the ambassador'])
    await h.sender.drain()
    expect(pushesSince(before)).toHaveLength(1)
  })
})

describe('the menu of a push', () => {
  it('mutes the source in two taps: its next release is not delivered; unmuting in /sources restores it', async () => {
    const [other] = addPresident(h.store)
    await h.say(USER_ID, '/start')
    storeReleases(h.store, [releaseInput({ title: 'Northvale opens a ferry line' })])
    await h.sender.drain()
    const push = h.api.callsOf('sendMessage').at(-1)!.payload
    expect(buttons(push).map(([text]) => text)).toEqual(['Read the full release', '⋯'])

    const menu = await h.tap(USER_ID, dataOf(push, '⋯'))
    expect(menu.edit).toBeUndefined() // the text stays: only the keyboard is edited
    expect(buttons(menu.markup).map(([text]) => text)).toEqual([
      '🔇 Mute Northvale',
      'Follow Economy',
      '« Back',
    ])
    for (const [, data] of buttons(menu.markup)) expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64)
    const muted = await h.tap(USER_ID, dataOf(menu.markup, 'Mute Northvale'))
    expect(muted.answer?.text).toBe('Muted Northvale: nothing more from it. Undo in /sources.')
    expect(buttons(muted.markup).map(([text]) => text)).toEqual(['Read the full release', '⋯'])

    const before = sentTexts(h, USER_ID).length
    storeReleases(h.store, [releaseInput({ title: 'Northvale closes the old quay' })])
    publishOn(h.store, other!, ['President received the ambassador'])
    await h.sender.drain()
    expect(pushesSince(before)).toEqual([expect.stringContaining('President received the ambassador')])

    // The way back is in /settings: its Sources button opens the list, muted sources marked.
    const settings = await h.say(USER_ID, '/settings')
    const list = await h.tap(USER_ID, dataOf(settings.last, '📰 Sources'))
    expect(shown(list.edit)).toContain('🔇 Northvale')
    const unmuted = await h.tap(USER_ID, dataOf(list.edit, 'Northvale — unmute'))
    expect(unmuted.answer?.text).toBe('Unmuted Northvale')
    storeReleases(h.store, [releaseInput({ title: 'Northvale reopens the old quay' })])
    await h.sender.drain()
    expect(pushesSince(before).at(-1)).toContain('Northvale reopens the old quay')
  })

  it('follows a topic of the push, and "back" puts the push’s own buttons back', async () => {
    await h.say(USER_ID, '/start')
    storeReleases(h.store, [releaseInput({ title: 'Northvale opens a ferry line' })])
    await h.sender.drain()
    const push = h.api.callsOf('sendMessage').at(-1)!.payload
    const menu = await h.tap(USER_ID, dataOf(push, '⋯'))
    const back = await h.tap(USER_ID, dataOf(menu.markup, 'Back'))
    expect(buttons(back.markup).map(([text]) => text)).toEqual(['Read the full release', '⋯'])
    expect(h.store.chats.topicSlugs(USER_ID)).toEqual([])

    const followed = await h.tap(USER_ID, dataOf(menu.markup, 'Follow Economy'))
    expect(followed.answer?.text).toBe('Following Economy')
    expect(h.store.chats.topicSlugs(USER_ID)).toEqual(['economy'])
    const reopened = await h.tap(USER_ID, dataOf(push, '⋯'))
    expect(buttons(reopened.markup).map(([text]) => text)).toContain('✅ Unfollow Economy')
  })

  it('answers forged or stale menu data without changing anything', async () => {
    await h.say(USER_ID, '/start')
    const stale = await h.tap(USER_ID, 'pz:999999')
    expect(stale.answer?.text).toBeTruthy()
    expect(h.store.sources.states(USER_ID).size).toBe(0)
  })
})
