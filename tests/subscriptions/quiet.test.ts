import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseQuietHours } from '../../src/bot/features/quiet.ts'
import { dataOf, shown } from '../support/sent-messages.ts'
import { createSubscriptionHarness, USER_ID } from '../support/test-app.ts'

let h: Awaited<ReturnType<typeof createSubscriptionHarness>>
beforeEach(async () => {
  h = await createSubscriptionHarness()
})
afterEach(async () => {
  await h.close()
})

describe('/quiet', () => {
  it('shows the sound, switches it with a tap, sets the hours and lets alerts ring anyway', async () => {
    await h.say(USER_ID, '/start')
    const view = await h.say(USER_ID, '/quiet')
    expect(shown(view.last)).toContain('Now: with sound\nQuiet hours: 22:00–08:00 (UTC, /timezone)')
    const hold = await h.tap(USER_ID, dataOf(view.last, 'Hold at night'))
    expect(shown(hold.edit)).toContain('Now: held during quiet hours, sent when they end')
    expect(h.store.chats.subscription(USER_ID)?.sound).toBe('hold')
    const ring = await h.tap(USER_ID, dataOf(hold.edit, 'Alerts ring anyway'))
    expect(shown(ring.edit)).toContain('Alerts ring anyway: yes')

    const set = await h.say(USER_ID, '/quiet 23:30-07:15')
    expect(shown(set.last)).toContain('Quiet hours: 23:30–07:15')
    expect(h.store.chats.subscription(USER_ID)).toMatchObject({
      quietStart: 1410,
      quietEnd: 435,
      sound: 'hold',
    })
    const bad = await h.say(USER_ID, '/quiet 25:00-07:00')
    expect(shown(bad.last)).toContain('“25:00-07:00” is not a span of hours')
    expect(h.store.chats.subscription(USER_ID)?.quietStart).toBe(1410)
  })

  it('turns "Updated" replies off and on again from /settings', async () => {
    await h.say(USER_ID, '/start')
    expect(h.store.chats.subscription(USER_ID)?.updateNotices).toBe(true)
    const settings = await h.say(USER_ID, '/settings')
    const off = await h.tap(USER_ID, dataOf(settings.last, '“Updated” replies'))
    expect(off.answer?.text).toBe('Changed releases are edited without an “Updated” reply.')
    expect(h.store.chats.subscription(USER_ID)?.updateNotices).toBe(false)
    const on = await h.tap(USER_ID, dataOf(off.edit, '“Updated” replies'))
    expect(on.answer?.text).toBe(
      'You will get a short “Updated” reply when a release you got changes substantially.',
    )
    expect(h.store.chats.subscription(USER_ID)?.updateNotices).toBe(true)
  })

  it('reads a span of hours, and nothing else', () => {
    expect(parseQuietHours('22:00-08:00')).toEqual({ start: 1320, end: 480 })
    expect(parseQuietHours('9:05 – 17:30')).toEqual({ start: 545, end: 1050 })
    for (const bad of ['22:00', '22:00-22:00', '24:00-08:00', '22:60-08:00', 'night'])
      expect(parseQuietHours(bad)).toBeUndefined()
  })
})
