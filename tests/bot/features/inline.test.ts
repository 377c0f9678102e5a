import type { InlineQueryResultArticle } from 'grammy/types'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseTelegramHtml } from '../../support/fake-bot-api.ts'
import { HOSTILE, seedLirania } from '../../support/lirania.ts'
import { type BotHarness, createBotHarness, USER_ID } from '../../support/test-app.ts'

let h: BotHarness
beforeEach(async () => {
  h = await createBotHarness()
  seedLirania(h.store)
})
afterEach(() => h.close())

async function inline(query: string, offset = '') {
  await h.bot.handleUpdate(h.api.inlineQuery(USER_ID, query, { offset }))
  const payload = h.api.lastPayload('answerInlineQuery')!
  return { payload, results: payload.results as InlineQueryResultArticle[] }
}

describe('inline mode', () => {
  it('answers @bot words with matching releases as HTML articles', async () => {
    const { payload, results } = await inline('tidal')
    expect(payload.cache_time).toBe(10)
    expect(results).toHaveLength(1)
    const [article] = results
    expect(article).toMatchObject({
      type: 'article',
      title: 'Tidal energy pilot starts at Cape Verran',
      description: 'Three tidal turbines will supply power to four coastal villages.',
      url: 'https://press.lirania.example/releases/1',
    })
    const content = article!.input_message_content as { message_text: string; parse_mode: string }
    expect(content.parse_mode).toBe('HTML')
    expect(content.message_text).toBe(
      '<b>Tidal energy pilot starts at Cape Verran</b>\n\nThree tidal turbines will supply power to four coastal villages.\n\n' +
        '<a href="https://press.lirania.example/releases/1">Read the release »</a>',
    )
  })

  it('shows the latest releases for an empty query, ten at a time', async () => {
    const first = await inline('')
    expect(first.results).toHaveLength(10)
    expect(first.results[0]?.title).toBe('Ferry fares frozen for students')
    expect(first.payload.next_offset).toBe('10')
    const second = await inline('', '10')
    expect(second.results).toHaveLength(2)
    expect(second.payload.next_offset).toBe('')
  })

  it('understands filters and tolerates half-typed ones and FTS syntax', async () => {
    expect((await inline('topic:energy')).results.map((r) => r.title)).toEqual([
      'Energy savings programme for harbour cranes',
      'Offshore wind tender attracts six bidders',
      'Tidal energy pilot starts at Cape Verran',
    ])
    expect((await inline('ferry from:2025-0')).results).toEqual([])
    expect((await inline('"ferry AND (')).results.length).toBeGreaterThan(0)
    expect((await inline('ferry', 'junk')).results.length).toBeGreaterThan(0)
  })

  it('produces valid HTML for hostile releases', async () => {
    seedLirania(h.store, [HOSTILE])
    const { results } = await inline('script')
    const content = results[0]!.input_message_content as { message_text: string }
    expect(parseTelegramHtml(content.message_text).text).toContain(HOSTILE.title)
  })
})
