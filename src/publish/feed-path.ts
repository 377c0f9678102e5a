import type { FeedFormat, FeedScope } from './archive-feed.ts'

const FEED_PATH = /^\/feeds\/(?:(all)|lang\/([^/]+)|topic\/([^/]+))\.(atom|json)$/

/** The scope and format a path names, or null when it names no feed. */
export function parseFeedPath(path: string): { scope: FeedScope; format: FeedFormat } | null {
  const match = FEED_PATH.exec(path)
  if (!match) return null
  const format = match[4] as FeedFormat
  if (match[1]) return { scope: { kind: 'all' }, format }
  if (match[2]) return { scope: { kind: 'language', code: match[2].toLowerCase() }, format }
  let slug: string
  try {
    slug = decodeURIComponent(match[3]!)
  } catch {
    // Dropped: the URIError of a malformed percent escape: no such topic, a 404 like any unknown path.
    return null
  }
  return { scope: { kind: 'topic', slug }, format }
}

/** Whether If-None-Match names this ETag (weak comparison, RFC 9110 13.1.2; `*` matches any). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag)
}
