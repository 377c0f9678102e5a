import type { InlineQueryResultArticle } from 'grammy/types'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { releaseInput, storeReleases } from '../../support/releases.ts'
import { buttons, dataOf, shown } from '../../support/sent-messages.ts'
import { type BotHarness, createBotHarness, USER_ID } from '../../support/test-app.ts'
import { count } from '../../support/test-store.ts'

/**
 * Readers search in their own language and word forms (releases written for these tests): a Russian reader's
 * nominative finds the locative, an Azerbaijani reader typing without Azerbaijani letters finds the text with
 * them, phrases and exclusions work in /search, a query that finds nothing suggests the archive's own words, and
 * a search turns into an alert that fires on the next release in another form of its word.
 */
let h: BotHarness
beforeEach(async () => {
  h = await createBotHarness()
  storeReleases(h.store, [
    releaseInput({
      title: 'Министр провёл встречу в Карабахе',
      language: 'ru',
      summary: 'Встреча прошла днём в Ханкенди.',
    }),
    releaseInput({
      title: 'Prezident Əliyev Şuşada yeni məktəbin açılışında iştirak edib',
      language: 'az',
      summary: 'Məktəb 960 şagird üçündür.',
    }),
    releaseInput({
      title: 'Peace treaty talks resume in Veldor',
      summary: 'Delegations met in the capital.',
    }),
    releaseInput({
      title: 'Peace treaty with Armenia discussed',
      summary: 'The peace treaty draft was read.',
    }),
    releaseInput({ title: 'Treaty on peace and ports signed', summary: 'Harbours reopen.' }),
  ])
})
afterEach(() => h.close())

const ru = { from: { language_code: 'ru' } }

describe('search in the readers’ languages', () => {
  it('finds "Карабахе" for a Russian reader’s /search Карабах, and "днём" for днем', async () => {
    const { last } = await h.say(USER_ID, '/search Карабах', ru)
    expect(shown(last)).toContain('Министр провёл встречу в Карабахе')
    // ё and е are one letter to search: "днем" finds "днём", marked in the text as it is written.
    const day = (await h.say(USER_ID, '/search днем', ru)).last
    expect(shown(day)).toContain('Министр провёл встречу')
    expect(String(day?.text)).toContain('<b>днём</b>')
  })

  it('finds "Əliyev Şuşada" for an Azerbaijani reader’s inline "Eliyev Susa"', async () => {
    await h.bot.handleUpdate(h.api.inlineQuery(USER_ID, 'Eliyev Susa', { from: { language_code: 'az' } }))
    const results = h.api.lastPayload('answerInlineQuery')?.results as InlineQueryResultArticle[]
    expect(results.map((r) => r.title)).toEqual([
      'Prezident Əliyev Şuşada yeni məktəbin açılışında iştirak edib',
    ])
  })

  it('honours a "phrase" and an -exclusion in /search', async () => {
    const { last } = await h.say(USER_ID, '/search "peace treaty" -Armenia')
    expect(shown(last)).toMatch(/^🔎 1–1 of 1 for “"peace treaty" -Armenia”/)
    expect(shown(last)).toContain('Peace treaty talks resume in Veldor')
    // Without the phrase, the words in any order; without the exclusion, Armenia's too.
    expect(shown((await h.say(USER_ID, '/search peace treaty')).last)).toMatch(/^🔎 1–3 of 3/)
  })

  it('suggests the archive’s own word for a query that finds nothing, one tap to search it', async () => {
    const { last } = await h.say(USER_ID, '/search Карабхе', ru)
    expect(shown(last)).toMatch(/^По запросу «Карабхе» ничего не найдено/)
    expect(shown(last)).toContain('Возможно, вы имели в виду «карабахе»?')
    const tapped = await h.tap(USER_ID, dataOf(last, 'карабахе'), ru)
    expect(shown(tapped.edit)).toContain('Министр провёл встречу в Карабахе')
    // Words that are nowhere near any word of the archive get no suggestion.
    expect(shown((await h.say(USER_ID, '/search zzzzqqq')).last)).not.toContain('Did you mean')
  })

  it('turns a search into an alert that fires on a new release in another form of its word', async () => {
    await h.say(USER_ID, '/start', ru)
    const { last } = await h.say(USER_ID, '/search Карабах', ru)
    const alertButton = buttons(last).find(([label]) => label.startsWith('🔔'))
    expect(alertButton?.[0]).toBe('🔔 Сообщать о новых')
    await h.tap(USER_ID, alertButton![1], ru)
    expect(shown(h.api.lastPayload('sendMessage'))).toContain('«Карабах»')
    expect(h.store.alerts.list(USER_ID).map((a) => a.query)).toEqual(['Карабах'])
    h.store.chats.setMode(USER_ID, 'topics')
    const [about, other] = storeReleases(h.store, [
      releaseInput({ title: 'Восстановление Карабаха продолжается', language: 'ru' }),
      releaseInput({ title: 'Новый порт открыт', language: 'ru' }),
    ])
    const queued = (id: number | undefined) =>
      count(h.store, 'SELECT count(*) AS n FROM deliveries WHERE chat_id = ? AND ref_id = ?', USER_ID, id)
    expect(queued(about)).toBe(1)
    expect(queued(other)).toBe(0)
  })

  it('says why a query with dates cannot become an alert, and offers no button for it', async () => {
    await h.say(USER_ID, '/start')
    const { last } = await h.say(USER_ID, '/search treaty from:2020-01-01')
    expect(buttons(last).some(([label]) => label.startsWith('🔔'))).toBe(false)
    const refused = await h.say(USER_ID, '/alert treaty from:2020-01-01')
    expect(shown(refused.last)).toContain('An alert cannot use “from:”')
  })
})
