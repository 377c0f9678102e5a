import type { InlineKeyboardMarkup } from 'grammy/types'
import type { ReleaseDetail } from '../db/releases-repository.ts'
import { b, i } from '../render/builders.ts'
import { CAPTION_LIMIT, escapeHtml, MESSAGE_LIMIT, safeHref } from '../render/escape.ts'
import { visibleLength } from '../render/sanitize.ts'
import { renderTranslationLinks } from '../render/translation-links.ts'
import { renderParagraphs, truncateHtml } from '../render/truncate.ts'

/** One release as Telegram HTML, rendered once and sent to every chat. */
export type RenderedRelease = {
  /** `release:<id>:<revision>`: a new revision is a new rendering. */
  key: string
  releaseId: number
  revision: number
  /** For sendMessage / editMessageText: at most 4096 visible characters. */
  text: string
  /** For sendPhoto / editMessageCaption: at most 1024 visible characters. */
  caption: string
  /** Send as a photo with `caption` when set; else as a text message. */
  photoUrl: string | null
  replyMarkup: InlineKeyboardMarkup | undefined
}

/** The inline button under every push. */
export const READ_MORE_LABEL = 'Read the full release'
const TITLE_LIMIT = 300

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
})

/** "foreign-policy" -> "#foreign_policy": hashtags take letters, digits and underscores only. */
export function hashtag(slug: string): string | null {
  const tag = slug
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_]+/gu, '_')
    .replace(/^_+|_+$/g, '')
  return tag ? `#${tag}` : null
}

function composeWithin(release: ReleaseDetail, limit: number, noteHtml?: string): string {
  const title = truncateHtml(b(release.title.trim() || 'Untitled release'), TITLE_LIMIT)
  const when = release.publishedAt ?? release.firstSeenAt
  const meta = [dateFormat.format(new Date(when)), release.source?.trim()].filter(Boolean).join(' · ')
  const header = `${noteHtml ? `${noteHtml}\n` : ''}${title}\n${i(meta)}`
  const tags = [...new Set(release.topics.map((t) => hashtag(t.slug)).filter((t): t is string => t !== null))]
  const also = renderTranslationLinks(release.translations ?? [], release.language)
  const footer = [also, escapeHtml(tags.join(' '))].filter(Boolean).join('\n')
  // The summary gets what the header and the tags leave; "\n\n" separators count as visible characters.
  const fixed = visibleLength(header) + (footer ? visibleLength(footer) + 2 : 0)
  const room = limit - fixed - 2
  const summary = room > 20 ? renderParagraphs(release.summary, room) : ''
  const parts = [header, summary, footer].filter(Boolean)
  // Belt and braces: whatever the parts came to, the whole never exceeds Telegram's limit.
  return truncateHtml(parts.join('\n\n'), limit)
}

/**
 * Renders a release push: bold title, date and source, the summary, topic hashtags, and a "Read the full release"
 * button. Valid Telegram HTML (everything goes through src/render/), never over the message or caption
 * limit: the summary is what gets shortened.
 */
export function renderRelease(release: ReleaseDetail, noteHtml?: string): RenderedRelease {
  const href = release.url ? safeHref(release.url) : undefined
  const photoUrl = release.imageUrl ? (safeHref(release.imageUrl) ?? null) : null
  return {
    key: releaseKey(release.id, release.revision),
    releaseId: release.id,
    revision: release.revision,
    text: composeWithin(release, MESSAGE_LIMIT, noteHtml),
    caption: composeWithin(release, CAPTION_LIMIT, noteHtml),
    photoUrl,
    replyMarkup: href ? { inline_keyboard: [[{ text: READ_MORE_LABEL, url: href }]] } : undefined,
  }
}

/** The cache key of one rendering: a release at one revision. */
export function releaseKey(id: number, revision: number): string {
  return `release:${id}:${revision}`
}

/**
 * Renders each release revision once, however many chats receive it: a small LRU keyed by
 * `release:<id>:<revision>` (a fan-out touches one or two releases at a time, so a few dozen entries suffice).
 */
export function createReleaseRenderer(getRelease: (id: number) => ReleaseDetail | undefined, capacity = 64) {
  const cache = new Map<string, RenderedRelease>()
  let renders = 0
  return {
    /**
     * The current rendering of a release, or undefined when it no longer exists. `noteHtml` is a line above the
     * title (the alert that brought it), rendered and cached apart.
     */
    render(releaseId: number, noteHtml?: string): RenderedRelease | undefined {
      const release = getRelease(releaseId)
      if (!release) return undefined
      const key = `${releaseKey(release.id, release.revision)}${noteHtml ? `:${noteHtml}` : ''}`
      const hit = cache.get(key)
      if (hit) {
        cache.delete(key)
        cache.set(key, hit) // most recently used goes last
        return hit
      }
      const rendered = renderRelease(release, noteHtml)
      renders++
      cache.set(key, rendered)
      if (cache.size > capacity) cache.delete(cache.keys().next().value as string)
      return rendered
    },
    /** How many times a release was actually rendered (for tests: once per revision). */
    renderCount: () => renders,
  }
}

export type ReleaseRenderer = ReturnType<typeof createReleaseRenderer>
