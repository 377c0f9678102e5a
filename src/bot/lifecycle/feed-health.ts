import type { Api } from 'grammy'
import type { FeedHealthEvent } from '../../feed/poller.ts'
import { translator } from '../../i18n/index.ts'
import type { Logger } from '../../logger.ts'
import { notifyAdmins } from '../index.ts'
import { renderFeedHealth } from '../messages/admin.ts'

type FeedHealthDeps = {
  /** A plain Api (bot.api): an admin notice is not worth retrying. */
  api: Api
  adminIds: readonly number[]
  /** Each admin's chat language, for the notice. */
  localeOf: (chatId: number) => string | null
  logger: Logger
}

/**
 * The poller's onFeedHealth: tells every admin, in their language, that a feed keeps failing or polls again.
 * Fire and forget: the poll does not wait for Telegram, and a failure is logged, never thrown.
 */
export function createFeedHealthNotifier(deps: FeedHealthDeps): (event: FeedHealthEvent) => void {
  const admins = { ids: deps.adminIds, localeOf: deps.localeOf }
  return (event) => {
    notifyAdmins(
      deps.api,
      admins,
      (locale) => renderFeedHealth(event, translator(locale)),
      deps.logger,
    ).catch((error: unknown) => deps.logger.warn({ err: error }, 'could not tell the admins about a feed'))
  }
}
