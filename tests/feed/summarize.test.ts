import { describe, expect, it } from 'vitest'
import { cleanItem } from '../../src/feed/clean.ts'
import { splitSentences, summarize } from '../../src/feed/summarize.ts'
import {
  hasSharedFeeds,
  loadPresidentReleases,
  loadSeedRelease,
  SHARED_FEEDS_NOTE,
} from '../support/shared-feeds.ts'

describe('splitSentences', () => {
  it('does not break on abbreviations, initials and decimals', () => {
    const line =
      'Mr. Smith met Dr. Jones in the U.S. on Monday. Growth was 3.5 percent. Decree No. 5 was signed. ' +
      'President R.T. Erdogan called! Was it late? He said: “We will win.” Then he left…'
    expect(splitSentences(line)).toEqual([
      'Mr. Smith met Dr. Jones in the U.S. on Monday.',
      'Growth was 3.5 percent.',
      'Decree No. 5 was signed.',
      'President R.T. Erdogan called!',
      'Was it late?',
      'He said: “We will win.”',
      'Then he left…',
    ])
  })

  it('handles Russian short forms and Azerbaijani text', () => {
    expect(
      splitSentences('Встреча прошла в г. Баку, т.е. в столице. В 2023 г. Стороны подписали договор.'),
    ).toEqual(['Встреча прошла в г. Баку, т.е. в столице.', 'В 2023 г. Стороны подписали договор.'])
    expect(
      splitSentences(
        'Prezident İlham Əliyev Bakı ş. ərazisində görüş keçirib. Görüşdə məsələlər müzakirə olunub.',
      ),
    ).toEqual([
      'Prezident İlham Əliyev Bakı ş. ərazisində görüş keçirib.',
      'Görüşdə məsələlər müzakirə olunub.',
    ])
  })

  it('ends a sentence after "no." when no number follows', () => {
    expect(splitSentences('The answer was no. Talks resumed.')).toEqual([
      'The answer was no.',
      'Talks resumed.',
    ])
  })
})

describe('summarize', () => {
  const long = Array.from(
    { length: 8 },
    (_, i) => `Sentence number ${i + 1} says something about the economy.`,
  ).join(' ')

  it('takes at most 3 whole sentences from the start', () => {
    expect(summarize(long)).toBe(
      'Sentence number 1 says something about the economy. Sentence number 2 says something about the economy. ' +
        'Sentence number 3 says something about the economy.',
    )
    expect(summarize(long, { maxSentences: 1 })).toBe('Sentence number 1 says something about the economy.')
  })

  it('stops before a sentence that would pass maxChars, never cutting it', () => {
    const out = summarize(long, { maxChars: 120 })
    expect(out).toBe(
      'Sentence number 1 says something about the economy. Sentence number 2 says something about the economy.',
    )
    expect(out.length).toBeLessThanOrEqual(120)
  })

  it('cuts only an over-long first sentence, at a word boundary, with an ellipsis', () => {
    const first = `The head of state ${'noted the importance of cooperation and '.repeat(30)}ended.`
    const out = summarize(first, { maxChars: 100 })
    expect(out.length).toBeLessThanOrEqual(100)
    expect(out.endsWith('…')).toBe(true)
    const words = out.slice(0, -1).split(' ')
    for (const word of words) expect(first.split(/\s+/)).toContain(word)
  })

  it('skips a leading dateline and a title line', () => {
    const text =
      'Ilham Aliyev received ambassador\n01 September 2023, 17:30\nOn September 1, the President received him. They talked.'
    expect(summarize(text)).toBe('On September 1, the President received him. They talked.')
  })

  it('summarises Russian text in whole sentences', () => {
    const text =
      'Президент Азербайджанской Республики Ильхам Алиев 1 сентября принял делегацию во главе с г-ном Ивановым. ' +
      'В ходе встречи обсуждены вопросы сотрудничества, т.е. экономики и энергетики. Стороны выразили удовлетворение. ' +
      'Четвертое предложение.'
    expect(summarize(text)).toBe(text.slice(0, text.indexOf(' Четвертое')))
  })

  it('returns an empty string for empty text', () => {
    expect(summarize('   \n ')).toBe('')
  })
})

describe.skipIf(!hasSharedFeeds)(`summaries of the shared releases (${SHARED_FEEDS_NOTE})`, () => {
  it('begins every president.az summary with the lead sentence, within 600 chars', () => {
    for (const release of loadPresidentReleases()) {
      const body = cleanItem(release.body)
      const lead = splitSentences(body.split('\n')[0]!)[0]!
      const summary = summarize(body)
      expect(summary.startsWith(lead), release.url).toBe(true)
      expect(summary.length).toBeLessThanOrEqual(600)
      // Whole sentences only: the summary ends where a sentence of the body ends.
      expect(summary, release.url).toMatch(/[.!?…]["'»”’]?$/)
    }
  })

  it('summarises the seed release from its first sentence, not its page header', () => {
    expect(summarize(cleanItem(loadSeedRelease()))).toBe(
      'On September 1, U.S. Secretary of State Antony Blinken made a phone call to President of the Republic of ' +
        'Azerbaijan Ilham Aliyev. During the telephone conversation, they exchanged views on the issues related to ' +
        'the opening of the Aghdam-Khankendi and Lachin-Khankendi roads.',
    )
  })
})
