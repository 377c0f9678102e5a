import type { InlineKeyboardMarkup } from 'grammy/types'
import { LRUCache } from 'lru-cache'
import { callbackData } from '../../bot/callback-data.ts'
import { renderTranslationLinks } from '../../bot/messages/translation-links.ts'
import type { ReleaseDetail } from '../../db/releases-repository.ts'
import { formatDate } from '../../i18n/dates.ts'
import { DEFAULT_LOCALE, type Locale, type Translator, toLocale, translator } from '../../i18n/index.ts'
import { b, i } from '../../render/builders.ts'
import { CAPTION_LIMIT, escapeHtml, MESSAGE_LIMIT, safeHref } from '../../render/escape.ts'
import { visibleLength } from '../../render/sanitize.ts'
import { renderParagraphs, truncateHtml } from '../../render/truncate.ts'
import type { ArchiveLinks } from '../../web/archive/links.ts'

/** One release as Telegram HTML, rendered once per language and sent to every chat that reads it. */
export type RenderedRelease = {
  /** `release:<id>:<revision>:<locale>`: a new revision is a new rendering. */
  key: string
  releaseId: number
  revision: number
  /** For sendMessage / editMessageText: at most 4096 visible characters. */
  text: string
  /** For sendPhoto / editMessageCaption: at most 1024 visible characters. */
  caption: string
  /** Send as a photo with `caption` when set; else as a text message. */
  photoUrl: string | null
  replyMarkup: InlineKeyboardMarkup
  /** The short "Updated" reply sent, after a substantial correction, to the push it corrects. */
  updateNotice: string
}

const TITLE_LIMIT = 300

/** "foreign-policy" -> "#foreign_policy": hashtags take letters, digits and underscores only. */
export function hashtag(slug: string): string | null {
  const tag = slug
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_]+/gu, '_')
    .replace(/^_+|_+$/g, '')
  return tag ? `#${tag}` : null
}

function composeWithin(release: ReleaseDetail, limit: number, tr: Translator, noteHtml?: string): string {
  const title = truncateHtml(b(release.title.trim() || tr.t('untitled-release')), TITLE_LIMIT)
  const when = release.publishedAt ?? release.firstSeenAt
  const meta = [formatDate(when, tr.locale, 'long'), release.source?.trim()].filter(Boolean).join(' · ')
  const header = `${noteHtml ? `${noteHtml}\n` : ''}${title}\n${i(meta)}`
  const tags = [...new Set(release.topics.map((t) => hashtag(t.slug)).filter((t): t is string => t !== null))]
  const also = renderTranslationLinks(release.translations ?? [], release.language, tr)
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
 * Renders a release push: bold title, date and source, the summary, topic hashtags, a "Read the full release"
 * button ("Open in archive" beside it when `archive` is given) and the "⋯" of its menu. The release is shown as it was published; the date and the button are in `locale`, the reader's
 * language. Valid Telegram HTML (everything goes through src/render/), never over the message or caption
 * limit: the summary is what gets shortened.
 */
export function renderRelease(
  release: ReleaseDetail,
  locale: Locale,
  noteHtml?: string,
  archive?: ArchiveLinks,
): RenderedRelease {
  const tr = translator(locale)
  const href = release.url ? safeHref(release.url) : undefined
  const photoUrl = release.imageUrl ? (safeHref(release.imageUrl) ?? null) : null
  return {
    key: releaseKey(release.id, release.revision, locale),
    releaseId: release.id,
    revision: release.revision,
    text: composeWithin(release, MESSAGE_LIMIT, tr, noteHtml),
    caption: composeWithin(release, CAPTION_LIMIT, tr, noteHtml),
    photoUrl,
    replyMarkup: pushKeyboard(release.id, href, tr, archive),
    updateNotice: truncateHtml(
      tr.t('push-updated', { title: b(release.title.trim() || tr.t('untitled-release')) }),
      TITLE_LIMIT + 40,
    ),
  }
}

/**
 * A push's own buttons, on one row: "Read the full release" (when it has a link) and the small "⋯" that opens its
 * menu in place (src/bot/features/push-menu.ts), which puts this keyboard back when it is done.
 */
export function pushKeyboard(
  releaseId: number,
  href: string | undefined,
  tr: Translator,
  archive?: ArchiveLinks | undefined,
): InlineKeyboardMarkup {
  const menu = { text: tr.t('push-menu-button'), callback_data: callbackData.pushMenu(releaseId) }
  const links = [
    ...(href ? [{ text: tr.t('push-read-more'), url: href }] : []),
    ...(archive ? [{ text: tr.t('open-in-archive'), url: archive.release(releaseId) }] : []),
  ]
  return { inline_keyboard: [[...links, menu]] }
}

/**
 * The keyboard without its link buttons (Telegram refused one's URL), keeping the menu's "⋯"; undefined when
 * nothing would be left, or when there was no link to drop (so a retry loop cannot spin on the same keyboard).
 */
export function withoutLinkButtons(
  markup: InlineKeyboardMarkup | undefined,
): InlineKeyboardMarkup | undefined {
  if (!markup?.inline_keyboard.some((row) => row.some((button) => 'url' in button))) return undefined
  const rows = markup.inline_keyboard
    .map((row) => row.filter((button) => !('url' in button)))
    .filter((row) => row.length > 0)
  return rows.length > 0 ? { inline_keyboard: rows } : undefined
}

/** The cache key of one rendering: a release at one revision, in one language. */
function releaseKey(id: number, revision: number, locale: Locale): string {
  return `release:${id}:${revision}:${locale}`
}

/**
 * Renders each release revision once per language, however many chats receive it: a small LRU keyed by
 * `release:<id>:<revision>:<locale>` (a fan-out touches one or two releases at a time, so a few dozen entries
 * suffice).
 */
export function createReleaseRenderer(
  getRelease: (id: number) => ReleaseDetail | undefined,
  capacity = 64,
  archive?: ArchiveLinks,
) {
  const cache = new LRUCache<string, RenderedRelease>({ max: capacity })
  let renders = 0
  return {
    /**
     * The current rendering of a release in `language` (a chat's stored locale; anything else is English), or
     * undefined when it no longer exists. `noteHtml` is a line above the title (the alert that brought it),
     * rendered and cached apart.
     */
    render(releaseId: number, language: string | null, noteHtml?: string): RenderedRelease | undefined {
      const locale = toLocale(language) ?? DEFAULT_LOCALE
      const release = getRelease(releaseId)
      if (!release) return undefined
      const key = `${releaseKey(release.id, release.revision, locale)}${noteHtml ? `:${noteHtml}` : ''}`
      const hit = cache.get(key) // get() makes it the most recently used
      if (hit) return hit
      const rendered = renderRelease(release, locale, noteHtml, archive)
      renders++
      cache.set(key, rendered)
      return rendered
    },
    /** How many times a release was actually rendered (for tests: once per revision and language). */
    renderCount: () => renders,
  }
}

export type ReleaseRenderer = ReturnType<typeof createReleaseRenderer>
