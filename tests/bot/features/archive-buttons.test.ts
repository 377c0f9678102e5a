import type { InlineKeyboardMarkup, InlineQueryResultArticle } from 'grammy/types'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createArchiveLinks } from '../../../src/web/archive/links.ts'
import { seedLirania } from '../../support/lirania.ts'
import { buttons } from '../../support/sent-messages.ts'
import { type BotHarness, createBotHarness, USER_ID } from '../../support/test-app.ts'

const ARCHIVE = 'https://archive.lirania.example'

/** The URL buttons of a payload's keyboard, row by row. */
const urlRows = (payload: Record<string, unknown> | undefined) =>
  ((payload?.reply_markup as InlineKeyboardMarkup | undefined)?.inline_keyboard ?? []).map((row) =>
    row.map((b) => ('url' in b ? [b.text, b.url] : [b.text])),
  )

let h: BotHarness
beforeEach(async () => {
  h = await createBotHarness({ archive: createArchiveLinks(ARCHIVE, true) })
  seedLirania(h.store)
})
afterEach(() => h.close())

describe('"Open in archive" with PUBLIC_URL set', () => {
  it('a search reply offers the same search on the web archive, under the paging buttons', async () => {
    const { last } = await h.say(USER_ID, '/search harbour topic:ports')
    const archiveRow = (query: string) => [['🌐 Open in archive', `${ARCHIVE}/search?${query}&lang=en`]]
    // The paging buttons stay first; the archive button is one, in the last row of its own.
    const rows = urlRows(last)
    expect(rows[0]?.[0]).toEqual(['More »'])
    expect(rows.at(-1)).toEqual(archiveRow('q=harbour+topic%3Aports'))
    expect(rows.flat().filter(([label]) => label === '🌐 Open in archive')).toHaveLength(1)
    // One page of hits: the archive button still.
    const { last: single } = await h.say(USER_ID, '/search tidal')
    expect(urlRows(single).at(-1)).toEqual(archiveRow('q=tidal'))
    // A query longer than the search page takes gets no archive button (the page would only refuse it).
    const { last: long } = await h.say(USER_ID, `/search ${'harbour '.repeat(40)}`)
    const labels = buttons(long).map(([label]) => label)
    expect(labels).toContain('More »')
    expect(labels).not.toContain('🌐 Open in archive')
  })

  it('each inline result carries one button to its release page', async () => {
    await h.bot.handleUpdate(h.api.inlineQuery(USER_ID, 'tidal'))
    const results = h.api.lastPayload('answerInlineQuery')!.results as InlineQueryResultArticle[]
    expect(results).toHaveLength(1)
    expect(results[0]!.reply_markup).toEqual({
      inline_keyboard: [[{ text: '🌐 Open in archive', url: `${ARCHIVE}/releases/${results[0]!.id}` }]],
    })
  })
})
