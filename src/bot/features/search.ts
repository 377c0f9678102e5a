import { Composer, type InlineKeyboard } from 'grammy'
import { topicName as localTopicName } from '../../i18n/index.ts'
import { escapeHtml } from '../../render/escape.ts'
import { resolveSourceAndLanguage } from '../../search/filters.ts'
import { hasCriteria, parseQuery, type QueryError } from '../../search/query.ts'
import { callbackPatterns } from '../callback-data.ts'
import type { BotContext } from '../context.ts'
import { readerLanguages } from '../helpers/reader-languages.ts'
import { answer, editHtml, replyHtml } from '../helpers/reply.ts'
import { MAX_SEARCH_OFFSET, type SearchCodecs } from '../helpers/search-codec.ts'
import { targetFor } from '../helpers/subscription-target.ts'
import { lookupTopic } from '../helpers/topic-lookup.ts'
import { withArchiveButton } from '../messages/archive-button.ts'
import { noHitsKeyboard, searchKeyboard } from '../messages/keyboards.ts'
import { PAGE_SIZE, renderNoHits, renderSearchPage } from '../messages/releases.ts'
import { saveAlert } from './alerts.ts'

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
  const parsed = parseQuery(query)
  if (!parsed.ok) return { kind: 'message', html: errorHtml(ctx, parsed.error) }
  const { request } = parsed
  if (!hasCriteria(request)) return { kind: 'message', html: ctx.t('search-usage') }
  let topic: { slug: string; name: string; names: string | null } | undefined
  if (request.topic) {
    const found = lookupTopic(ctx.deps.store, request.topic, ctx)
    if (found.kind === 'unknown') return { kind: 'message', html: found.html }
    topic = found.topic
  }
  const resolved = resolveSourceAndLanguage(ctx.deps.store, request)
  if (!resolved.ok) return { kind: 'message', html: errorHtml(ctx, resolved.error) }
  const topicName = topic && localTopicName(topic, ctx.locale)
  const languages = readerLanguages(ctx)
  const page = ctx.deps.store.search.search(request.words, {
    languages,
    limit: PAGE_SIZE,
    offset,
    topicSlug: topic?.slug,
    from: request.from,
    to: request.to,
    ...resolved.filters,
  })
  const codec = codecs.forUser(ctx.from?.id ?? 0)
  if (page.hits.length === 0) {
    if (offset > 0) return { kind: 'past-end' }
    // Nothing found: the nearest words of the archive's own vocabulary, one tap to search them instead.
    const suggestion = request.words
      ? ctx.deps.store.search.suggest(request.words, resolved.filters.language ?? languages[0])
      : null
    const suggested = suggestion === null ? undefined : query.replace(request.words, suggestion)
    const html = renderNoHits(request, ctx, topicName)
    return {
      kind: 'page',
      html: suggested
        ? `${html}\n\n${ctx.t('search-did-you-mean', { suggestion: escapeHtml(suggestion ?? '') })}`
        : html,
      keyboard: noHitsKeyboard(codec, suggested, ctx),
    }
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
        codec,
        query,
        { offset, pageSize: PAGE_SIZE, total: page.total, alert: parseQuery(query, 'alert').ok },
        ctx,
      ),
      ctx.deps.archive?.search(query, ctx.locale),
      ctx,
    ),
  }
}

/** A query's error as the reader's language says it, its typed values escaped. */
function errorHtml(ctx: BotContext, error: QueryError): string {
  const escaped = Object.fromEntries(
    Object.entries(error.vars).map(([name, value]) => [name, escapeHtml(value)]),
  )
  return ctx.t('search-error', { error: ctx.t(error.key, escaped) })
}

/**
 * /search <words> and the "More » / « Back" buttons, which edit the results message in place.
 * The query rides in the button data (see helpers/search-codec.ts), so no per-chat state is kept.
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
  // "Alert me about new ones" under results: the query becomes an alert of this chat, with /alert's rules (a
  // query with dates or a source is told why it cannot be one).
  const alertFrom = async (ctx: BotContext, query: string | undefined) => {
    if (query === undefined) return answer(ctx, ctx.t('search-expired'))
    const resolved = await targetFor(ctx, undefined)
    if (!resolved.ok) return answer(ctx, resolved.text)
    await answer(ctx)
    return saveAlert(ctx, resolved.target, query)
  }
  composer.callbackQuery(callbackPatterns.searchAlertInline, (ctx) =>
    alertFrom(ctx, codec.decode('s', ctx.match[1] ?? '')),
  )
  composer.callbackQuery(callbackPatterns.searchAlertCached, (ctx) =>
    alertFrom(ctx, codec.decode('q', ctx.match[1] ?? '')),
  )
  composer.callbackQuery(callbackPatterns.searchInline, (ctx) =>
    turnPage(ctx, codec.decode('s', ctx.match[2] ?? ''), Number(ctx.match[1])),
  )
  composer.callbackQuery(callbackPatterns.searchCached, (ctx) =>
    turnPage(ctx, codec.decode('q', ctx.match[2] ?? ''), Number(ctx.match[1])),
  )

  return composer
}
