import type { Config } from '../config.ts'
import type { Store } from '../db/index.ts'
import type { Logger } from '../logger.ts'

/** What every command gets from src/cli/index.ts: the configuration and the open store, the rest on demand. */
export type CommandContext = {
  config: Config
  store: Store
  /** The CLI's logger (warnings and errors, on stderr), loaded on first use. */
  logger: () => Promise<Logger>
}
