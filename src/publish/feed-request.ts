import { createHash } from 'node:crypto'
import type { Store } from '../db/index.ts'
import type { PublishedRelease } from '../db/published-repository.ts'
import { TITLE_LIMIT } from '../feed/release-limits.ts'
import type { Logger } from '../logger.ts'
import { truncateText } from '../render/text.ts'
import { buildPublishedFeed, type FeedFormat, MEDIA_TYPES, PUBLISHED_LIMIT } from './archive-feed.ts'
import { renderAtom } from './atom.ts'
import { matchesEtag, parseFeedPath } from './feed-path.ts'
import { renderJsonFeed } from './json-feed.ts'

export type FeedRequestDeps = {
  store: Pick<Store, 'published' | 'topics'>
  /** PUBLIC_URL without a trailing slash, or undefined to take the address from the request's Host header. */
  publicUrl: string | undefined
  /**
   * PUBLIC_HOSTS: the Host values (`host` or `host:port`, lower case) the operator vouches for. Without PUBLIC_URL,
   * a feed for one of them may be kept by shared caches; for any other Host it is `private`, so a forged Host can
   * shape only the answer to its own request, never what a cache hands to others.
   */
  publicHosts?: readonly string[]
  logger: Logger
}

/** What the HTTP layer hands over: the method, the path (no query), and two request headers as sent. */
export type FeedRequest = {
  method: string
  path: string
  host: string | undefined
  ifNoneMatch: string | undefined
}

/** What the HTTP layer sends back as it is: status, headers, and the body (none for HEAD, 304 and 405). */
export type FeedResponse = { status: number; headers: Record<string, string>; body: string | undefined }

/** Readers poll; the archive changes at most once per poll (every 5 minutes by default). */
const PUBLIC_CACHE = 'public, max-age=300'
/** For a Host nobody vouched for: the reader's own cache may keep it, a shared one must not. */
const PRIVATE_CACHE = 'private, max-age=300'

/**
 * Characters of one entry's body a published feed carries at most (cut with "…"): 50 entries of 20,000 are about
 * a megabyte, and a reader follows the link for the rest.
 */
export const PUBLISHED_BODY_LIMIT = 20_000

/** Changes whenever the rendering changes, so that an ETag made before never matches a new body. */
const RENDERING_VERSION = 1

const LANGUAGE = /^[a-z]{2,3}$/
/** A host name or address with an optional port: anything else in Host is not written into a feed. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i

const USAGE = 'feeds: /feeds/all.atom, /feeds/lang/{xx}.atom, /feeds/topic/{slug}.atom (or .json)\n'

const text = (status: number, body: string, headers: Record<string, string> = {}): FeedResponse => ({
  status,
  headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
  body,
})

/** The base URL links are made from, and whether shared caches may keep the answer; null for a bad Host. */
function resolveBase(deps: FeedRequestDeps, hostHeader: string | undefined) {
  if (deps.publicUrl) return { base: deps.publicUrl, cacheControl: PUBLIC_CACHE }
  const host = hostHeader?.trim().toLowerCase()
  if (!host || !HOST.test(host)) return null
  let url: URL
  try {
    url = new URL(`http://${host}`) // the pattern lets through what URL refuses (a port past 65535)
  } catch {
    // Dropped: the TypeError; such a Host header is refused like any other the pattern does not take.
    return null
  }
  const listed = deps.publicHosts?.includes(url.host) || deps.publicHosts?.includes(url.hostname)
  return { base: `http://${url.host}`, cacheControl: listed ? PUBLIC_CACHE : PRIVATE_CACHE }
}

/**
 * The published feeds, as a function of the request: GET or HEAD /feeds/… answers the archive as Atom or JSON Feed
 * 1.1 with an ETag made from the entries' metadata (ids, times, titles, links, topics, and the content hash, which
 * changes with the body) before any body is read, so If-None-Match gets its 304 without rendering. Each entry's
 * body is cut at PUBLISHED_BODY_LIMIT. An unknown language or topic is a 404 with a line saying which; a bad Host a
 * 400, not logged (it is the client's mistake). Framework-neutral: the HTTP server calls it and sends what it says.
 */
export function createFeedRequestHandler(deps: FeedRequestDeps): (request: FeedRequest) => FeedResponse {
  const { store, logger } = deps

  function answer(request: FeedRequest): FeedResponse {
    const wanted = parseFeedPath(request.path)
    if (!wanted) return text(404, `not found; ${USAGE}`)
    const resolved = resolveBase(deps, request.host)
    if (!resolved) return text(400, 'bad or missing Host header (or set PUBLIC_URL)\n')
    const { scope, format } = wanted
    let topic: { id: number; name: string } | undefined
    if (scope.kind === 'language') {
      if (!LANGUAGE.test(scope.code) || !store.published.hasLanguage(scope.code))
        return text(404, `no releases in language "${scope.code.slice(0, 20)}"\n`)
    } else if (scope.kind === 'topic') {
      topic = store.topics.bySlug(scope.slug)
      if (topic === undefined) return text(404, `unknown topic "${scope.slug.slice(0, 60)}"\n`)
    }
    const listed = store.published.latest({
      limit: PUBLISHED_LIMIT,
      language: scope.kind === 'language' ? scope.code : undefined,
      topicId: topic?.id,
    })
    const version = [RENDERING_VERSION, format, resolved.base, scope, topic?.name, listed]
    const etag = `"${createHash('sha256').update(JSON.stringify(version)).digest('base64url').slice(0, 27)}"`
    const headers = { etag, 'cache-control': resolved.cacheControl }
    if (matchesEtag(request.ifNoneMatch, etag)) return { status: 304, headers, body: undefined }
    const bodies = store.published.bodies(
      listed.map((release) => release.id),
      PUBLISHED_BODY_LIMIT,
    )
    const releases: PublishedRelease[] = listed.map((release) => ({
      ...release,
      // Titles stored before the cap (release-limits.ts) may be longer.
      title: truncateText(release.title, TITLE_LIMIT),
      body: truncateText(bodies.get(release.id) ?? '', PUBLISHED_BODY_LIMIT),
    }))
    const feed = buildPublishedFeed({
      scope,
      format,
      baseUrl: resolved.base,
      releases,
      topicName: topic?.name,
    })
    const body = format === 'atom' ? renderAtom(feed) : renderJsonFeed(feed)
    return {
      status: 200,
      headers: {
        ...headers,
        'content-type': MEDIA_TYPES[format as FeedFormat],
        'content-length': String(Buffer.byteLength(body)),
      },
      body: request.method === 'HEAD' ? undefined : body,
    }
  }

  return (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return text(405, 'GET only\n', { allow: 'GET, HEAD' })
    try {
      return answer(request)
    } catch (error) {
      // The database is closed (shutting down) or broken: a 503, not a hung socket.
      logger.error({ err: error, path: request.path }, 'could not build a published feed')
      return text(503, 'feed unavailable\n')
    }
  }
}
