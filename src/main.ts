import { createApp } from './app.ts'
import type { Config } from './config.ts'
import { createLogger } from './logger.ts'

/**
 * The process around the app: config, logger, signals. `pressbot start` / `npm start` land here.
 * SIGINT/SIGTERM stop taking updates, let the current poll and sends finish (bounded), close the db, exit 0.
 * If long polling is refused for good, the same shutdown runs and the process exits 1.
 */
export async function runService(config: Config): Promise<void> {
  const logger = createLogger({
    level: config.logLevel,
    secrets: [config.botToken ?? '', config.webhookSecret ?? '', config.metricsToken ?? ''],
  })
  let stopping = false
  const shutdown = async (reason: string, exitCode: number) => {
    if (stopping) return
    stopping = true
    logger.info({ reason }, 'shutting down')
    const forced = setTimeout(() => {
      logger.error('shutdown took too long; exiting')
      process.exit(1)
    }, 30_000)
    forced.unref()
    try {
      await app.stop()
      logger.info('stopped')
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed')
      exitCode = 1
    }
    process.exit(exitCode)
  }
  // Long polling refused for good (409: another instance; 401: token revoked): the app has logged why. Exit
  // non-zero rather than linger without updates, so a supervisor restarts or flags the service.
  const app = await createApp(config, logger, { onFatal: () => void shutdown('long polling stopped', 1) })
  process.once('SIGINT', () => void shutdown('SIGINT', 0))
  process.once('SIGTERM', () => void shutdown('SIGTERM', 0))
  try {
    await app.start()
  } catch (error) {
    // Close what did start (the database above all) before the CLI reports the error and exits.
    stopping = true
    // Dropped: an error while closing after a failed start: the start's error, thrown next, is the one reported.
    await app.stop().catch(() => undefined)
    throw error
  }
}
