/**
 * The checks every broadcast passes, whether an admin types /broadcast or an operator runs `pressbot broadcast`:
 * one rule, so the two cannot drift. Each side words the problems for its reader. Nothing is saved or queued
 * before a request passes all of them.
 */

import { type Audience, CHAT_KINDS, type ChatKind } from '../db/broadcast-audience.ts'
import type { BroadcastButton, BroadcastDraft, BroadcastMedia } from '../db/broadcasts-repository.ts'
import type { FeedsRepository } from '../db/feeds-repository.ts'
import type { TopicLookup, TopicsRepository } from '../db/topics-repository.ts'
import { LOCALES, type Locale } from '../i18n/index.ts'
import { CAPTION_LIMIT, MESSAGE_LIMIT } from '../render/escape.ts'
import { sanitizeHtml, visibleText } from '../render/sanitize.ts'
import { instantOfWallClock } from '../time-zone.ts'

/** At most this many URL buttons under a broadcast ("Read the statement ↗", one per row). */
const MAX_BUTTONS = 3
const MAX_BUTTON_LABEL = 64

/** Why a broadcast was refused. */
export type BroadcastProblem =
  | { kind: 'topic'; topic: string; lookup: Exclude<TopicLookup, { kind: 'found' }> }
  | { kind: 'no-edition' }
  | { kind: 'empty'; language: string }
  /** Refused, not cut: an operator should decide what a shortened announcement says. */
  | { kind: 'too-long'; language: string; length: number; limit: number; caption: boolean }
  | { kind: 'unknown-language'; language: string }
  | { kind: 'duplicate-language'; language: string }
  | { kind: 'unknown-kind'; value: string }
  /** A source (feed id, host or name, as `source:` in /search) that names no feed. */
  | { kind: 'unknown-source'; source: string }
  | { kind: 'button'; value: string }
  | { kind: 'too-many-buttons'; limit: number }
  | { kind: 'time-format'; value: string }
  | { kind: 'time-zone'; zone: string }
  | { kind: 'time-past'; at: number }
  | { kind: 'no-audience' }

/** A broadcast as typed: texts unsanitised, languages, kinds and buttons as strings. */
export type BroadcastRequest = {
  /** In the order given; the first is the fallback edition. */
  editions: Array<{ language: string; html: string }>
  audience?: { languages?: string[]; topics?: string[]; kinds?: string[]; sources?: string[] }
  media?: BroadcastMedia | null
  /** "Label=https://…" each. */
  buttons?: string[]
  /** "YYYY-MM-DD HH:mm" in `timeZone`; absent: now. */
  at?: { time: string; timeZone: string }
  urgent?: boolean
  silent?: boolean
}

type Topic = Extract<TopicLookup, { kind: 'found' }>['topic']

export type CheckedBroadcast =
  | {
      ok: true
      draft: Omit<BroadcastDraft, 'adminChatId'>
      topics: Topic[]
      /** How many chats get each edition now, by the query that queues them. */
      counts: Map<string, number>
    }
  | { ok: false; problem: BroadcastProblem }

export type BroadcastRulesDeps = {
  topics: Pick<TopicsRepository, 'lookup'>
  feeds: Pick<FeedsRepository, 'idsForSource'>
  broadcasts: { countRecipients(editions: readonly string[], audience: Audience): Map<string, number> }
  now: number
}

export type Result<T> = { ok: true; value: T } | { ok: false; problem: BroadcastProblem }
const fail = (problem: BroadcastProblem): { ok: false; problem: BroadcastProblem } => ({ ok: false, problem })

const isLocale = (code: string): code is Locale => (LOCALES as readonly string[]).includes(code)

/**
 * Each edition in a known language, once, its text neither blank nor longer than a message (or a caption, when the
 * broadcast has media). Also what an edit of a broadcast's editions passes.
 */
export function checkEditions(
  request: Pick<BroadcastRequest, 'editions' | 'media'>,
): Result<BroadcastDraft['editions']> {
  if (request.editions.length === 0) return fail({ kind: 'no-edition' })
  const seen = new Set<string>()
  const limit = request.media ? CAPTION_LIMIT : MESSAGE_LIMIT
  const editions: BroadcastDraft['editions'] = []
  for (const edition of request.editions) {
    const language = edition.language.trim().toLowerCase()
    if (!isLocale(language)) return fail({ kind: 'unknown-language', language: edition.language })
    if (seen.has(language)) return fail({ kind: 'duplicate-language', language })
    seen.add(language)
    const html = sanitizeHtml(edition.html)
    const text = visibleText(html)
    if (text.trim() === '') return fail({ kind: 'empty', language })
    if (text.length > limit)
      return fail({ kind: 'too-long', language, length: text.length, limit, caption: request.media != null })
    editions.push({ language, html })
  }
  return { ok: true, value: editions }
}

