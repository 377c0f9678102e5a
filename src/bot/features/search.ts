import { Composer, type InlineKeyboard } from 'grammy'
import { topicName as localTopicName } from '../../i18n/index.ts'
import { escapeHtml } from '../../render/escape.ts'
import { withArchiveButton } from '../archive-button.ts'
import { callbackPatterns } from '../callback-data.ts'
import type { BotContext } from '../context.ts'
import { searchKeyboard } from '../keyboards.ts'
import { readerLanguages } from '../reader-languages.ts'
import { PAGE_SIZE, renderNoHits, renderSearchPage } from '../render.ts'
import { answer, editHtml, replyHtml } from '../reply.ts'
import { MAX_SEARCH_OFFSET, type SearchCodecs } from '../search-codec.ts'
import { parseSearchQuery } from '../search-query.ts'
import { lookupTopic } from '../topic-lookup.ts'

/** What a search shows: a page (maybe with paging buttons), or a message explaining why there is none. */
export type SearchOutcome =
  | { kind: 'page'; html: string; keyboard: InlineKeyboard | undefined }
  | { kind: 'message'; html: string }
  | { kind: 'past-end' }

/**
 * Runs one search page for raw query text (words plus filters). Never throws on user input: bad dates,
 * unknown topics and FTS syntax all become messages (the search layer quotes every word).
 */
function runSearch(ctx: BotContext, codecs: SearchCodecs, query: string, offset: number): SearchOutcome {
  const parsed = parseSearchQuery(query)
  if (!parsed.ok) {
    const { key, vars } = parsed.error
    const escaped = Object.fromEntries(Object.entries(vars).map(([name, value]) => [name, escapeHtml(value)]))
    return { kind: 'message', html: ctx.t('search-error', { error: ctx.t(key, escaped) }) }
  }
  const { request } = parsed
  if (!request.words && !request.topic && request.from === undefined && request.to === undefined)
    return { kind: 'message', html: ctx.t('search-usage') }
  let topic: { slug: string; name: string; names: string | null } | undefined
  if (request.topic) {
    const found = lookupTopic(ctx.deps.store, request.topic, ctx)
    if (found.kind === 'unknown') return { kind: 'message', html: found.html }
    topic = found.topic
  }
  const topicName = topic && localTopicName(topic, ctx.locale)
  const page = ctx.deps.store.search.search(request.words, {
    languages: readerLanguages(ctx),
    limit: PAGE_SIZE,
    offset,
    topicSlug: topic?.slug,
    from: request.from,
    to: request.to,
  })
  if (page.hits.length === 0) {
    return offset > 0
      ? { kind: 'past-end' }
      : { kind: 'message', html: renderNoHits(request, ctx, topicName) }
  }
  return {
    kind: 'page',
    html: renderSearchPage(
      { request, topicName, hits: page.hits, total: page.total, capped: page.capped, offset },
      ctx,
    ),
    // The buttons' long queries are kept in the share of whoever asked (or turned the page).
    keyboard: withArchiveButton(
      searchKeyboard(
        codecs.forUser(ctx.from?.id ?? 0),
        query,
        { offset, pageSize: PAGE_SIZE, total: page.total },
        ctx,
      ),
      ctx.deps.archive?.search(query, ctx.locale),
      ctx,
    ),
  }
}

/**
 * /search <words> and the "More » / « Back" buttons, which edit the results message in place.
 * The query rides in the button data (see search-codec.ts), so no per-chat state is kept.
 */
export function createSearchFeature(codecs: SearchCodecs) {
  const composer = new Composer<BotContext>()

  composer.command('search', async (ctx) => {
    const query = ctx.match.trim()
    const outcome = runSearch(ctx, codecs, query, 0)
    if (outcome.kind === 'page') return replyHtml(ctx, outcome.html, outcome.keyboard)
    return replyHtml(ctx, outcome.kind === 'message' ? outcome.html : ctx.t('search-usage'))
  })

  const turnPage = async (ctx: BotContext, query: string | undefined, offset: number) => {
    if (query === undefined) return answer(ctx, ctx.t('search-expired'))
    if (offset > MAX_SEARCH_OFFSET) return answer(ctx, ctx.t('button-stale'))
    const outcome = runSearch(ctx, codecs, query, offset)
    if (outcome.kind === 'past-end') return answer(ctx, ctx.t('search-no-more'))
    await editHtml(ctx, outcome.html, outcome.kind === 'page' ? outcome.keyboard : undefined)
    return answer(ctx)
  }

  const codec = codecs.forUser(0) // decoding needs no owner: it is in the data
  composer.callbackQuery(callbackPatterns.searchInline, (ctx) =>
    turnPage(ctx, codec.decode('s', ctx.match[2] ?? ''), Number(ctx.match[1])),
  )
  composer.callbackQuery(callbackPatterns.searchCached, (ctx) =>
    turnPage(ctx, codec.decode('q', ctx.match[2] ?? ''), Number(ctx.match[1])),
  )

  return composer
}
