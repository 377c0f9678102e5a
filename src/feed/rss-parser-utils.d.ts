/** rss-parser's internal helpers (no types of their own): parse.ts switches off the one it must not run. */
declare module 'rss-parser/lib/utils.js' {
  const utils: { getSnippet(html: string): string }
  export default utils
}