function checkAudience(
  deps: BroadcastRulesDeps,
  spec: NonNullable<BroadcastRequest['audience']>,
): Result<{ audience: Audience; topics: Topic[] }> {
  const audience: Audience = {}
  // A source as /search takes it: a feed id, a host (every edition on it) or a feed's name.
  const feedIds: number[] = []
  for (const typed of spec.sources ?? []) {
    const ids = deps.feeds.idsForSource(typed)
    if (ids.length === 0) return fail({ kind: 'unknown-source', source: typed })
    for (const id of ids) if (!feedIds.includes(id)) feedIds.push(id)
  }
  if (feedIds.length) audience.sources = feedIds
  const languages: string[] = []
  for (const raw of spec.languages ?? []) {
    const language = raw.trim().toLowerCase()
    if (!isLocale(language)) return fail({ kind: 'unknown-language', language: raw })
    if (!languages.includes(language)) languages.push(language)
  }
  if (languages.length) audience.languages = languages
  const topics: Topic[] = []
  for (const typed of spec.topics ?? []) {
    const lookup = deps.topics.lookup(typed)
    if (lookup.kind !== 'found') return fail({ kind: 'topic', topic: typed, lookup })
    if (!topics.some((t) => t.slug === lookup.topic.slug)) topics.push(lookup.topic)
  }
  if (topics.length) audience.topics = topics.map((t) => t.slug)
  const kinds: ChatKind[] = []
  for (const raw of spec.kinds ?? []) {
    const kind = raw.trim().toLowerCase()
    if (!(CHAT_KINDS as readonly string[]).includes(kind)) return fail({ kind: 'unknown-kind', value: raw })
    if (!kinds.includes(kind as ChatKind)) kinds.push(kind as ChatKind)
  }
  if (kinds.length) audience.kinds = kinds
  return { ok: true, value: { audience, topics } }
}

/** "Label=https://…": a label, then an http(s) URL Telegram will take. */
function checkButtons(raw: readonly string[]): Result<BroadcastButton[]> {
  if (raw.length > MAX_BUTTONS) return fail({ kind: 'too-many-buttons', limit: MAX_BUTTONS })
  const buttons: BroadcastButton[] = []
  for (const value of raw) {
    const match = /^(.+?)\s*=\s*(https?:\/\/\S+)$/s.exec(value.trim())
    const text = match?.[1]?.trim() ?? ''
    let url: URL | undefined
    try {
      url = match?.[2] ? new URL(match[2]) : undefined
    } catch {
      // Dropped: the TypeError; the button is answered below as one without a valid address.
      url = undefined
    }
    if (!url || text === '' || [...text].length > MAX_BUTTON_LABEL) return fail({ kind: 'button', value })
    buttons.push({ text, url: url.href })
  }
  return { ok: true, value: buttons }
}

const TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return zone.trim() !== ''
  } catch {
    // Dropped: the RangeError naming the zone: the caller's answer names it too.
    return false
  }
}

/** "YYYY-MM-DD HH:mm" in an IANA zone, as an instant that must still be ahead (also for a new time). */
export function checkTime(at: NonNullable<BroadcastRequest['at']>, now: number): Result<number> {
  if (!isTimeZone(at.timeZone)) return fail({ kind: 'time-zone', zone: at.timeZone })
  const match = TIME.exec(at.time.trim())
  if (!match) return fail({ kind: 'time-format', value: at.time })
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ]
  const wall = Date.UTC(year, month - 1, day, hour, minute)
  const back = new Date(wall)
  // Date.UTC rolls 2026-02-30 over to March: a date that does not round-trip does not exist.
  if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || hour > 23 || minute > 59)
    return fail({ kind: 'time-format', value: at.time })
  const instant = instantOfWallClock(wall, at.timeZone)
  if (instant <= now) return fail({ kind: 'time-past', at: instant })
  return { ok: true, value: instant }
}

/**
 * Checks a broadcast: editions, audience (topics must exist), buttons and time, then counts the chats it would
 * reach now (per edition), refusing one that would reach nobody.
 */
export function checkBroadcast(deps: BroadcastRulesDeps, request: BroadcastRequest): CheckedBroadcast {
  const editions = checkEditions(request)
  if (!editions.ok) return editions
  const audience = checkAudience(deps, request.audience ?? {})
  if (!audience.ok) return audience
  const buttons = checkButtons(request.buttons ?? [])
  if (!buttons.ok) return buttons
  let schedule: { at: number; timeZone: string } | null = null
  if (request.at) {
    const at = checkTime(request.at, deps.now)
    if (!at.ok) return at
    schedule = { at: at.value, timeZone: request.at.timeZone }
  }
  const languages = editions.value.map((e) => e.language)
  const counts = deps.broadcasts.countRecipients(languages, audience.value.audience)
  if ([...counts.values()].every((n) => n === 0)) return fail({ kind: 'no-audience' })
  return {
    ok: true,
    draft: {
      editions: editions.value,
      audience: audience.value.audience,
      media: request.media ?? null,
      buttons: buttons.value,
      urgent: request.urgent ?? false,
      silent: request.silent ?? false,
      schedule,
    },
    topics: audience.value.topics,
    counts,
  }
}

/** How many chats in all, from the counts per edition. */
export function totalOf(counts: ReadonlyMap<string, number>): number {
  let total = 0
  for (const n of counts.values()) total += n
  return total
}
