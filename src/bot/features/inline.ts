import { Composer } from 'grammy'
import type { InlineQueryResultArticle } from 'grammy/types'
import type { Translator } from '../../i18n/index.ts'
import { safeHref } from '../../render/escape.ts'
import { truncateText } from '../../render/text.ts'
import { resolveSourceAndLanguage } from '../../search/filters.ts'
import { parseQuery } from '../../search/query.ts'
import type { ArchiveLinks } from '../../web/archive/links.ts'
import type { BotContext } from '../context.ts'
import { readerLanguages } from '../helpers/reader-languages.ts'
import { renderReleaseCard } from '../messages/releases.ts'
import type { TranslationLink } from '../messages/translation-links.ts'

/** Results per inline page, and how deep inline paging may go (Telegram shows few anyway). */
const INLINE_PAGE = 10
const INLINE_MAX_OFFSET = 50
/** Seconds Telegram may cache an answer: short, so new releases show up quickly. */
const CACHE_SECONDS = 10

type Shareable = {
  id: number
  title: string
  summary: string
  url: string | null
  language?: string | null
  translations?: TranslationLink[] | undefined
}

/**
 * One release as an inline result: a card with bold title, summary and link, sent as HTML; with the web archive
 * served, an "Open in archive" button under the card.
 */
function toArticle(
  release: Shareable,
  tr: Translator,
  archive: ArchiveLinks | undefined,
): InlineQueryResultArticle {
  const href = release.url ? safeHref(release.url) : undefined
  return {
    type: 'article',
    id: String(release.id),
    title: truncateText(release.title, 200) || tr.t('untitled-release'),
    description: truncateText(release.summary.replace(/\s+/g, ' ').trim(), 200),
    input_message_content: {
      message_text: renderReleaseCard(release, tr),
      parse_mode: 'HTML',
    },
    ...(href ? { url: href } : {}),
    ...(archive
      ? {
          reply_markup: {
            inline_keyboard: [[{ text: tr.t('open-in-archive'), url: archive.release(release.id) }]],
          },
        }
      : {}),
  }
}

/** Matching releases for `@bot words` (filters work too); the latest ones for an empty query. */
function findReleases(ctx: BotContext, query: string, offset: number): Shareable[] {
  const { store } = ctx.deps
  const parsed = parseQuery(query)
  // Half-typed filters ("from:2024-0", "source:pres") are normal while typing: show nothing rather than an error.
  if (!parsed.ok) return []
  const { request } = parsed
  const topicSlug = request.topic ? store.topics.find(request.topic)?.slug : undefined
  if (request.topic && !topicSlug) return []
  const resolved = resolveSourceAndLanguage(store, request)
  if (!resolved.ok) return []
  if (!request.words && !request.source && !request.lang)
    return store.releases.latest({ limit: INLINE_PAGE, offset, topicSlug })
  return store.search.search(request.words, {
    languages: readerLanguages(ctx),
    limit: INLINE_PAGE,
    offset,
    topicSlug,
    from: request.from,
    to: request.to,
    ...resolved.filters,
  }).hits
}

const composer = new Composer<BotContext>()

composer.on('inline_query', async (ctx) => {
  const rawOffset = ctx.inlineQuery.offset
  const offset = /^\d{1,3}$/.test(rawOffset) ? Number(rawOffset) : 0
  const releases = offset <= INLINE_MAX_OFFSET ? findReleases(ctx, ctx.inlineQuery.query, offset) : []
  const more = releases.length === INLINE_PAGE && offset + INLINE_PAGE < INLINE_MAX_OFFSET
  await ctx.answerInlineQuery(
    releases.map((release) => toArticle(release, ctx, ctx.deps.archive)),
    {
      cache_time: CACHE_SECONDS,
      // The cards' furniture is in the user's language: Telegram must not show one user's answer to another.
      is_personal: true,
      next_offset: more ? String(offset + INLINE_PAGE) : '',
    },
  )
})

export { composer as inlineFeature }
