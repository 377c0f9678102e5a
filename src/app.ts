import { Api } from 'grammy'
import type { UserFromGetMe } from 'grammy/types'
import { createBot, registerCommands } from './bot/index.ts'
import { consoleUrlOf, registerConsoleButtons } from './bot/lifecycle/console-button.ts'
import { createFeedHealthNotifier } from './bot/lifecycle/feed-health.ts'
import { identifyBot } from './bot/lifecycle/identify.ts'
import { describePollingFailure, type Polling, startPolling } from './bot/lifecycle/polling.ts'
import { REQUEST_TIMEOUT_SECONDS } from './bot/middleware/api-limits.ts'
import type { Config } from './config.ts'
import { openStore, type Store } from './db/index.ts'
import { createBroadcastProgress } from './delivery/broadcast-progress.ts'
import { createBroadcastScheduler } from './delivery/broadcast-scheduler.ts'
import { createDigestScheduler } from './delivery/digest-scheduler.ts'
import { createPhotoGuard } from './delivery/photo-guard.ts'
import { createRetention } from './delivery/retention.ts'
import { createSender } from './delivery/sender.ts'
import { registerConfiguredFeeds } from './feed/feed-url.ts'
import { createFeedProcessor } from './feed/ingest-thread.ts'
import { createPollScheduler } from './feed/poll-scheduler.ts'
import { createPoller } from './feed/poller.ts'
import type { HttpServer } from './http-server.ts'
import type { Logger } from './logger.ts'
import { startSearchReindex } from './search/reindex-job.ts'
import { settleWithin } from './util/with-timeout.ts'
import { createArchiveLinks } from './web/archive/links.ts'

export type AppOptions = {
  /** Tests pass the bot's identity so grammY skips getMe. */
  botInfo?: UserFromGetMe
  /** Tests may open the store themselves (to inspect it); otherwise it is opened from config. */
  store?: Store
  /**
   * The app cannot go on (long polling was refused: another instance took over, or the token was revoked).
   * The process should stop it and exit non-zero; until then /healthz answers 503.
   */
  onFatal?: (error: unknown) => void
}

/**
 * How long stop() waits, at most, for each part in turn (updates being handled, the current poll, sends in
 * flight), and for all of them together: under the process's 30 s forced exit.
 */
const STOP_GRACE_MS = 10_000
const STOP_BUDGET_MS = 25_000

/**
 * The composition root: topics -> store -> sender -> bot -> digests, broadcast progress -> poller -> retention,
 * each built after what it needs. start() identifies the bot, starts the parts and the HTTP server, then takes
 * updates (webhook or long polling); stop() undoes it in reverse. Wiring and lifecycle only, no process handling,
 * so tests build exactly what `pressbot start` builds, against a fake Bot API.
 */
