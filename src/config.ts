import cron from 'node-cron'
import { z } from 'zod'
import { literalHostRefusal } from './feed/address-policy.ts'
import { normalizeFeedUrl } from './feed/feed-url.ts'
import { loadTopicRules, type TopicRules, TopicsFileError } from './feed/topics.ts'

/** Which settings a command needs: `start` needs the bot token, the CLI's offline commands do not. */
export type ConfigNeeds = { botToken: boolean }

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1' || value === 'yes')

/** A flag that is on unless set to false, 0 or no. */
const onUnlessOff = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .optional()
  .transform((value) => value === undefined || value === 'true' || value === '1' || value === 'yes')

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback)

const envSchema = z.object({
  DATABASE_PATH: z.string().min(1).default('./data/pressbot.db'),
  FEED_URLS: z
    .string()
    .optional()
    .transform(list)
    // The same rule as `feeds add` and /feed_add, so a URL in FEED_URLS and the same one typed in Telegram are
    // one feed, not two.
    .transform((urls, ctx) =>
      urls.map((raw) => {
        const result = normalizeFeedUrl(raw)
        if (result.ok) return result.url
        ctx.addIssue({ code: 'custom', message: `cannot use ${raw} as a feed URL: ${result.reason}` })
        return z.NEVER
      }),
    ),
  POLL_SCHEDULE: z
    .string()
    .default('*/5 * * * *')
    .refine((expr) => cron.validate(expr), 'must be a node-cron expression, e.g. "*/5 * * * *"'),
  POLL_CONCURRENCY: positiveInt(4),
  FEED_TIMEOUT_MS: positiveInt(15_000),
  FEED_MAX_BYTES: positiveInt(10 * 1024 * 1024),
  HTML_REQUEST_DELAY_MS: z.coerce.number().int().min(0).default(1_000),
  HTML_BACKFILL_PAGES: positiveInt(2),
  FEED_PROCESS_TIMEOUT_MS: positiveInt(60_000),
  FEED_ALLOW_PRIVATE: booleanFlag,
  TOPICS_FILE: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BOT_TOKEN: z
    .string()
    .regex(/^\d+:[\w-]{20,}$/, 'does not look like a bot token from @BotFather (digits:letters)')
    .optional(),
  ADMIN_IDS: z
    .string()
    .optional()
    .transform(list)
    .pipe(z.array(z.string().regex(/^-?\d+$/, 'must be comma-separated numeric Telegram user ids')))
    .transform((ids) => ids.map(Number)),
  TELEGRAM_API_ROOT: z
    .url({ protocol: /^https?$/ })
    .default('https://api.telegram.org')
    // grammY appends "/bot<token>/<method>": a trailing slash would double it.
    .transform((url) => url.replace(/\/+$/, '')),
  BOT_MODE: z.enum(['polling', 'webhook']).default('polling'),
  WEBHOOK_URL: z.url({ protocol: /^https$/, error: 'must be an https:// URL' }).optional(),
  WEBHOOK_SECRET: z
    .string()
    // Telegram accepts 1-256 characters; a short secret is guessable, and it is all that stands between the
    // open webhook URL and forged updates.
    .min(16, 'must be at least 16 characters (use a long random string)')
    .max(256, 'must be at most 256 characters (Telegram rule)')
    .regex(/^[A-Za-z0-9_-]+$/, 'may hold only A-Z, a-z, 0-9, _ and - (Telegram rule)')
    .optional(),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .refine((url) => !/[?#]/.test(url), 'must have no query or fragment (feed paths are appended to it)')
    .optional()
    // Feed paths are appended to it: a trailing slash would double theirs.
    .transform((url) => url?.replace(/\/+$/, '')),
  PUBLIC_HOSTS: z
    .string()
    .optional()
    .transform(list)
    .pipe(
      z.array(
        z
          .string()
          .transform((host) => host.toLowerCase())
          .refine((host) => {
            try {
              return new URL(`http://${host}`).host === host
            } catch {
              // Dropped: the TypeError; the refinement's message names the host.
              return false
            }
          }, 'must be comma-separated host names, each with an optional :port (no scheme, no path)'),
      ),
    ),
  WEB_ARCHIVE: onUnlessOff,
  WEB_SEARCH_PER_MINUTE: positiveInt(30),
  CONSOLE_SESSION_SECONDS: positiveInt(3600),
  SEND_RATE_PER_SECOND: z.coerce.number().positive().max(1000).optional(),
  PAID_BROADCAST: booleanFlag,
  SEND_CONCURRENCY: positiveInt(16),
  SEND_MAX_ATTEMPTS: positiveInt(6),
  UPDATE_CONCURRENCY: positiveInt(32),
  FLOOD_LIMIT: positiveInt(5),
  FLOOD_WINDOW_MS: positiveInt(2_000),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters (use a long random string)').optional(),
  DELIVERY_RETENTION_DAYS: z.coerce.number().int().min(0).default(30),
})

export type Config = {
  databasePath: string
  feedUrls: string[]
  pollSchedule: string
  pollConcurrency: number
  feedTimeoutMs: number
  feedMaxBytes: number
  /** Pause between two requests to one host of an HTML source. */
  htmlRequestDelayMs: number
  /** Listing pages the first poll of an HTML source reads. */
  htmlBackfillPages: number
  /** How long the ingestion worker may spend on one fetched feed (parse to store) before it is stopped. */
  feedProcessTimeoutMs: number
  /** Feeds (and their redirects) may reach loopback, private and other non-public addresses. Default false. */
  feedAllowPrivate: boolean
  topicsFile: string | undefined
  /**
   * The compiled topic rules of TOPICS_FILE, else of the bundled topics/default.json. A TOPICS_FILE is read and
   * validated by createConfig (a bad one stops the start); the bundled file is compiled on first call, so
   * commands that never tag a release do not pay for it.
   */
  topicRules: () => TopicRules
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL']
  botToken: string | undefined
  adminIds: number[]
  telegramApiRoot: string
  botMode: 'polling' | 'webhook'
  webhookUrl: string | undefined
  webhookSecret: string | undefined
  port: number | undefined
  /** Public address of the HTTP server, for the links inside published feeds; undefined: from the Host header. */
  publicUrl: string | undefined
  /**
   * Without PUBLIC_URL, the Host values shared caches may keep published feeds for (any other Host gets a
   * `private` answer); lower case, `host` or `host:port`.
   */
  publicHosts: string[]
  /** Serve the public web archive's pages on PORT (WEB_ARCHIVE, default true); feeds and health stay either way. */
  webArchive: boolean
  /** Searches one client address may run per minute on the web archive. */
  webSearchPerMinute: number
  /** How long a Mini App's initData opens the admins' console after Telegram signed it (its auth_date). */
  consoleSessionSeconds: number
  sendRatePerSecond: number
  paidBroadcast: boolean
  sendConcurrency: number
  sendMaxAttempts: number
  /** Incoming updates handled at once in long polling (across chats; one chat's stay in order). */
  updateConcurrency: number
  /** Incoming updates one user may send per window before the bot warns once and then ignores them. */
  floodLimit: { limit: number; timeFrameMs: number }
  /** Bearer token /metrics requires; unset, only loopback clients may read it. */
  metricsToken: string | undefined
  /** Sent, failed and skipped deliveries older than this are pruned (totals kept); 0 keeps them forever. */
  deliveryRetentionDays: number
}

/** A configuration problem, worded for a person: "BOT_TOKEN: is required to start the bot". */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

/**
 * Reads and compiles the topic rules: `path` when set, else the bundled topics/default.json. A missing or
 * invalid file is a ConfigError in one line (the first problem, and how many more there are).
 */
function readTopicsFile(path: string | undefined): TopicRules {
  try {
    return loadTopicRules(path)
  } catch (error) {
    if (error instanceof TopicsFileError) throw new ConfigError(`TOPICS_FILE: ${error.message}`)
    throw error
  }
}

/**
 * Validates the environment into a Config. Reads only `env` (tests pass their own) and, when TOPICS_FILE is
 * set, that file, so that a bad one stops the start with one line like any other setting.
 * Throws ConfigError naming the first bad variable.
 */
export function createConfig(env: Record<string, string | undefined>, needs: ConfigNeeds): Config {
  const cleaned = Object.fromEntries(
    Object.keys(envSchema.shape).map((key) => [key, env[key]?.trim() === '' ? undefined : env[key]?.trim()]),
  )
  const parsed = envSchema.safeParse(cleaned)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const variable = String(issue.path[0] ?? 'configuration')
    throw new ConfigError(`${variable}: ${issue.message}`)
  }
  const e = parsed.data
  if (needs.botToken && !e.BOT_TOKEN) {
    throw new ConfigError('BOT_TOKEN: is required to start the bot (get one from @BotFather, put it in .env)')
  }
  if (e.BOT_MODE === 'webhook') {
    if (!e.WEBHOOK_URL) throw new ConfigError('WEBHOOK_URL: is required when BOT_MODE=webhook')
    if (!e.WEBHOOK_SECRET) throw new ConfigError('WEBHOOK_SECRET: is required when BOT_MODE=webhook')
    if (e.PORT === undefined) throw new ConfigError('PORT: is required when BOT_MODE=webhook')
    if (e.PORT === 0) {
      throw new ConfigError(
        'PORT: must be a fixed port from 1 to 65535 when BOT_MODE=webhook (0 picks a random one nothing can forward to)',
      )
    }
  }
  let topicRules = e.TOPICS_FILE === undefined ? undefined : readTopicsFile(e.TOPICS_FILE)
  if (!e.FEED_ALLOW_PRIVATE) {
    for (const url of e.FEED_URLS) {
      const refusal = literalHostRefusal(new URL(url).hostname)
      if (refusal) throw new ConfigError(`FEED_URLS: cannot use ${url}: ${refusal}`)
    }
  }
  const rateCeiling = e.PAID_BROADCAST ? 1000 : 30
  const rate = e.SEND_RATE_PER_SECOND ?? 25
  if (rate > rateCeiling) {
    throw new ConfigError(
      `SEND_RATE_PER_SECOND: ${rate} is above Telegram's limit of ${rateCeiling}/s` +
        (e.PAID_BROADCAST ? '' : ' (set PAID_BROADCAST=true for up to 1000/s)'),
    )
  }
  return {
    databasePath: e.DATABASE_PATH,
    feedUrls: e.FEED_URLS,
    pollSchedule: e.POLL_SCHEDULE,
    pollConcurrency: e.POLL_CONCURRENCY,
    feedTimeoutMs: e.FEED_TIMEOUT_MS,
    feedMaxBytes: e.FEED_MAX_BYTES,
    htmlRequestDelayMs: e.HTML_REQUEST_DELAY_MS,
    htmlBackfillPages: e.HTML_BACKFILL_PAGES,
    feedProcessTimeoutMs: e.FEED_PROCESS_TIMEOUT_MS,
    feedAllowPrivate: e.FEED_ALLOW_PRIVATE,
    topicsFile: e.TOPICS_FILE,
    topicRules: () => {
      topicRules ??= readTopicsFile(undefined)
      return topicRules
    },
    logLevel: e.LOG_LEVEL,
    botToken: e.BOT_TOKEN,
    adminIds: e.ADMIN_IDS,
    telegramApiRoot: e.TELEGRAM_API_ROOT,
    botMode: e.BOT_MODE,
    webhookUrl: e.WEBHOOK_URL,
    webhookSecret: e.WEBHOOK_SECRET,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL,
    publicHosts: e.PUBLIC_HOSTS,
    webArchive: e.WEB_ARCHIVE,
    webSearchPerMinute: e.WEB_SEARCH_PER_MINUTE,
    consoleSessionSeconds: e.CONSOLE_SESSION_SECONDS,
    sendRatePerSecond: rate,
    paidBroadcast: e.PAID_BROADCAST,
    sendConcurrency: e.SEND_CONCURRENCY,
    sendMaxAttempts: e.SEND_MAX_ATTEMPTS,
    updateConcurrency: e.UPDATE_CONCURRENCY,
    floodLimit: { limit: e.FLOOD_LIMIT, timeFrameMs: e.FLOOD_WINDOW_MS },
    metricsToken: e.METRICS_TOKEN,
    deliveryRetentionDays: e.DELIVERY_RETENTION_DAYS,
  }
}
