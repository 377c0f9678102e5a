import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_LOCALE, LOCALES, LOCALES_DIR, translate } from '../../src/i18n/index.ts'
import { parseTelegramHtml } from '../support/fake-bot-api.ts'

/**
 * The locale files against each other and against the code: a text added in one language and forgotten in
 * another, a key nobody uses any more, a variable spelt differently in a translation, all fail here.
 */

type Message = { key: string; body: string }

/** The messages of an .ftl file: `key = …` at the start of a line, with its indented continuation lines. */
function messagesOf(source: string): Message[] {
  const messages: Message[] = []
  for (const line of source.split('\n')) {
    const start = /^([a-z][a-z0-9-]*)\s*=(.*)$/.exec(line)
    if (start) messages.push({ key: start[1]!, body: start[2]! })
    else if (messages.length > 0 && /^(\s|}$)/.test(line)) messages.at(-1)!.body += `\n${line}`
    else if (line.trim() && !line.startsWith('#'))
      throw new Error(`unexpected line in a locale file: ${line}`)
  }
  return messages
}

/** Variables shown in the text (`{ $x }`), and those only used to pick a variant (`{ $x -> … }`). */
function variablesOf(body: string): { shown: Set<string>; all: Set<string> } {
  const all = new Set([...body.matchAll(/\$([a-zA-Z][\w-]*)/g)].map((m) => m[1]!))
  const selectors = new Set([...body.matchAll(/\{\s*\$([a-zA-Z][\w-]*)\s*->/g)].map((m) => m[1]!))
  const shown = new Set(
    [...all].filter((name) => {
      const uses = [...body.matchAll(new RegExp(`\\$${name}\\b`, 'g'))].length
      const asSelector = [...body.matchAll(new RegExp(`\\{\\s*\\$${name}\\s*->`, 'g'))].length
      return uses > asSelector || !selectors.has(name)
    }),
  )
  return { shown, all }
}

const files = Object.fromEntries(
  LOCALES.map((locale) => [locale, messagesOf(readFileSync(join(LOCALES_DIR, `${locale}.ftl`), 'utf8'))]),
)
const keysOf = (locale: string) => files[locale]!.map((m) => m.key)
const english = new Map(files[DEFAULT_LOCALE]!.map((m) => [m.key, m.body]))

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  )
}
const source = sourceFiles(new URL('../../src', import.meta.url).pathname)
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n')

describe('locale files', () => {
  it('there is one file per locale in locales/, and no other', () => {
    expect(
      readdirSync(LOCALES_DIR)
        .filter((f) => f.endsWith('.ftl'))
        .sort(),
    ).toEqual(LOCALES.map((l) => `${l}.ftl`).sort())
  })

  it.each(LOCALES.filter((l) => l !== DEFAULT_LOCALE))(
    '%s has exactly the keys of English, once each',
    (locale) => {
      const keys = keysOf(locale)
      expect(new Set(keys).size, 'a key defined twice').toBe(keys.length)
      expect([...keys].sort()).toEqual([...english.keys()].sort())
    },
  )

  it.each(LOCALES.filter((l) => l !== DEFAULT_LOCALE))('%s uses the variables of English', (locale) => {
    for (const { key, body } of files[locale]!) {
      const theirs = variablesOf(body)
      const ours = variablesOf(english.get(key) ?? '')
      // No variable the code does not pass (it would print as an error), and none of the shown ones dropped.
      for (const name of theirs.all)
        expect(ours.all.has(name), `${locale} ${key}: unknown $${name}`).toBe(true)
      for (const name of ours.shown)
        expect(theirs.all.has(name), `${locale} ${key}: lost $${name}`).toBe(true)
    }
  })

  it('every key is used in src/, written out whole (so a search for it finds its use)', () => {
    const unused = [...english.keys()].filter((key) => !source.includes(`'${key}'`))
    expect(unused).toEqual([])
  })

  it('every key the code asks for exists', () => {
    const asked = new Set(
      [
        ...source.matchAll(/\bt\(\s*'([a-z][a-z0-9-]*)'/g),
        ...source.matchAll(/\btranslate\([^,()]+,\s*'([a-z][a-z0-9-]*)'/g),
        ...source.matchAll(/\b(?:key|description):\s*'([a-z][a-z0-9-]*)'/g),
      ].map((m) => m[1]!),
    )
    expect(asked.size).toBeGreaterThan(50)
    expect([...asked].filter((key) => !english.has(key))).toEqual([])
  })

  it('Fluent reads every message in every locale (no syntax slips, no missing variable at run time)', () => {
    for (const locale of LOCALES) {
      for (const { key, body } of files[locale]!) {
        const vars = Object.fromEntries(
          [...variablesOf(english.get(key) ?? body).all].map((name) => [name, 2]),
        )
        const text = translate(locale, key, vars)
        expect(text, `${locale} ${key}`).not.toMatch(/^\{.*\}$/)
        expect(text, `${locale} ${key}`).not.toContain('{$')
      }
    }
  })

  it('texts with markup are valid Telegram HTML in every language, with the same tags as in English', () => {
    const tags = (html: string) => [...html.matchAll(/<\/?([a-z]+)/g)].map((m) => m[0]).sort()
    const markup = [...english].filter(([, body]) => /<\/?(b|i|code|a)\b|&lt;|&gt;|&amp;/.test(body))
    expect(markup.length).toBeGreaterThan(30)
    for (const locale of LOCALES) {
      for (const [key] of markup) {
        // Variables arrive escaped: a value full of markup characters must not break the message.
        const vars = Object.fromEntries(
          [...variablesOf(english.get(key)!).all].map((name) => [name, '&lt;b&gt; &amp;']),
        )
        const counts = Object.fromEntries([...variablesOf(english.get(key)!).all].map((name) => [name, 3]))
        for (const values of [vars, counts]) {
          const html = translate(locale, key, values)
          expect(() => parseTelegramHtml(html), `${locale} ${key}: ${html}`).not.toThrow()
          expect(tags(html), `${locale} ${key}`).toEqual(tags(translate('en', key, values)))
        }
      }
    }
  })

  it('Azerbaijani is written in the Latin alphabet, Russian in Cyrillic', () => {
    for (const { key, body } of files.az!) {
      expect(body, `az ${key}`).not.toMatch(/[а-яё]/i)
    }
    const cyrillic = files.ru!.filter(({ body }) => /[а-яё]/i.test(body)).length
    // Russian texts without a Cyrillic letter are the ones with no words: "« Back", "{ $chats }", "[id]"…
    expect(cyrillic).toBeGreaterThan(files.ru!.length - 10)
  })
})
