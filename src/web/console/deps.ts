import type { Store } from '../../db/index.ts'
import type { Logger } from '../../logger.ts'

/** What the admins' console reads and does: the whole store (it is for admins), and the service's moving parts. */
export type ConsoleDeps = {
  store: Store
  /** The bot's token: Telegram signs a Mini App's initData with a key derived from it. */
  botToken: string
  adminIds: readonly number[]
  /** CONSOLE_SESSION_SECONDS. */
  sessionSeconds: number
  /** SEND_RATE_PER_SECOND: the send rate the view compares the measured one with. */
  configuredRatePerSecond: number
  sender: { stats(): { ratePerSecond: number } }
  /** Polls the feeds that are due now (the cron tick's poll), after "poll now" made one due. */
  pollDue: () => void
  /** The sender looks at the outbox at once, after a broadcast was queued. */
  wakeSender: () => void
  now: () => number
  logger: Logger
}
