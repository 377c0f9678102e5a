import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it, onTestFinished } from 'vitest'
import { cleanItem } from '../../src/feed/clean.ts'
import { compileTopicRules, loadTopicRules, slugify, tagTopics, words } from '../../src/feed/topics.ts'
import { hasSharedFeeds, loadPresidentReleases, SHARED_FEEDS_NOTE } from '../support/shared-feeds.ts'

const rules = loadTopicRules()
const slugs = (title: string, body = '', categories: string[] = []) =>
  tagTopics({ title, body, categories }, rules).map((t) => t.slug)

describe('words', () => {
  it('splits text into the runs of letters, digits and marks the Unicode expression finds, in any script', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom(' ', '-', '«', '\u00a0', 'ё', 'ə', 'é', '\u0301', '𝔘', '😀', '\ud800', '\udc00', '٣'),
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('')
        expect(words(text)).toEqual(text.match(/[\p{L}\p{N}\p{M}]+/gu) ?? [])
      }),
      { numRuns: 500, seed: 20261129 },
    )
    expect(words('Prezident İlham Əliyev — 2026-ci il, «Xəzər»')).toEqual([
      'Prezident',
      'İlham',
      'Əliyev',
      '2026',
      'ci',
      'il',
      'Xəzər',
    ])
  })
})

describe('slugify', () => {
  it('keeps letters of any script', () => {
    expect(slugify('  Foreign Policy ')).toBe('foreign-policy')
    expect(slugify('Внешняя  Политика!')).toBe('внешняя-политика')
    expect(slugify('İqtisadiyyat və Ticarət')).toBe('iqtisadiyyat-və-ticarət')
    expect(slugify('政策通知')).toBe('政策通知')
    expect(slugify('---')).toBe('')
  })

  it('caps a slug at 64 letters without splitting one that lies outside the BMP', () => {
    const slug = slugify(`${'a'.repeat(63)}𠀀𠀀`) // U+20000 takes two UTF-16 units
    expect(Array.from(slug)).toHaveLength(64)
    expect(slug.endsWith('𠀀')).toBe(true)
    expect(slug).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/) // no lone high surrogate
  })
})

describe('loadTopicRules', () => {
  it('loads the default topics file', () => {
    expect(rules.topics.map((t) => t.slug)).toEqual(
      expect.arrayContaining([
        'foreign-policy',
        'phone-calls',
        'meetings',
        'decrees',
        'awards',
        'visits',
        'defense',
      ]),
    )
  })

  it('names the file when it is invalid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'topics-'))
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
    const file = join(dir, 'bad.json')
    writeFileSync(file, JSON.stringify({ 'Bad Slug': { name: '', keywords: { en: [] } } }))
    expect(() => loadTopicRules(file)).toThrow(file)
    writeFileSync(file, '{ not json')
    expect(() => loadTopicRules(file)).toThrow(/bad\.json is not valid JSON/)
  })
})

describe('tagTopics', () => {
  it('matches a title keyword in English, Russian and Azerbaijani', () => {
    expect(slugs('Ilham Aliyev phoned President of Turkey')).toEqual(['phone-calls'])
    expect(slugs('Ильхам Алиев провел телефонный разговор с Президентом Турции')).toContain('phone-calls')
    expect(slugs('İlham Əliyev İtaliya Prezidenti ilə telefon danışığı aparıb')).toContain('phone-calls')
    expect(slugs('Ильхам Алиев подписал Указ о награждении')).toEqual(
      expect.arrayContaining(['decrees', 'awards']),
    )
    expect(slugs('İLHAM ƏLİYEV SƏRƏNCAM İMZALAYIB')).toContain('decrees')
  })

  it('needs a phrase or two words in the body; one passing word is not a topic', () => {
    expect(slugs('Statement', 'He wished him good health and success.')).not.toContain('health')
    expect(
      slugs('Statement', 'Before that, the budget was discussed. Later the budget was approved.'),
    ).toContain('economy')
    expect(slugs('Statement', 'Before that, they spoke about the peace treaty.')).toContain('foreign-policy')
  })

  it('matches on word boundaries in Cyrillic (stems, but no partial words)', () => {
    // "указал" (pointed out) is not "указ" (decree); "газета" (newspaper) is not "газ" (gas).
    expect(slugs('Президент указал на важность газеты')).toEqual([])
    expect(slugs('Поставки газа выросли')).toContain('energy')
  })

  it('turns feed categories into topics, deduplicated, at most 6 in all', () => {
    const topics = tagTopics(
      {
        title: 'Ilham Aliyev phoned the President',
        body: '',
        categories: ['Phone calls', 'Внешняя политика', ' '],
      },
      rules,
    )
    // A rule topic carries its names in every language; a feed's own category keeps the name it came with.
    expect(topics).toEqual([
      {
        slug: 'phone-calls',
        name: 'Phone calls',
        names: { ru: 'Телефонные разговоры', az: 'Telefon danışıqları' },
      },
      { slug: 'внешняя-политика', name: 'Внешняя политика', category: true },
    ])
    expect(topics[1]).not.toHaveProperty('names')
    const many = tagTopics(
      { title: 'x', body: '', categories: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] },
      rules,
    )
    expect(many).toHaveLength(6)
  })

  it('accepts rules built in memory', () => {
    const custom = compileTopicRules({
      ports: { name: 'Ports', keywords: { en: ['seaport*'], ru: [], az: ['liman*'] } },
    })
    expect(tagTopics({ title: 'New seaports opened', body: '', categories: [] }, custom)).toEqual([
      { slug: 'ports', name: 'Ports' },
    ])
  })
})

describe.skipIf(!hasSharedFeeds)(`topics of the president.az releases (${SHARED_FEEDS_NOTE})`, () => {
  const releases = hasSharedFeeds ? loadPresidentReleases() : []
  const topicsOf = (r: (typeof releases)[number]) =>
    tagTopics({ title: r.title ?? '', body: cleanItem(r.body), categories: [] }, rules).map((t) => t.slug)

  it('tags every phone call release with phone-calls', () => {
    const calls = releases.filter((r) => /phon|telephon/i.test(r.body.split('\n')[0]!))
    expect(calls.length).toBeGreaterThanOrEqual(6)
    for (const r of calls) expect(topicsOf(r), r.url).toContain('phone-calls')
  })

  it('tags receptions with meetings, and does not call them phone calls', () => {
    const receptions = releases.filter((r) => r.title?.includes(' received '))
    expect(receptions.length).toBeGreaterThanOrEqual(2)
    for (const r of receptions) {
      expect(topicsOf(r), r.url).toContain('meetings')
      expect(topicsOf(r), r.url).not.toContain('phone-calls')
    }
  })

  it('tags the interview notice with interviews', () => {
    const interview = releases.find((r) => r.title?.includes('interviewed'))
    expect(interview && topicsOf(interview)).toContain('interviews')
  })
})
