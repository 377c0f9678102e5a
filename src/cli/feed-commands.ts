import type { Config } from '../config.ts'
import type { Store } from '../db/index.ts'
import type { FeedRow } from '../db/schema.ts'
import { checkNewFeedUrl, findFeedByUrl } from '../feed/feed-url.ts'
import { primaryLanguage } from '../feed/language.ts'
import { formatPollInterval, parsePollInterval } from '../feed/poll-interval.ts'
import type { CommandContext } from './context.ts'
import { UsageError } from './errors.ts'
import { formatTable, formatTime, printJson } from './output.ts'

/** The URL of a feed to add, checked (see checkNewFeedUrl), or a usage error saying what is wrong. */
function newFeedUrlArgument(raw: string | undefined, config: Config): string {
  if (!raw?.trim()) throw new UsageError('a feed URL is required, e.g. https://example.org/rss.xml')
  const result = checkNewFeedUrl(raw, { allowPrivate: config.feedAllowPrivate })
  if (!result.ok) throw new UsageError(`cannot use ${raw.trim()} as a feed URL: ${result.reason}`)
  return result.url
}

export async function pollOnce(ctx: CommandContext): Promise<void> {
  // Loaded here, not at the top: the feed pipeline (fetching, parsing) is most of what this module would load,
  // and the other commands here do not need it.
  const { createPoller } = await import('../feed/poller.ts')
  const { createFeedProcessor } = await import('../feed/ingest-thread.ts')
  const topicRules = ctx.config.topicRules()
  const poller = createPoller({
    ...ctx.store,
    topicRules,
    logger: await ctx.logger(),
    concurrency: ctx.config.pollConcurrency,
    timeoutMs: ctx.config.feedTimeoutMs,
    htmlRequestDelayMs: ctx.config.htmlRequestDelayMs,
    htmlBackfillPages: ctx.config.htmlBackfillPages,
    maxBytes: ctx.config.feedMaxBytes,
    processor: createFeedProcessor({
      store: ctx.store,
      topicRules,
      timeoutMs: ctx.config.feedProcessTimeoutMs,
    }),
    allowPrivate: ctx.config.feedAllowPrivate,
  })
  const reports = await poller.pollAll().finally(() => poller.stop())
  if (reports.length === 0) console.log('No enabled feeds. Add one: pressbot feeds add <url>')
  for (const { feed, outcome, ms } of reports) {
    let text: string
    if (outcome.kind === 'error') text = `error: ${outcome.error}`
    else if (outcome.kind === 'not-modified') text = 'not modified'
    else if (outcome.added + outcome.updated === 0) text = `unchanged (${outcome.unchanged} releases)`
    else {
      text = `${outcome.added} new${outcome.backfill ? ' (first poll: stored as backfill, not pushed)' : ''}, ${outcome.updated} updated, ${outcome.unchanged} unchanged`
    }
    if (outcome.kind === 'stored' && outcome.error) text += `; error: ${outcome.error}`
    console.log(`${feed.url}  ${text}  [${ms} ms]`)
  }
}

/**
 * `--strip` values: extra boilerplate line patterns for one feed (RE2 syntax, case-insensitive, matched against
 * each trimmed line of a cleaned release). They run on re2js, in time linear in the line whatever the pattern (see
 * src/feed/operator-patterns.ts); checked here, so a typo or an unsupported construct is a clear error.
 */
async function stripPatterns(raw: string[] | undefined): Promise<string[] | undefined> {
  if (raw === undefined) return undefined
  // The RE2 engine loads only when patterns are given: `feeds list` and the rest do without it.
  const { operatorPatternProblem } = await import('../feed/operator-patterns.ts')
  return raw.map((source) => {
    if (!source.trim()) throw new UsageError('--strip wants a pattern, e.g. --strip "^Photo: .*$"')
    const problem = operatorPatternProblem(source)
    if (problem)
      throw new UsageError(
        `--strip ${source} is not a valid RE2 pattern (RE2 syntax: no backreferences or lookaround): ${problem}`,
      )
    return source
  })
}

