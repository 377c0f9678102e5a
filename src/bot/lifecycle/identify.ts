import { type Bot, GrammyError } from 'grammy'
import { ConfigError } from '../../config.ts'
import type { Logger } from '../../logger.ts'

/** How often, while Telegram cannot be reached at start-up, the log says so. */
const STILL_TRYING_EVERY_MS = 30_000

/**
 * Identifies the bot (getMe, which grammY retries quietly while Telegram is unreachable): says so in the log every
 * 30 s meanwhile, and turns a rejected token into a one-line ConfigError naming BOT_TOKEN. Skipped (resolves at
 * once) when the bot was built with its botInfo, as in tests.
 */
export async function identifyBot(
  bot: Pick<Bot, 'init'>,
  options: { logger: Logger; apiRoot: string },
): Promise<void> {
  const waiting = setInterval(
    () =>
      options.logger.warn(
        { apiRoot: options.apiRoot },
        'still trying to reach Telegram (getMe); check the network',
      ),
    STILL_TRYING_EVERY_MS,
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
