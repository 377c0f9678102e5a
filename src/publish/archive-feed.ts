import type { PublishedRelease } from '../db/published-repository.ts'

/** Which part of the archive a published feed shows. */
export type FeedScope = { kind: 'all' } | { kind: 'language'; code: string } | { kind: 'topic'; slug: string }

export type FeedFormat = 'atom' | 'json'

/** One entry: the release and its permanent id. */
export type PublishedEntry = { id: string; release: PublishedRelease }

/** Everything the Atom and JSON Feed renderers need, format-neutral. */
export type PublishedFeed = {
  /** Permanent id of the feed (a tag: URI), the same in both formats. */
  id: string
  title: string
  /** Absolute URL of this document. */
  selfUrl: string
  /** The same feed in the other format. */
  alternate: { url: string; type: string }
  /** The language every entry is in (language feeds), else null. */
  language: string | null
  /** The newest change of any entry; the Unix epoch for an empty feed, so an empty feed keeps one ETag. */
  updated: number
  entries: PublishedEntry[]
}

/** How many releases a published feed holds. */
export const PUBLISHED_LIMIT = 50

export const MEDIA_TYPES: Record<FeedFormat, string> = {
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json',
}

/**
 * The year in every tag: URI (RFC 4151). It must be a date when the publisher held the host name; a fixed one keeps
 * ids permanent, which is all readers need of them.
 */
const TAG_DATE = '2026'

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' })

/** The path of a feed on the HTTP server, e.g. /feeds/lang/en.atom. */
function feedPath(scope: FeedScope, format: FeedFormat): string {
  const extension = format === 'atom' ? 'atom' : 'json'
  if (scope.kind === 'all') return `/feeds/all.${extension}`
  if (scope.kind === 'language') return `/feeds/lang/${scope.code}.${extension}`
  return `/feeds/topic/${encodeURIComponent(scope.slug)}.${extension}`
}

function scopeTitle(scope: FeedScope, topicName: string | undefined): string {
  if (scope.kind === 'all') return 'Press releases'
  if (scope.kind === 'language') return `Press releases in ${languageNames.of(scope.code) ?? scope.code}`
  return `Press releases: ${topicName ?? scope.slug}`
}

function scopeTag(scope: FeedScope): string {
  if (scope.kind === 'all') return 'feed/all'
  if (scope.kind === 'language') return `feed/lang/${scope.code}`
  return `feed/topic/${encodeURIComponent(scope.slug)}`
}

/**
 * Builds the feed for a scope from releases already selected (newest first). `baseUrl` is the public address of
 * the HTTP server without a trailing slash (PUBLIC_URL, else what the request's Host says); its host name is the
 * authority of every tag: URI, so ids stay put as long as the public address does.
 */
export function buildPublishedFeed(input: {
  scope: FeedScope
  format: FeedFormat
  baseUrl: string
  releases: PublishedRelease[]
  topicName?: string
}): PublishedFeed {
  const { scope, format, baseUrl } = input
  const authority = new URL(baseUrl).hostname.replace(/^\[|\]$/g, '')
  const other: FeedFormat = format === 'atom' ? 'json' : 'atom'
  return {
    id: `tag:${authority},${TAG_DATE}:${scopeTag(scope)}`,
    title: scopeTitle(scope, input.topicName),
    selfUrl: `${baseUrl}${feedPath(scope, format)}`,
    alternate: { url: `${baseUrl}${feedPath(scope, other)}`, type: MEDIA_TYPES[other].split(';')[0]! },
    language: scope.kind === 'language' ? scope.code : null,
    updated: input.releases.reduce((newest, r) => Math.max(newest, r.updatedAt), 0),
    entries: input.releases.map((release) => ({
      id: `tag:${authority},${TAG_DATE}:release/${release.id}`,
      release,
    })),
  }
}

/** The first and last instants RFC 3339 can write (0000-01-01T00:00:00Z, 9999-12-31T23:59:59Z). */
const MIN_RFC3339 = -62_167_219_200_000
const MAX_RFC3339 = 253_402_300_799_000

/**
 * RFC 3339 in UTC, without the milliseconds nobody stores: 2026-10-05T10:30:00Z. A feed's date outside years
 * 0-9999 (a typo on the source's side) is clamped: toISOString would write "+275760-…" or "-000001-…".
 */
export function rfc3339(ms: number): string {
  const clamped = Math.min(Math.max(ms, MIN_RFC3339), MAX_RFC3339)
  return new Date(clamped).toISOString().replace(/\.000Z$/, 'Z')
}