/** `--every 60s`: the feed's own poll interval; `--every default` (feeds set) returns it to POLL_SCHEDULE. */
function everyOption(raw: string | undefined, options: { allowDefault: boolean }): number | null | undefined {
  if (raw === undefined) return undefined
  if (options.allowDefault && raw.trim() === 'default') return null
  const parsed = parsePollInterval(raw)
  if (!parsed.ok) throw new UsageError(parsed.error)
  return parsed.ms
}

/** How a feed is scheduled, for `feeds list` and the confirmation lines. */
function scheduleOf(feed: FeedRow, config: Config): string {
  return feed.pollIntervalMs === null
    ? `POLL_SCHEDULE (${config.pollSchedule})`
    : `every ${formatPollInterval(feed.pollIntervalMs)}`
}

function languageOption(raw: string | undefined): string | null | undefined {
  if (raw === undefined) return undefined
  const language = primaryLanguage(raw)
  if (!language) throw new UsageError('--lang wants a language code such as en, ru, az')
  return language
}

export async function feedsAdd(
  ctx: CommandContext,
  args: string[],
  options: { name?: string; lang?: string; strip?: string[]; preset?: string; html?: string; every?: string },
): Promise<void> {
  const pollIntervalMs = everyOption(options.every, { allowDefault: false })
  // Loaded only for --preset / --html: cheerio and the presets are not needed by the other commands.
  const html =
    options.preset === undefined && options.html === undefined
      ? undefined
      : (await import('./html-commands.ts')).htmlSourceOption(
          newFeedUrlArgument(args[0], ctx.config),
          options,
        )
  const url = html?.url ?? newFeedUrlArgument(args[0], ctx.config)
  const language = languageOption(options.lang) ?? null
  const boilerplatePatterns = (await stripPatterns(options.strip)) ?? null
  const { feed, created, resumed } = ctx.store.feeds.add(
    {
      url,
      name: options.name ?? null,
      language,
      boilerplatePatterns,
      sourceConfig: html?.sourceConfig,
      pollIntervalMs,
    },
    { resume: true },
  )
  // Adding an HTML source again with a corrected config (or preset) is how an operator fixes it.
  if (html && !created && !resumed && feed.sourceConfig !== html.sourceConfig) {
    ctx.store.feeds.configure(feed.id, { sourceConfig: html.sourceConfig })
    console.log(`Feed ${feed.id}: source config replaced; its next poll reads the site with it.`)
    return
  }
  if (resumed) console.log(`Resumed feed ${feed.id}: ${feed.url} (removed earlier; its releases were kept)`)
  else
    console.log(
      created ? `Added feed ${feed.id}: ${feed.url}` : `Feed ${feed.id} already exists: ${feed.url}`,
    )
  if (created || resumed) {
    console.log(`Polled ${scheduleOf(feed, ctx.config)}.`)
    console.log('Its next poll stores the current items as backfill (searchable, not pushed).')
  } else if (
    options.name !== undefined ||
    options.lang !== undefined ||
    options.strip !== undefined ||
    options.every !== undefined
  )
    console.log(`Nothing changed; to change its settings: pressbot feeds set ${feed.id} …`)
}

