import { describe, expect, it } from 'vitest'
import { publicCommands } from '../../src/bot/commands.ts'
import { type Locale, translate } from '../../src/i18n/index.ts'
import { languageName } from '../../src/i18n/language-names.ts'
import { parseTelegramHtml } from '../support/fake-bot-api.ts'
import { NORTHVALE_LATE_RELEASE, NORTHVALE_RELEASES, rssDocument } from '../support/northvale.ts'
import { buttons, dataOf } from '../support/sent-messages.ts'
import { useAppHarness } from '../support/test-app.ts'

/**
 * The bot in each reader's language, end to end: the real app over long polling against the fake Bot API,
 * readers whose Telegram is set to Russian or Azerbaijani, a switch in /settings, a restart, a push.
 */

const CYRILLIC = /[а-яё]/i
/** Letters only Azerbaijani uses among our three languages. */
const AZERBAIJANI = /[əğıöüçş]/i
const ENGLISH_DESCRIPTIONS = publicCommands.map((c) => translate('en', c.description))

describe('a reader in their own language', () => {
  const h = useAppHarness()

  async function startApp() {
    const app = await h.start()
    await app.poller.pollDue() // joins the start-up poll
    expect(app.store.releases.count()).toBe(NORTHVALE_RELEASES.length)
    return app
  }

  /** Sends a message from a user whose Telegram language is `language` and returns what the bot shows. */
  async function say(chatId: number, text: string, language: string) {
    const before = h.api.callsOf('sendMessage').length
    h.api.pushUpdate(h.api.message(chatId, text, { from: { id: chatId, language_code: language } }))
    const payload = (await h.api.waitForCalls('sendMessage', before + 1, 5000))[before]!.payload
    return { payload, text: parseTelegramHtml(String(payload.text)).text }
  }

  async function tap(chatId: number, data: string, language: string) {
    const answers = h.api.callsOf('answerCallbackQuery').length
    h.api.pushUpdate(h.api.callbackQuery(chatId, data, { from: { id: chatId, language_code: language } }))
    return (await h.api.waitForCalls('answerCallbackQuery', answers + 1, 5000))[answers]!.payload
  }

  const cases: Array<{ locale: Locale; language: string; letters: RegExp; words: string[] }> = [
    {
      locale: 'ru',
      language: 'ru-RU',
      letters: CYRILLIC,
      words: ['Вы подписаны', 'Команды', 'Темы', 'по запросу'],
    },
    {
      locale: 'az',
      language: 'az',
      letters: AZERBAIJANI,
      words: ['Abunə oldunuz', 'Əmrlər', 'Mövzular', 'üzrə'],
    },
  ]

  it.each(cases)('$locale: /start, /help, /search, /topics and the command menu', async (c) => {
    await startApp()
    const chat = c.locale === 'ru' ? 7001 : 7002
    // The "/" menu in this language: every public command, none described in English.
    const menus = await h.api.waitForCalls('setMyCommands', 6) // three languages, for everyone and for the admin
    const menu = menus.find((m) => m.payload.language_code === c.locale && m.payload.scope !== undefined)
    const described = (menu!.payload.commands as Array<{ command: string; description: string }>).map(
      (m) => m.description,
    )
    expect(described).toHaveLength(publicCommands.length)
    for (const description of described) {
      expect(ENGLISH_DESCRIPTIONS).not.toContain(description)
      expect(description).toMatch(c.letters)
    }

    const welcome = await say(chat, '/start', c.language)
    expect(welcome.text).toContain(c.words[0])
    expect(welcome.text).not.toMatch(/Subscribed|releases/)

    const help = await say(chat, '/help', c.language)
    expect(help.text).toContain(c.words[1])
    for (const english of ENGLISH_DESCRIPTIONS) expect(help.text).not.toContain(english)
    for (const description of described) expect(help.text).toContain(description)

    const topics = await say(chat, '/topics', c.language)
    expect(topics.text).toContain(c.words[2])
    expect(topics.text).not.toMatch(/\breleases?\b|Topics|tap to follow/)
    // A topic of the topics file is named in the reader's language; a feed's own category keeps its name.
    const phoneCalls = translate(c.locale, 'topic-following', {
      name: c.locale === 'ru' ? 'Телефонные разговоры' : 'Telefon danışıqları',
    })
    const labels = buttons(topics.payload).map(([label]) => label)
    expect(labels).toContain(c.locale === 'ru' ? 'Телефонные разговоры' : 'Telefon danışıqları')
    expect(labels).toContain('Receptions')
    expect(
      (await tap(chat, dataOf(topics.payload, c.locale === 'ru' ? 'Телефонные' : 'Telefon'), c.language))
        .text,
    ).toBe(phoneCalls)

    const search = await say(chat, '/search governor', c.language)
    expect(search.text).toContain(c.words[3])
    // Dates in the reader's language; the releases themselves as they were published.
    expect(search.text).toMatch(c.locale === 'ru' ? /\d+ окт\. 2026 г\./ : /\d+ okt 2026/)
    expect(search.text).toContain('Governor Halvorsen')
    expect(search.text).not.toContain('Read the release')
    expect(search.text).toContain(translate(c.locale, 'read-release'))
  })

  it('a switch in /settings answers in the new language at once, and it survives a restart', async () => {
    const app = await startApp()
    const chat = 7003
    await say(chat, '/start', 'en')
    const settings = await say(chat, '/settings', 'en')
    expect(settings.text).toContain('Bot language: English')
    const answer = await tap(chat, dataOf(settings.payload, `🗣 ${languageName('ru')}`), 'en')
    expect(answer.text).toBe('Теперь я говорю здесь по-русски.')
    const edited = h.api.lastPayload('editMessageText')!
    expect(parseTelegramHtml(String(edited.text)).text).toContain('Язык бота: Русский')
    expect(buttons(edited).map(([label]) => label)).toContain('✅ 🗣 Русский')
    expect(app.store.chats.get(chat)?.locale).toBe('ru')
    // The chat's own "/" menu follows the choice (Telegram would otherwise pick it by the app's language).
    const chatMenu = (await h.api.waitForCalls('setMyCommands', 7)).at(-1)!.payload
    expect(chatMenu.scope).toEqual({ type: 'chat', chat_id: chat })
    expect(JSON.stringify(chatMenu.commands)).toContain(translate('ru', 'cmd-search'))
    // The user's Telegram is still English: the stored choice wins.
    expect((await say(chat, '/help', 'en')).text).toContain('Команды')

    await h.app!.stop()
    await h.start()
    expect((await say(chat, '/help', 'en')).text).toContain('Команды')
    expect((await say(chat, '/latest 1', 'en')).text).toMatch(/^🆕 Свежие релизы/)
  })

  it('a push to a chat set to Russian has Russian furniture around the English release', async () => {
    const app = await startApp()
    const chat = 7004
    await say(chat, '/start', 'ru')
    expect(app.store.chats.get(chat)?.locale).toBe('ru') // taken from the subscriber's Telegram language
    const english = 7005
    await say(english, '/start', 'de') // not one of ours: English
    const before = h.api.callsOf('sendMessage').length
    h.feeds.route('/rss', {
      body: rssDocument([...NORTHVALE_RELEASES, NORTHVALE_LATE_RELEASE]),
      headers: { 'content-type': 'application/rss+xml' },
    })
    await app.poller.pollDue()
    const pushes = (await h.api.waitForCalls('sendMessage', before + 2, 10_000)).slice(before)
    const toRussian = pushes.find((p) => p.payload.chat_id === chat)!.payload
    const toEnglish = pushes.find((p) => p.payload.chat_id === english)!.payload
    const shown = parseTelegramHtml(String(toRussian.text)).text
    expect(shown).toContain(NORTHVALE_LATE_RELEASE.title)
    expect(shown).toContain('15 октября 2026 г.')
    expect(JSON.stringify(toRussian.reply_markup)).toContain('Читать релиз полностью')
    expect(JSON.stringify(toEnglish.reply_markup)).toContain('Read the full release')
    expect(parseTelegramHtml(String(toEnglish.text)).text).toContain('15 October 2026')
  })
})