export async function createApp(config: Config, logger: Logger, options: AppOptions = {}) {
  if (!config.botToken) throw new Error('createApp needs config.botToken')
  // Compiled by createConfig (a bad TOPICS_FILE stopped it there), or the bundled rules, compiled on this call.
  const topicRules = config.topicRules()
  const store = options.store ?? openStore(config.databasePath)
  // A setting that cannot be read stops the start with its name, instead of a feed polled without it.
  try {
    store.feeds.checkStoredSettings()
  } catch (error) {
    if (!options.store) store.close()
    throw error
  }
  // Topics stored before the topics file named them in every language (or before it was edited) get its names.
  store.topics.setNames(topicRules.topics)
  // Alerts filed by an older search analysis (a migration marks them) are filed again before any release is matched.
  const refiled = store.alerts.refileStale()
  if (refiled.refiled + refiled.unparsable > 0)
    logger.info(refiled, 'alerts filed again for the new search analysis')
  for (const url of registerConfiguredFeeds(store.feeds, config.feedUrls))
    logger.warn({ feed: url }, 'FEED_URLS names a removed feed; it stays removed until added again')

  const archive = createArchiveLinks(config.publicUrl, config.webArchive && config.port !== undefined)
  // The sender gets its own plain Api: it pauses the whole queue on a 429, which a retrying transformer on a
  // shared Api (one day installed for replies) would silently defeat.
  const sender = createSender(
    {
      api: new Api(config.botToken, {
        apiRoot: config.telegramApiRoot,
        timeoutSeconds: REQUEST_TIMEOUT_SECONDS,
      }),
      store,
      logger: logger.child({ part: 'sender' }),
      photoGuard: createPhotoGuard({
        apiRoot: config.telegramApiRoot,
        allowPrivate: config.feedAllowPrivate,
      }),
      archive,
    },
    {
      ratePerSecond: config.sendRatePerSecond,
      paidBroadcast: config.paidBroadcast,
      concurrency: config.sendConcurrency,
      maxAttempts: config.sendMaxAttempts,
    },
  )
  const wakeSender = () => sender.wake()
  // Decided (and warned about) once: the same address for /console and the admins' menu buttons.
  const consoleUrl = consoleUrlOf(
    { publicUrl: config.publicUrl, httpServed: config.port !== undefined || config.botMode === 'webhook' },
    logger,
  )
  const bot = createBot(config.botToken, {
    store,
    adminIds: config.adminIds,
    logger: logger.child({ part: 'bot' }),
    apiRoot: config.telegramApiRoot,
    botInfo: options.botInfo,
    wakeSender,
    senderStats: () => sender.stats(),
    floodLimit: config.floodLimit,
    allowPrivateFeeds: config.feedAllowPrivate,
    archive,
    consoleUrl,
  })
  const digests = createDigestScheduler({
    store,
    logger: logger.child({ part: 'digests' }),
    onQueued: wakeSender,
  })
  const progress = createBroadcastProgress({
    api: bot.api,
    store,
    logger: logger.child({ part: 'broadcast' }),
  })
  const schedule = createBroadcastScheduler({
    api: bot.api,
    store,
    logger: logger.child({ part: 'broadcast' }),
    adminIds: config.adminIds,
    onQueued: wakeSender,
  })
  const poller = createPoller({
    ...store,
    topicRules,
    logger: logger.child({ part: 'poller' }),
    concurrency: config.pollConcurrency,
    timeoutMs: config.feedTimeoutMs,
    htmlRequestDelayMs: config.htmlRequestDelayMs,
    htmlBackfillPages: config.htmlBackfillPages,
    maxBytes: config.feedMaxBytes,
    processor: createFeedProcessor({ store, topicRules, timeoutMs: config.feedProcessTimeoutMs }),
    allowPrivate: config.feedAllowPrivate,
    onDeliveriesQueued: wakeSender,
    onFeedHealth: createFeedHealthNotifier({
      api: bot.api,
      adminIds: config.adminIds,
      localeOf: (id) => store.chats.localeOf(id),
      logger,
    }),
  })
  const pollSchedule = createPollScheduler({
    feeds: store.feeds,
    poller,
    logger: logger.child({ part: 'poller' }),
    defaultSchedule: config.pollSchedule,
  })
  const retention = createRetention(
    { store, logger: logger.child({ part: 'retention' }) },
    { retentionDays: config.deliveryRetentionDays },
  )
  let http: HttpServer | undefined
  let reindex: { stop(): Promise<void> } | undefined
  /** Long polling (polling mode only), from start() on. */
  let polling: Polling | undefined
  /** Set when the app can no longer work as it should; /healthz reports it. */
  let problem: string | null = null

  return {
    store,
    bot,
    sender,
    poller,
    pollSchedule,
    retention,
    digests,
    broadcastScheduler: schedule,
    get http() {
      return http
    },

    async start(): Promise<void> {
      // Identify the bot first: a wrong token should stop the start before anything else runs.
      await identifyBot(bot, { logger, apiRoot: config.telegramApiRoot })
      await registerCommands(bot.api, config.adminIds).catch((error: unknown) =>
        logger.warn({ err: error }, 'could not register the command list with Telegram'),
      )
      if (consoleUrl)
        await registerConsoleButtons(
          bot.api,
          { ids: config.adminIds, localeOf: (id) => store.chats.localeOf(id) },
          consoleUrl,
        ).catch((error: unknown) =>
          logger.warn({ err: error }, 'could not set the console menu button for every admin'),
        )
      sender.start()
      progress.start()
      // After the sender: a broadcast due while the service was down is queued at once and sent.
      schedule.start()
      retention.start()
      digests.start()
      reindex = startSearchReindex({
        reindex: store.searchReindex,
        databasePath: config.databasePath,
        logger: logger.child({ part: 'search' }),
      })
      poller.start()
      // Each source on its own time; the feeds on POLL_SCHEDULE are polled right away, so a fresh install has
      // releases before the first tick.
      pollSchedule.start()
      if (config.port !== undefined || config.botMode === 'webhook') {
        // Loaded only when there is an HTTP side: Fastify, its plugins and the templates cost about half a second
        // of start-up that a bot without PORT need not pay.
        const { createHttpServer } = await import('./http-server.ts')
        http = await createHttpServer({
          config,
          bot,
          store,
          sender,
          pollTimings: poller.timings,
          problem: () => problem,
          logger: logger.child({ part: 'http' }),
          console: {
            pollDue: () => {
              poller.pollDue().catch((error: unknown) => logger.error({ err: error }, 'console poll failed'))
            },
            wakeSender,
          },
        })
      }
      if (config.botMode === 'webhook') {
        await bot.api.setWebhook(config.webhookUrl!, {
          secret_token: config.webhookSecret,
          drop_pending_updates: false,
        })
        logger.info(
          { url: config.webhookUrl, username: bot.botInfo.username },
          'webhook set; waiting for updates',
        )
      } else {
        logger.info({ username: bot.botInfo.username }, 'bot started (long polling)')
        polling = startPolling(bot, {
          concurrency: config.updateConcurrency,
          logger: logger.child({ part: 'polling' }),
        })
        // Settles only when polling stops: on stop(), or on a 401/409, which no retry can mend.
        polling.ended.catch((error: unknown) => {
          problem = describePollingFailure(error)
          // The logger redacts the token; the error itself stays out (a stack is no help here).
          logger.fatal(problem)
          options.onFatal?.(error)
        })
      }
    },

    /**
     * Stops taking updates and lets those being handled finish, then the current poll and sends (each bounded),
     * and closes the database last, so nothing still running finds it gone.
     */
    async stop(): Promise<void> {
      const deadline = Date.now() + STOP_BUDGET_MS
      const grace = () => Math.max(0, Math.min(STOP_GRACE_MS, deadline - Date.now()))
      // Stops taking updates, then waits (bounded) for those being handled.
      if (polling) await settleWithin(polling.stop(grace()), grace())
      await http?.close(grace())
      await pollSchedule.stop()
      await poller.stop(grace())
      await settleWithin(schedule.stop(), grace())
      await settleWithin(progress.stop(), grace())
      await retention.stop()
      await reindex?.stop()
      digests.stop()
      await sender.stop(grace())
      store.close()
    },
  }
}

export type App = Awaited<ReturnType<typeof createApp>>
