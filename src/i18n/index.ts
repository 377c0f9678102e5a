/**
 * The bot's languages, in one place. Every text a user reads lives in locales/<locale>.ftl (Fluent), loaded by
 * grammY's i18n plugin; code refers to texts by key only.
 *
 *   translate('ru', 'topics-empty')                  anywhere (the sender, admin alerts, tests)
 *   ctx.t('search-no-more')                          in a handler, in the chat's negotiated language
 *   renderX(tr, …) with tr = ctx or translator(locale)   pure renderers take a {@link Translator}
 *
 * Variables are inserted as they are: a value that goes into HTML must be escaped (escapeHtml, b, …) by the
 * caller, and markup stays in the .ftl files. Numbers stay numbers, so Fluent picks the plural form.
 * To add a language: copy locales/en.ftl, translate it, add the code to {@link LOCALES} and its name to the table
 * of ./language-names.ts (tests/i18n/keys.test.ts checks that every key and variable is there).
 */
import { fileURLToPath } from 'node:url'
import { I18n } from '@grammyjs/i18n'

/** The languages the bot speaks; the first is the default. */
export const LOCALES = ['en', 'ru', 'az'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'en'

/** The folder of .ftl files, found from this module (not from the working directory). */
export const LOCALES_DIR = fileURLToPath(new URL('../../locales', import.meta.url))

/** One of our locales for a stored or Telegram language code ("ru", "ru-RU", "AZ"), else undefined. */
export function toLocale(code: string | null | undefined): Locale | undefined {
  const base = code?.trim().toLowerCase().split(/[-_]/, 1)[0]
  return LOCALES.find((locale) => locale === base)
}

/** Values for a text's variables: strings (escaped by the caller when the text is HTML) and numbers. */
export type Vars = Record<string, string | number>

let instance: I18n | undefined

/**
 * The plugin's instance, loaded on first use. Placeables are not wrapped in Unicode isolation marks: they
 * would be invisible characters inside commands, URLs and button labels.
 */
export function i18n(): I18n {
  instance ??= new I18n({
    defaultLocale: DEFAULT_LOCALE,
    directory: LOCALES_DIR,
    fluentBundleOptions: { useIsolating: false },
  })
  return instance
}

/** The text `key` in `locale` with `vars` filled in; a missing key falls back to English. */
export function translate(locale: Locale, key: string, vars?: Vars): string {
  return i18n().t(locale, key, vars)
}

/** A language and its texts: what pure renderers take. A grammY context of the bot is one too (ctx.t). */
export type Translator = { locale: Locale; t: (key: string, vars?: Vars) => string }

/** A {@link Translator} for code that runs outside an update (pushes, admin alerts, broadcast reports). */
export function translator(locale: Locale): Translator {
  return { locale, t: (key, vars) => translate(locale, key, vars) }
}

/**
 * A topic's name in `locale`: from the topics file's `names` (stored as JSON in topics.names), else its own
 * name (the English one, or a feed's category as the feed wrote it).
 */
export function topicName(topic: { name: string; names?: string | null }, locale: Locale): string {
  if (!topic.names || locale === DEFAULT_LOCALE) return topic.name
  try {
    const names = JSON.parse(topic.names) as Record<string, unknown>
    const name = names[locale]
    return typeof name === 'string' && name.trim() ? name : topic.name
  } catch {
    // Dropped: the SyntaxError of a hand-edited topics.names: the topic keeps its own name.
    return topic.name
  }
}
