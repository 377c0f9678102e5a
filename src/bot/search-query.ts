/**
 * Parses what follows /search (and inline queries): free words plus optional filters
 * `topic:<slug>`, `from:YYYY-MM-DD`, `to:YYYY-MM-DD`. Pure; dates are whole UTC days.
 */

import { truncateText } from '../render/text.ts'

export type SearchRequest = {
  /** The words to look for, filters removed. */
  words: string
  /** The topic as typed (slug or name); the caller resolves it against the store. */
  topic?: string | undefined
  /** Inclusive bounds in ms since the epoch: from the start of `from` to the end of `to`. */
  from?: number | undefined
  to?: number | undefined
  /** The dates as typed, to show back to the user. */
  fromText?: string | undefined
  toText?: string | undefined
}

/** Why a query cannot run: a key of locales/*.ftl and its (plain text) variables. */
type SearchError = { key: string; vars: Record<string, string> }

export type ParsedSearch = { ok: true; request: SearchRequest } | { ok: false; error: SearchError }

const DAY_MS = 86_400_000
const FILTER = /^(topic|from|to):(.*)$/i

/** The start of a UTC day written YYYY-MM-DD, or undefined for anything else (including 2024-02-30). */
export function parseDay(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!match) return undefined
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const at = Date.UTC(year, month - 1, day)
  const date = new Date(at)
  // Date.UTC rolls Feb 30 over into March; a round trip catches every impossible date.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined
  }
  return at
}

export function parseSearchQuery(text: string): ParsedSearch {
  const request: SearchRequest = { words: '' }
  const words: string[] = []
  for (const token of text.trim().split(/\s+/).filter(Boolean)) {
    const filter = FILTER.exec(token)
    if (!filter) {
      words.push(token)
      continue
    }
    const name = filter[1]!.toLowerCase()
    const value = filter[2]!
    if (!value)
      return {
        ok: false,
        error: { key: 'search-needs-value', vars: { filter: name, example: example(name) } },
      }
    if (name === 'topic') {
      request.topic = value
      continue
    }
    const day = parseDay(value)
    if (day === undefined) {
      return {
        ok: false,
        error: {
          key: 'search-not-a-date',
          vars: { value: truncateText(value, 40), filter: name, example: example(name) },
        },
      }
    }
    if (name === 'from') {
      request.from = day
      request.fromText = value
    } else {
      request.to = day + DAY_MS - 1
      request.toText = value
    }
  }
  if (request.from !== undefined && request.to !== undefined && request.from > request.to) {
    return {
      ok: false,
      error: {
        key: 'search-from-after-to',
        vars: { from: request.fromText ?? '', to: request.toText ?? '' },
      },
    }
  }
  request.words = words.join(' ')
  return { ok: true, request }
}

function example(name: string): string {
  if (name === 'topic') return 'topic:energy'
  return name === 'from' ? 'from:2024-01-31' : 'to:2024-12-31'
}
