import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type { CommandContext } from './context.ts'
import { UsageError } from './errors.ts'

export const HELP = `pressbot: press releases from RSS/Atom feeds and press pages to Telegram

Usage: pressbot <command> [options]     (npm start = pressbot start)

  start                              run the service: migrations, poller, bot, sender
  poll --once                        poll every enabled feed now, one line per feed
  feeds add <url> [--name N] [--lang xx] [--strip regex]... [--every 60s]
  feeds add <listing-url> --preset <name> | --html <config.json>
                                     a press page without a feed, read as HTML (see presets list, README)
  feeds set <id|url> [--name N] [--lang xx] [--strip regex]... [--clear-strip] [--every 60s|default]
                                     --strip: drop lines of this feed's releases that match (boilerplate)
                                     --every: its own poll interval, 30s to 24h (default: POLL_SCHEDULE)
  feeds list [--json]
  feeds import <file.opml>           add the feeds of an OPML file (all or, if one is bad, none)
  feeds export                       the enabled feeds and press pages as OPML 2.0, on stdout
  feeds remove <id|url> [--purge]    stop polling it, releases kept (feeds add resumes); --purge deletes them
  presets list [--json]              built-in HTML source presets and the listing URLs they read
  presets show <name> [--listing <url>] [--json]
                                     a preset as a complete source config, to correct and add with --html
  search <words> [--limit N] [--json]
  releases show <id> [--json]
  broadcast --text "…" [--text-ru "…"] [--text-az "…"] [--lang ru,az] [--topic slug]... [--kind private,group,
            channel,forum] [--photo|--video|--document path|url] [--button "Label=https://…"]...
            [--at "YYYY-MM-DD HH:mm" --tz Zone] [--urgent] [--silent] [--json]
                                     queue (or schedule) a broadcast: an edition per language, each chat gets
                                     its language's (else the first given); prints its id and audience
  broadcasts list [--json]           scheduled, running and recent broadcasts with their reports
  broadcasts cancel <id>             cancel a scheduled or running broadcast
  broadcasts edit <id> [--text… ] [--at … --tz …]
                                     change it before it starts; once sent, correct it everywhere (48 h)
  broadcasts withdraw <id>           delete it everywhere it was sent (48 h)
  stats [--json]                     chats, releases, outbox and feed health
  console-link <admin id>            the admins' console's address, signed as Telegram would, for a browser
  backup <file>                      online SQLite backup, safe while the bot runs
  help                               this text

Configuration comes from the environment and ./.env (see README).`

const OPTIONS = {
  once: { type: 'boolean' },
  json: { type: 'boolean' },
  purge: { type: 'boolean' },
  name: { type: 'string' },
  lang: { type: 'string' },
  strip: { type: 'string', multiple: true },
  preset: { type: 'string' },
  html: { type: 'string' },
  listing: { type: 'string' },
  'clear-strip': { type: 'boolean' },
  every: { type: 'string' },
  limit: { type: 'string' },
  text: { type: 'string' },
  'text-en': { type: 'string' },
  'text-ru': { type: 'string' },
  'text-az': { type: 'string' },
  topic: { type: 'string', multiple: true },
  kind: { type: 'string' },
  source: { type: 'string', multiple: true },
  photo: { type: 'string' },
  video: { type: 'string' },
  document: { type: 'string' },
  button: { type: 'string', multiple: true },
  at: { type: 'string' },
  tz: { type: 'string' },
  urgent: { type: 'boolean' },
  silent: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

function parseLimit(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new UsageError('--limit wants a whole number from 1 to 1000')
  return n
}

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; tokens: true }>>['values']
type Tokens = ReadonlyArray<{ kind: string; name?: string; value?: string | undefined }>

/** The text options in the order given (the first is the broadcast's fallback edition): --text is English. */
function broadcastOptions(values: Values, tokens: Tokens) {
  const texts: Array<[string, string]> = []
  for (const token of tokens) {
    const { name, value } = token
    if (token.kind !== 'option' || !name || !/^text(-(en|ru|az))?$/.test(name) || value === undefined)
      continue
    texts.push([name === 'text' ? 'en' : name.slice(5), value])
  }
  return {
    texts,
    lang: values.lang,
    topic: values.topic,
    kind: values.kind,
    source: values.source,
    photo: values.photo,
    video: values.video,
    document: values.document,
    button: values.button,
    at: values.at,
    tz: values.tz,
    urgent: values.urgent,
    silent: values.silent,
    json: values.json ?? false,
  }
}

