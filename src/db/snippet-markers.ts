/**
 * Private-use characters that mark matched words in FTS snippets: the search query puts them in,
 * renderers turn them into <b> (bot) or brackets (CLI). The one home of the pair.
 */
export const MARK_OPEN = '\uE000'
export const MARK_CLOSE = '\uE001'
