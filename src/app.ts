import { Api, GrammyError } from 'grammy'
import type { UserFromGetMe } from 'grammy/types'
import { createBot, notifyAdmins, registerCommands } from './bot/index.ts'
import { type Config, ConfigError, loadTopicsFile } from './config.ts'
import { openStore, type Store } from './db/index.ts'
import { createBroadcastProgress } from './delivery/broadcast-progress.ts'
import { createSender } from './delivery/sender.ts'
import { createPoller } from './feed/poller.ts'
import { createHttpServer, type HttpServer } from './http-server.ts'
import type { Logger } from './logger.ts'
import { escapeHtml } from './render/html.ts'

export type AppOptions = {
  /** Tests pass the bot's identity so grammY skips getMe. */
  botInfo?: UserFromGetMe
  /** Tests may open the store themselves (to inspect it); otherwise it is opened from config. */
  store?: Store
}

/**
 * The composition root: config -> store -> bot -> poller -> sender -> http. Pure wiring, no process handling,
 * so tests build exactly what `pressbot start` builds, against a fake Bot API.
 */
export async function createApp(config: Config, logger: Logger, options: AppOptions = {}) {
  if (!config.botToken) throw new Error('createApp needs config.botToken')
  // Topics before the store: a bad TOPICS_FILE is a one-line ConfigError with nothing to clean up.
  const topicRules = loadTopicsFile(config.topicsFile)
  const store = options.store ?? openStore(config.databasePath)
  for (const url of config.feedUrls) store.feeds.add({ url })

  let wake = () => {}
  const bot = createBot(config.botToken, {
    store,
    adminIds: config.adminIds,
    logger: logger.child({ part: 'bot' }),
    apiRoot: config.telegramApiRoot,
    botInfo: options.botInfo,
    wakeSender: () => wake(),
    senderStats: () => sender.stats(),
    floodLimit: config.floodLimit,
  })
  // The sender gets its own plain Api: it pauses the whole queue on a 429, which a retrying transformer on a
  // shared Api (one day installed for replies) would silently defeat.
  const sender = createSender(
    {
      api: new Api(config.botToken, { apiRoot: config.telegramApiRoot }),
      store,
      logger: logger.child({ part: 'sender' }),
    },
    {
      ratePerSecond: config.sendRatePerSecond,
      paidBroadcast: config.paidBroadcast,
      concurrency: config.sendConcurrency,
      maxAttempts: config.sendMaxAttempts,
    },
  )
  wake = () => sender.wake()
  const progress = createBroadcastProgress({
    api: bot.api,
    store,
    logger: logger.child({ part: 'broadcast' }),
  })
  const poller = createPoller({
    ...store,
    topicRules,
    logger: logger.child({ part: 'poller' }),
    concurrency: config.pollConcurrency,
    timeoutMs: config.feedTimeoutMs,
    maxBytes: config.feedMaxBytes,
    onDeliveriesQueued: () => sender.wake(),
    onFeedHealth: (event) => {
      const name = escapeHtml(event.feed.name ?? event.feed.title ?? event.feed.url)
      const text =
        event.kind === 'failing'
          ? `⚠️ Feed <b>${name}</b> has failed ${event.feed.consecutiveErrors} polls in a row.\nLast error: ${escapeHtml(event.error ?? 'unknown')}`
          : `✅ Feed <b>${name}</b> is polling again.`
      void notifyAdmins(bot.api, config.adminIds, text, logger)
    },
  })
  let http: HttpServer | undefined

  /** getMe, which grammY retries quietly while Telegram is unreachable: say so, and name a rejected token. */
  async function identify(): Promise<void> {
    const waiting = setInterval(
      () =>
        logger.warn(
          { apiRoot: config.telegramApiRoot },
          'still trying to reach Telegram (getMe); check the network',
        ),
      30_000,
    )
    waiting.unref()
    try {
      await bot.init()
    } catch (error) {
      if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
        throw new ConfigError(
          `BOT_TOKEN: Telegram rejected it (${error.error_code} ${error.description}); copy it again from @BotFather`,
        )
      }
      throw error
    } finally {
      clearInterval(waiting)
    }
  }

  return {
    store,
    bot,
    sender,
    poller,
    get http() {
      return http
    },

    async start(): Promise<void> {
      // Identify the bot first: a wrong token should stop the start before anything else runs.
      await identify()
      await registerCommands(bot.api, config.adminIds).catch((error: unknown) =>
        logger.warn({ err: error }, 'could not register the command list with Telegram'),
      )
      sender.start()
      progress.start()
      poller.start(config.pollSchedule)
      // Poll once right away, so a fresh install has releases before the first cron tick.
      void poller.pollDue()
      if (config.port !== undefined || config.botMode === 'webhook') {
        http = await createHttpServer({
          config,
          bot,
          store,
          sender,
          pollTimings: poller.timings,
          logger: logger.child({ part: 'http' }),
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
        // bot.start() resolves only when polling stops; do not await it here.
        void bot.start({ drop_pending_updates: false }).catch((error: unknown) => {
          logger.error({ err: error }, 'long polling stopped with an error')
        })
      }
    },

    /** Stops taking updates, lets the current poll and sends finish (bounded), closes the database. */
    async stop(): Promise<void> {
      if (bot.isRunning()) await bot.stop().catch(() => undefined)
      await http?.close()
      await poller.stop(10_000)
      progress.stop()
      await sender.stop(10_000)
      store.close()
    },
  }
}

export type App = Awaited<ReturnType<typeof createApp>>
