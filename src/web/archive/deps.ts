import type { Store } from '../../db/index.ts'
import type { Logger } from '../../logger.ts'

/** What the archive's pages read: the store's public parts (never chats, alerts or admin data). */
export type ArchiveDeps = {
  store: Pick<Store, 'archive' | 'releases' | 'topics' | 'search' | 'feeds'>
  /** PUBLIC_URL without a trailing slash: canonical addresses, OpenGraph, the sitemap. */
  publicUrl: string | undefined
  /** Searches one client address may run per minute (WEB_SEARCH_PER_MINUTE). */
  searchPerMinute: number
  logger: Logger
}

/** What the routes read besides: the archive's languages, kept a minute (see short-cache.ts). */
export type RouteDeps = ArchiveDeps & { releaseLanguages(): string[] }
