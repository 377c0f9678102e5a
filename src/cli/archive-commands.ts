import { translate } from '../i18n/index.ts'
import { resolveSourceAndLanguage } from '../search/filters.ts'
import { parseQuery, type QueryError } from '../search/query.ts'
import type { CommandContext } from './context.ts'
import { UsageError } from './errors.ts'
import { formatTime, markForTerminal, printJson } from './output.ts'

/** A query the bot's language refuses, in the bot's English words. */
function refuse(error: QueryError): never {
  throw new UsageError(translate('en', error.key, error.vars))
}

/** The archive from the shell: search it, show one release. Reads only; loads nothing of the feed pipeline. */
export function searchCommand(
  ctx: CommandContext,
  args: string[],
  options: { limit: number; json: boolean },
): void {
  const query = args.join(' ').trim()
  if (!query)
    throw new UsageError(
      'what to search for? pressbot search <words> ["a phrase"] [-word] [topic:<slug>] [source:<id|site>] ' +
        '[lang:<en|ru|az>] [from:YYYY-MM-DD] [to:YYYY-MM-DD] [--limit N] [--json]',
    )
  const parsed = parseQuery(query)
  if (!parsed.ok) refuse(parsed.error)
  const { request } = parsed
  const topic = request.topic === undefined ? undefined : ctx.store.topics.find(request.topic)
  if (request.topic !== undefined && !topic)
    throw new UsageError(
      `no topic "${request.topic}" (a slug or a name of one of the topics, as /topics lists them)`,
    )
  const resolved = resolveSourceAndLanguage(ctx.store, request)
  if (!resolved.ok) refuse(resolved.error)
  const { hits, total, capped } = ctx.store.search.search(request.words, {
    limit: options.limit,
    topicSlug: topic?.slug,
    from: request.from,
    to: request.to,
    ...resolved.filters,
  })
  const topics = ctx.store.releases.topicsOf(hits.map((h) => h.id))
  const results = hits.map((h) => ({
    id: h.id,
    title: h.title,
    url: h.url,
    published_at: h.publishedAt === null ? null : new Date(h.publishedAt).toISOString(),
    // The same [brackets] around matched words as the table: the index's private-use markers mean nothing outside.
    snippet: markForTerminal(h.snippet),
    summary: h.summary,
    topics: (topics.get(h.id) ?? []).map((t) => t.slug),
  }))
  if (options.json) {
    printJson(results)
    return
  }
  if (results.length === 0) {
    console.log(`No releases match "${query}".`)
    return
  }
  console.log(
    `${total}${capped ? '+' : ''} release${total === 1 ? '' : 's'} match; showing ${results.length}.\n`,
  )
  for (const r of results) {
    console.log(
      `#${r.id}  ${r.title}\n    ${formatTime(r.published_at ? Date.parse(r.published_at) : null)}  ${r.url ?? ''}`,
    )
    console.log(`    ${r.snippet.replaceAll(/\s+/g, ' ')}\n`)
  }
}

export function releaseShow(ctx: CommandContext, args: string[], options: { json: boolean }): void {
  const id = Number(args[0])
  if (!args[0] || !Number.isInteger(id))
    throw new UsageError('which release? pressbot releases show <id> [--json]')
  const release = ctx.store.releases.get(id)
  if (!release) throw new UsageError(`no release with id ${id}`)
  const view = {
    id: release.id,
    title: release.title,
    url: release.url,
    published_at: release.publishedAt === null ? null : new Date(release.publishedAt).toISOString(),
    source: release.source,
    language: release.language,
    translations: ctx.store.releases.translationsOf(release),
    summary: release.summary,
    topics: release.topics.map((t) => t.slug),
    body: release.body,
  }
  if (options.json) {
    printJson(view)
    return
  }
  console.log(
    `${view.title}\n${view.url ?? '(no link)'}\n${formatTime(release.publishedAt)}  ${view.source ?? ''}  ${view.language ?? ''}`,
  )
  if (view.translations.length > 0)
    console.log(`Also in: ${view.translations.map((t) => `${t.language ?? '?'} (#${t.id})`).join(', ')}`)
  console.log(`Topics: ${view.topics.join(', ') || '-'}\n\nSummary:\n${view.summary}\n\n${view.body}`)
}
