import type { InlineQueryResultArticle } from 'grammy/types'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReleaseInput } from '../../src/db/releases-repository.ts'
import { releaseInput } from '../support/releases.ts'
import { shown } from '../support/sent-messages.ts'
import { type BotHarness, createBotHarness, USER_ID } from '../support/test-app.ts'

let h: BotHarness
beforeEach(async () => {
  h = await createBotHarness()
  // One news item in three editions (one feed each, as the editions of a press page are), and one item alone.
  const edition = (language: string, title: string, summary: string): ReleaseInput =>
    releaseInput({
      guid: '7100',
      url: `https://press.northvale.example/${language}/articles/view/7100`,
      title,
      publishedAt: Date.UTC(2026, 10, 18, 11),
      language,
      summary,
      contentHash: `hash:${language}`,
      translationKey: 'northvale:7100',
      topics: [],
    })
  const editions = [
    edition(
      'en',
      'Governor opened the Grey Sound bridge',
      'The Grey Sound bridge links Port Ellis with the islands.',
    ),
    edition('ru', 'Губернатор открыла мост Grey Sound', 'Мост Grey Sound соединил Порт-Эллис с островами.'),
    edition(
      'az',
      'Qubernator Grey Sound körpüsünü açıb',
      'Grey Sound körpüsü Port-Ellisi adalarla birləşdirir.',
    ),
  ]
  for (const release of editions) {
    const { feed } = h.store.feeds.add({ url: `https://press.northvale.example/${release.language}/news` })
    h.store.releases.storeFeedItems(feed.id, [release], { backfill: true, now: Date.now() })
  }
  const { feed } = h.store.feeds.add({ url: 'https://press.northvale.example/en/other' })
  h.store.releases.storeFeedItems(
    feed.id,
    [
      {
        ...editions[0]!,
        guid: 'x',
        title: 'Grey Sound ferry timetable',
        translationKey: null,
        contentHash: 'x',
      },
    ],
    { backfill: true, now: Date.now() },
  )
})
afterEach(() => h.close())

describe('search over a news item in several languages', () => {
  it('shows one hit per news item, in the reader’s language, with links to the other editions', async () => {
    const english = shown(
      (await h.say(USER_ID, '/search grey sound', { from: { language_code: 'en-GB' } })).last,
    )
    expect(english).toContain('1–2 of 2')
    expect(english).toContain('Governor opened the Grey Sound bridge')
    expect(english).not.toContain('Губернатор')
    expect(english).toContain('Also in: Русский · Azərbaycanca')
    expect(english).toContain('Grey Sound ferry timetable')

    const russian = shown(
      (await h.say(USER_ID + 1, '/search grey sound', { from: { language_code: 'ru' } })).last,
    )
    expect(russian).toContain('Губернатор открыла мост Grey Sound')
    expect(russian).not.toContain('Governor opened')
    // The label is in the reader's language; each language keeps its own name.
    expect(russian).toContain('Другие языки: English · Azərbaycanca')
  })

  it('lists by filters alike, and the chat’s chosen languages come before the app’s', async () => {
    await h.say(USER_ID, '/start')
    h.store.chats.setLanguages(USER_ID, ['az', 'en'])
    const listed = shown(
      (await h.say(USER_ID, '/search from:2026-11-01', { from: { language_code: 'ru' } })).last,
    )
    expect(listed).toContain('1–2 of 2')
    expect(listed).toContain('Qubernator Grey Sound körpüsünü açıb')
    expect(listed).toContain('Also in: English · Русский')
  })

  it('answers inline queries with one card per news item, linking the other editions', async () => {
    await h.bot.handleUpdate(h.api.inlineQuery(USER_ID, 'grey sound bridge'))
    const results = h.api.lastPayload('answerInlineQuery')!.results as InlineQueryResultArticle[]
    // Two news items (the ferry release mentions the bridge too), not four releases.
    expect(results.map((r) => r.title)).toEqual([
      'Governor opened the Grey Sound bridge',
      'Grey Sound ferry timetable',
    ])
    const text = (results[0]!.input_message_content as { message_text: string }).message_text
    expect(text).toContain(
      'Also in: <a href="https://press.northvale.example/ru/articles/view/7100">Русский</a> · ' +
        '<a href="https://press.northvale.example/az/articles/view/7100">Azərbaycanca</a>',
    )
  })
})
