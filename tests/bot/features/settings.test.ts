import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { toggleLanguage } from '../../../src/bot/features/settings.ts'
import { translate } from '../../../src/i18n/index.ts'
import { NIGHT_FERRY, seedLirania } from '../../support/lirania.ts'
import { buttons, dataOf, shown } from '../../support/sent-messages.ts'
import { type BotHarness, createBotHarness, USER_ID } from '../../support/test-app.ts'

let h: BotHarness
beforeEach(async () => {
  h = await createBotHarness()
  seedLirania(h.store)
})
afterEach(() => h.close())

const labels = (payload: Record<string, unknown> | undefined) => buttons(payload).map(([label]) => label)

describe('/settings', () => {
  it('switches the mode and toggles languages, showing the current choice', async () => {
    expect(shown((await h.say(USER_ID, '/settings')).last)).toContain('Send /start first')
    await h.say(USER_ID, '/start')
    const { last } = await h.say(USER_ID, '/settings')
    expect(shown(last)).toContain(
      'Receive: All releases\nLanguages: all languages\nDigest: off (each release as it comes)\nTime zone: UTC (/timezone)\nBot language: English',
    )
    expect(labels(last)).toEqual([
      '✅ All releases',
      'Only what I follow',
      // The archive's languages, the most common first, each in its own name.
      'English',
      'Azərbaycanca',
      'Русский',
      '✅ All languages',
      '✅ Immediately',
      'Daily digest',
      'Weekly digest',
      // The bot's own language, last.
      '✅ 🗣 English',
      '🗣 Русский',
      '🗣 Azərbaycanca',
      '✅ ✏️ “Updated” replies',
      '📰 Sources',
    ])
    // A language the archive does not hold is no choice, whatever the button data says.
    expect((await h.tap(USER_ID, 'l:de')).answer?.text).toBe(translate('en', 'button-stale'))
    expect(h.store.chats.subscription(USER_ID)?.languages).toBeNull()

    const topicsOnly = await h.tap(USER_ID, dataOf(last, 'Only what I follow'))
    expect(topicsOnly.answer?.text).toBe(
      'You follow no topics, sources or alerts yet: pick topics with /topics, sources with /sources, or save an /alert.',
    )
    expect(h.store.chats.subscription(USER_ID)?.mode).toBe('topics')
    expect(labels(topicsOnly.edit)).toContain('✅ Only what I follow')

    const english = await h.tap(USER_ID, dataOf(topicsOnly.edit, 'English'))
    expect(h.store.chats.subscription(USER_ID)?.languages).toBe(',en,')
    const plusAz = await h.tap(USER_ID, dataOf(english.edit, 'Azərbaycanca'))
    expect(h.store.chats.subscription(USER_ID)?.languages).toBe(',az,en,')
    expect(shown(plusAz.edit)).toContain('Languages: az, en')
    expect(labels(plusAz.edit)).toEqual([
      'All releases',
      '✅ Only what I follow',
      '✅ English',
      '✅ Azərbaycanca',
      'Русский',
      'All languages',
      '✅ Immediately',
      'Daily digest',
      'Weekly digest',
      '✅ 🗣 English',
      '🗣 Русский',
      '🗣 Azərbaycanca',
      '✅ ✏️ “Updated” replies',
      '📰 Sources',
    ])
    const minusEn = await h.tap(USER_ID, dataOf(plusAz.edit, 'English'))
    expect(h.store.chats.subscription(USER_ID)?.languages).toBe(',az,')
    await h.tap(USER_ID, dataOf(minusEn.edit, 'All languages'))
    expect(h.store.chats.subscription(USER_ID)?.languages).toBeNull()
    // A feed in another language adds it to the choice, named in that language.
    const feedId = h.store.feeds.list()[0]!.id
    h.store.releases.storeFeedItems(
      feedId,
      [{ ...NIGHT_FERRY, guid: 'de-1', language: 'de', contentHash: 'de-1' }],
      { backfill: true, now: Date.now() },
    )
    expect(labels((await h.say(USER_ID, '/settings')).last)).toContain('Deutsch')
    const all = await h.tap(USER_ID, 'm:all')
    expect(all.answer?.text).toBe('You will receive all releases.')
    expect(h.store.chats.subscription(USER_ID)?.mode).toBe('all')
  })
})

describe('toggleLanguage', () => {
  it('toggleLanguage', () => {
    expect(toggleLanguage(null, 'en')).toEqual(['en'])
    expect(toggleLanguage(['en'], 'ru')).toEqual(['en', 'ru'])
    expect(toggleLanguage(['en', 'ru'], 'en')).toEqual(['ru'])
    expect(toggleLanguage(['ru'], 'ru')).toBeNull()
    expect(toggleLanguage(['ru'], 'all')).toBeNull()
  })
})
