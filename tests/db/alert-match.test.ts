import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseQuery } from '../../src/search/query.ts'
import { releaseInput, storeReleases } from '../support/releases.ts'
import { openTestStore, type TestStore } from '../support/test-store.ts'

let store: TestStore
beforeEach(() => {
  store = openTestStore(':memory:')
})
afterEach(() => store.close())

/** Saves each query as an alert of its own chat (mode: only topics and alerts); returns chat id by query. */
function alertChats(queries: string[]): Map<string, number> {
  const chats = new Map<string, number>()
  queries.forEach((query, k) => {
    const chatId = 100 + k
    store.chats.subscribe({ id: chatId, type: 'private', title: null })
    store.chats.setMode(chatId, 'topics')
    const parsed = parseQuery(query, 'alert')
    if (!parsed.ok) throw new Error(`${query}: ${parsed.error.key}`)
    const { include, exclude } = parsed.request
    const saved = store.alerts.add({ chatId, threadId: 0 }, { query, include, exclude, topicId: null })
    expect(saved.kind).toBe('saved')
    chats.set(query, chatId)
  })
  return chats
}

/** The alert queries whose chats got a delivery for the release titled `title`. */
function matched(chats: Map<string, number>, title: string, summary?: string): string[] {
  const [id] = storeReleases(store, [releaseInput({ title, ...(summary ? { summary } : {}) })])
  const reached = new Set(
    (
      store.db.$client.prepare('SELECT chat_id AS chatId FROM deliveries WHERE ref_id = ?').all(id) as Array<{
        chatId: number
      }>
    ).map((r) => r.chatId),
  )
  return [...chats].filter(([, chatId]) => reached.has(chatId)).map(([query]) => query)
}

describe('alert matching', () => {
  it('matches as /search does: stems, diacritics, prefixes, phrases, excluded words', () => {
    const chats = alertChats([
      'elections',
      'erdogan',
      'harb*',
      '"grey sound"',
      'ferry -night',
      '"wind farm" -offshore',
      'port authority',
    ])
    expect(matched(chats, 'Election day set by the port authority', 'Voters go to the polls.')).toEqual([
      'elections',
      'port authority',
    ])
    expect(matched(chats, 'Erdoğan visits Kessby harbours', 'Talks on the Grey Sound ferry.')).toEqual([
      'erdogan',
      'harb*',
      '"grey sound"',
      'ferry -night',
    ])
    expect(
      matched(chats, 'Night ferry resumes', 'The sound is grey; a wind farm is planned offshore.'),
    ).toEqual([])
    expect(matched(chats, 'Wind farm approved', 'The port has an authority of its own.')).toEqual([
      '"wind farm" -offshore',
      'port authority',
    ])
  })

  it('refuses alerts with nothing to look for, too long or too many words', () => {
    const refusal = (text: string) => {
      const parsed = parseQuery(text, 'alert')
      return parsed.ok ? 'accepted' : parsed.error.key
    }
    expect(refusal('')).toBe('alert-usage')
    expect(refusal('-night -"grey sound"')).toBe('alert-only-excludes')
    expect(refusal('!!! ***')).toBe('alert-usage')
    expect(refusal('a'.repeat(201))).toBe('alert-too-long')
    expect(refusal('a b c d e f g h i j k l m')).toBe('alert-too-many')
    expect(refusal('ferry from:2025-01-01')).toBe('alert-filter-unsupported')
    const parsed = parseQuery('"wind farm"* -x topic:energy', 'alert')
    expect(parsed.ok && parsed.request).toMatchObject({
      include: [{ words: ['wind', 'farm'], prefix: true }],
      exclude: [{ words: ['x'], prefix: false }],
      topic: 'energy',
    })
  })
})
