/** Releases per page of a list (home, topic), and how deep a list may be paged (OFFSET costs grow with it). */
export const LIST_PAGE_SIZE = 20
export const LIST_MAX_PAGE = 500

/** Search hits per page; search ranks at most RANK_CANDIDATES (1000) matches, so 100 pages hold them all. */
export const SEARCH_PAGE_SIZE = 10
export const SEARCH_MAX_PAGE = 100

/** The JSON schema of `?page=`: a whole number from 1 to `max`; anything else is a 400 before the route runs. */
export const pageQuery = (max: number) => ({ type: 'integer', minimum: 1, maximum: max, default: 1 }) as const

/**
 * Links to the newer and older pages of a list: the same address with another `page` (page 1 has none), or
 * undefined where there is no such page.
 */
export function pageLinks(
  url: string,
  page: number,
  more: boolean,
  max: number,
): { newer: string | undefined; older: string | undefined } {
  const at = (n: number) => {
    const parsed = new URL(url, 'http://localhost')
    if (n === 1) parsed.searchParams.delete('page')
    else parsed.searchParams.set('page', String(n))
    return `${parsed.pathname}${parsed.search}`
  }
  return {
    newer: page > 1 ? at(page - 1) : undefined,
    older: more && page < max ? at(page + 1) : undefined,
  }
}