async function run(argv: string[]): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env')
  const { values, positionals, tokens } = parseArgs({
    args: argv,
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
    tokens: true,
  })
  const [command, sub, ...rest] = positionals
  if (!command || command === 'help' || values.help) return console.log(HELP)
  // The rest loads on demand: `pressbot help` answers without loading zod, drizzle or pino, and each command
  // loads only its own modules. Loading modules is most of the CLI's start-up time.
  const { createConfig } = await import('../config.ts')
  if (command === 'start') {
    // Validate first, so a missing token is one line even before the bot's modules load.
    const config = createConfig(process.env, { botToken: true })
    const { runService } = await import('../main.ts')
    return runService(config)
  }

  const config = createConfig(process.env, { botToken: false })
  const [{ openStore }, { registerConfiguredFeeds }] = await Promise.all([
    import('../db/index.ts'),
    import('../feed/feed-url.ts'),
  ])
  const feed = () => import('./feed-commands.ts')
  const ops = () => import('./ops-commands.ts')
  const archive = () => import('./archive-commands.ts')
  const broadcasts = () => import('./broadcast-commands.ts')
  // Only `poll --once` logs: the others do without pino, whose loading is a noticeable share of a command's start.
  const logger = async () => {
    const { createLogger } = await import('../logger.ts')
    // CLI output is for people: logs go to stderr so --json stays clean on stdout.
    return createLogger({
      level: config.logLevel === 'info' ? 'warn' : config.logLevel,
      destination: process.stderr,
      pretty: false,
    })
  }
  const store = openStore(config.databasePath)
  const ctx: CommandContext = { config, store, logger }
  try {
    registerConfiguredFeeds(store.feeds, config.feedUrls)
    switch (command) {
      case 'poll':
        if (!values.once)
          throw new UsageError('poll runs once: pressbot poll --once (the schedule runs in `start`)')
        return await (await feed()).pollOnce(ctx)
      case 'feeds':
        if (sub === 'add')
          return await (await feed()).feedsAdd(ctx, rest, {
            name: values.name,
            lang: values.lang,
            strip: values.strip,
            preset: values.preset,
            html: values.html,
            every: values.every,
          })
        if (sub === 'set')
          return await (await feed()).feedsSet(ctx, rest, {
            name: values.name,
            lang: values.lang,
            strip: values.strip,
            clearStrip: values['clear-strip'] ?? false,
            every: values.every,
          })
        if (sub === 'list') return (await feed()).feedsList(ctx, { json: values.json ?? false })
        if (sub === 'remove') return (await feed()).feedsRemove(ctx, rest, { purge: values.purge ?? false })
        if (sub === 'import') return (await import('./opml-commands.ts')).feedsImport(ctx, rest)
        if (sub === 'export') return (await import('./opml-commands.ts')).feedsExport(ctx)
        throw new UsageError(
          'feeds add <url> | feeds set <id|url> | feeds list | feeds remove <id|url> | feeds import <file> | feeds export',
        )
      case 'presets':
        if (sub === 'list' || sub === undefined)
          return (await import('./html-commands.ts')).presetsList({ json: values.json ?? false })
        if (sub === 'show')
          return (await import('./html-commands.ts')).presetsShow(rest[0], {
            listing: values.listing,
            json: values.json ?? false,
          })
        throw new UsageError('presets list [--json] | presets show <name> [--listing <url>] [--json]')
      case 'search':
        return (await archive()).searchCommand(ctx, [sub ?? '', ...rest], {
          limit: parseLimit(values.limit, 10),
          json: values.json ?? false,
        })
      case 'releases':
        if (sub === 'show') return (await archive()).releaseShow(ctx, rest, { json: values.json ?? false })
        throw new UsageError('releases show <id> [--json]')
      case 'broadcast':
        return (await broadcasts()).broadcastCommand(ctx, broadcastOptions(values, tokens))
      case 'broadcasts': {
        const commands = await broadcasts()
        if (sub === 'list') return commands.broadcastsList(ctx, { json: values.json ?? false })
        if (sub === 'cancel') return commands.broadcastsCancel(ctx, rest)
        if (sub === 'edit') return commands.broadcastsEdit(ctx, rest, broadcastOptions(values, tokens))
        if (sub === 'withdraw') return commands.broadcastsWithdraw(ctx, rest)
        throw new UsageError(
          'broadcasts list | broadcasts cancel <id> | broadcasts edit <id> | broadcasts withdraw <id>',
        )
      }
      case 'console-link':
        return await (await import('./console-commands.ts')).consoleLink(
          ctx,
          [sub ?? '', ...rest].filter(Boolean),
        )
      case 'stats':
        return (await ops()).statsCommand(ctx, { json: values.json ?? false })
      case 'backup':
        return await (await ops()).backupCommand(ctx, [sub ?? '', ...rest].filter(Boolean))
      default:
        throw new UsageError(`unknown command "${command}" (see: pressbot help)`)
    }
  } finally {
    store.close()
  }
}

run(process.argv.slice(2)).catch(async (error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`pressbot: ${error.message}`)
    process.exit(2)
  }
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    console.error(`pressbot: ${error.message} (see: pressbot help)`)
    process.exit(2)
  }
  // Each module below is loaded by the time its error can be thrown, so importing it here costs nothing.
  const { ConfigError } = await import('../config.ts')
  if (error instanceof ConfigError) {
    console.error(`pressbot: ${error.message}`)
    process.exit(2)
  }
  const { FeedSettingsError } = await import('../db/feeds-repository.ts')
  if (error instanceof FeedSettingsError) {
    console.error(`pressbot: ${error.message}`)
    process.exit(2)
  }
  const { DatabaseOpenError } = await import('../db/client.ts')
  if (error instanceof DatabaseOpenError) {
    console.error(`pressbot: DATABASE_PATH: ${error.message}`)
    process.exit(2)
  }
  const { redactSecrets } = await import('../logger.ts')
  console.error(
    `pressbot: ${redactSecrets(error instanceof Error ? (error.stack ?? error.message) : String(error))}`,
  )
  process.exit(1)
})
