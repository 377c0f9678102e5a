/**
 * Addresses of the public web archive (src/web/archive/) for the bot's buttons: "Open in archive" under pushes,
 * search replies and inline results. Only when the archive is served (WEB_ARCHIVE) and its address is known
 * (PUBLIC_URL): otherwise there is no button, never a link that leads nowhere.
 */
export type ArchiveLinks = {
  /** A release's page. */
  release(id: number): string
  /**
   * The search page for raw query text, its chrome in `locale`; undefined for a query longer than the page takes
   * (it would only say so, and a long URL can make Telegram refuse the whole message).
   */
  search(query: string, locale: string): string | undefined
}

/** The longest query the web archive's search page runs (src/web/archive/routes/search.ts). */
export const ARCHIVE_QUERY_LIMIT = 300

export function createArchiveLinks(publicUrl: string | undefined, served: boolean): ArchiveLinks | undefined {
  if (!publicUrl || !served) return undefined
  return {
    release: (id) => `${publicUrl}/releases/${id}`,
    search: (query, locale) =>
      query.trim().length > ARCHIVE_QUERY_LIMIT
        ? undefined
        : `${publicUrl}/search?${new URLSearchParams({ q: query.trim(), lang: locale })}`,
  }
}
