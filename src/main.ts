import { createApp } from './app.ts'
import type { Config } from './config.ts'
import { createLogger } from './logger.ts'

/**
 * The process around the app: config, logger, signals. `pressbot start` / `npm start` land here.
 * SIGINT/SIGTERM stop taking updates, let the current poll and sends finish (bounded), close the db, exit 0.
 */
export async function runService(config: Config): Promise<void> {
  const logger = createLogger({
    level: config.logLevel,
    secrets: [config.botToken ?? '', config.webhookSecret ?? ''],
  })
  const app = await createApp(config, logger)
  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down')
    const forced = setTimeout(() => {
      logger.error('shutdown took too long; exiting')
      process.exit(1)
    }, 30_000)
    forced.unref()
    await app.stop()
    logger.info('stopped')
    process.exit(0)
  }
  process.once('SIGINT', () => void shutdown('SIGINT'))
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
  await app.start()
}