/** Changes a feed's name, language or boilerplate patterns; its releases follow on the next poll. */
export async function feedsSet(
  ctx: CommandContext,
  args: string[],
  options: { name?: string; lang?: string; strip?: string[]; clearStrip: boolean; every?: string },
): Promise<void> {
  const wanted = args[0]?.trim()
  const usage =
    'pressbot feeds set <id|url> [--name N] [--lang xx|--lang ""] [--strip regex]... [--clear-strip] [--every 60s|default]'
  if (!wanted) throw new UsageError(`which feed? ${usage}`)
  if (options.strip !== undefined && options.clearStrip)
    throw new UsageError('--strip and --clear-strip contradict each other: pick one')
  const changes = {
    name: options.name === undefined ? undefined : options.name.trim() || null,
    // An empty --lang clears the operator's choice: the items' own language applies again.
    language: options.lang?.trim() === '' ? null : languageOption(options.lang),
    boilerplatePatterns: options.clearStrip ? null : await stripPatterns(options.strip),
  }
  const pollIntervalMs = everyOption(options.every, { allowDefault: true })
  if (Object.values(changes).every((v) => v === undefined) && pollIntervalMs === undefined)
    throw new UsageError(`what to change? ${usage}`)
  const feed = findFeed(ctx.store, wanted)
  if (!feed) throw new UsageError(`no feed with id or URL ${wanted} (see: pressbot feeds list)`)
  const updated = ctx.store.feeds.configure(feed.id, { ...changes, pollIntervalMs })!
  if (pollIntervalMs !== undefined) {
    // A running service reads the change within 30 s; its next poll comes then, and the new grid from there on.
    console.log(`Feed ${updated.id}: polled ${scheduleOf(updated, ctx.config)} from its next poll.`)
    if (Object.values(changes).every((v) => v === undefined)) return
  }
  const patterns = updated.boilerplatePatterns ? (JSON.parse(updated.boilerplatePatterns) as string[]) : []
  console.log(
    `Feed ${updated.id}: name ${updated.name ?? '(from the feed)'}, language ${updated.language ?? '(from the feed)'}, ` +
      `${patterns.length} extra boilerplate pattern${patterns.length === 1 ? '' : 's'}.`,
  )
  console.log('Its releases are processed again on the next poll (pressbot poll --once to do it now).')
}

export function feedsList(ctx: CommandContext, options: { json: boolean }): void {
  const feeds = ctx.store.feeds.list().map((f) => ({
    id: f.id,
    url: f.url,
    kind: f.kind,
    title: f.name ?? f.title,
    language: f.language,
    status: f.status,
    lastError: f.lastError,
    consecutiveErrors: f.consecutiveErrors,
    releaseCount: f.releaseCount,
    lastPolledAt: f.lastPolledAt === null ? null : new Date(f.lastPolledAt).toISOString(),
    nextPollAt: f.nextPollAt === null ? null : new Date(f.nextPollAt).toISOString(),
    every: f.pollIntervalMs === null ? null : formatPollInterval(f.pollIntervalMs),
    pollDueAt: f.pollDueAt === null ? null : new Date(f.pollDueAt).toISOString(),
  }))
  if (options.json) {
    printJson(feeds)
    return
  }
  if (feeds.length === 0) {
    console.log('No feeds yet. Add one: pressbot feeds add <url>')
    return
  }
  const rows = feeds.map((f) => ({
    ...f,
    lastPolled: formatTime(f.lastPolledAt ? Date.parse(f.lastPolledAt) : null),
  }))
  console.log(
    formatTable(
      rows,
      [
        'id',
        'kind',
        'url',
        'title',
        'language',
        'every',
        'status',
        'releaseCount',
        'lastPolled',
        'lastError',
      ],
      48,
    ),
  )
}

/** A feed by id, or by URL however it is spelled (see findFeedByUrl). */
function findFeed(store: Store, wanted: string): FeedRow | undefined {
  if (/^\d+$/.test(wanted)) return store.feeds.get(Number(wanted))
  const found = findFeedByUrl(wanted, (url) => store.feeds.findByIdOrUrl(url))
  if (!found.ok) throw new UsageError(`cannot use ${wanted} as a feed URL: ${found.reason}`)
  return found.feed
}

export function feedsRemove(ctx: CommandContext, args: string[], options: { purge: boolean }): void {
  const wanted = args[0]?.trim()
  if (!wanted) throw new UsageError('which feed? pressbot feeds remove <id|url> [--purge]')
  const feed = findFeed(ctx.store, wanted)
  if (!feed) throw new UsageError(`no feed with id or URL ${wanted} (see: pressbot feeds list)`)
  if (!feed.enabled && !options.purge)
    throw new UsageError(`feed ${feed.id} is already removed (--purge deletes it and its releases)`)
  const purged = ctx.store.feeds.remove(feed.id, { purge: options.purge })
  console.log(
    options.purge
      ? `Removed feed ${feed.id} and its ${purged} releases.`
      : `Removed feed ${feed.id}; it is no longer polled, its releases stay searchable ` +
          '(feeds add <url> resumes it, --purge deletes them).',
  )
}
