import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Store } from '../db/index.ts'
import type { Logger } from '../logger.ts'
import {
  buildPublishedFeed,
  type FeedFormat,
  type FeedScope,
  MEDIA_TYPES,
  PUBLISHED_LIMIT,
  type PublishedFeed,
} from './archive-feed.ts'
import { renderAtom } from './atom.ts'
import { renderJsonFeed } from './json-feed.ts'

type Deps = {
  store: Pick<Store, 'published' | 'topics'>
  /** PUBLIC_URL without a trailing slash, or undefined to take the address from the request's Host header. */
  publicUrl: string | undefined
  logger: Logger
}

/** Readers poll; the archive changes at most once per poll (every 5 minutes by default). */
const CACHE_CONTROL = 'public, max-age=300'

const FEED_PATH = /^\/feeds\/(?:(all)|lang\/([^/]+)|topic\/([^/]+))\.(atom|json)$/
const LANGUAGE = /^[a-z]{2,3}$/
/** A host name or address with an optional port: anything else in Host is not written into a feed. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i

const USAGE = 'feeds: /feeds/all.atom, /feeds/lang/{xx}.atom, /feeds/topic/{slug}.atom (or .json)\n'

type Answer = { status: number; text: string } | { status: 200; feed: PublishedFeed; format: FeedFormat }

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
    // Dropped: the URIError of a malformed %-escape: no such topic, the route answers 404.
    return null
  }
  return { scope: { kind: 'topic', slug }, format }
}

/** Whether If-None-Match names this ETag (weak comparison, RFC 9110 13.1.2; `*` matches any). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag)
}

/**
 * The HTTP side of the published feeds: GET or HEAD /feeds/… answers the archive as Atom or JSON Feed 1.1, with an
 * ETag (a hash of the body) that If-None-Match turns into a 304. An unknown language or topic is a 404 with a line
 * saying which.
 */
export function createFeedRoutes(deps: Deps) {
  const { store, logger } = deps

  function baseUrl(req: IncomingMessage): string | null {
    if (deps.publicUrl) return deps.publicUrl
    const host = req.headers.host?.trim()
    return host && HOST.test(host) ? `http://${host.toLowerCase()}` : null
  }

  function answer(req: IncomingMessage, path: string): Answer {
    const wanted = parseFeedPath(path)
    if (!wanted) return { status: 404, text: `not found; ${USAGE}` }
    const base = baseUrl(req)
    if (!base) return { status: 400, text: 'bad or missing Host header (or set PUBLIC_URL)\n' }
    const { scope, format } = wanted
    let topic: { id: number; name: string } | undefined
    if (scope.kind === 'language') {
      if (!LANGUAGE.test(scope.code) || !store.published.hasLanguage(scope.code))
        return { status: 404, text: `no releases in language "${scope.code.slice(0, 20)}"\n` }
    } else if (scope.kind === 'topic') {
      topic = store.topics.bySlug(scope.slug)
      if (topic === undefined) return { status: 404, text: `unknown topic "${scope.slug.slice(0, 60)}"\n` }
    }
    const releases = store.published.latest({
      limit: PUBLISHED_LIMIT,
      language: scope.kind === 'language' ? scope.code : undefined,
      topicId: topic?.id,
    })
    const feed = buildPublishedFeed({ scope, format, baseUrl: base, releases, topicName: topic?.name })
    return { status: 200, feed, format }
  }

  return function serveFeeds(req: IncomingMessage, res: ServerResponse, path: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res
        .writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' })
        .end('GET only\n')
      return
    }
    let result: Answer
    try {
      result = answer(req, path)
    } catch (error) {
      // The database is closed (shutting down) or broken: a 503, not a hung socket.
      logger.error({ err: error, path }, 'could not build a published feed')
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('feed unavailable\n')
      return
    }
    if (!('feed' in result)) {
      res.writeHead(result.status, { 'content-type': 'text/plain; charset=utf-8' }).end(result.text)
      return
    }
    const body = result.format === 'atom' ? renderAtom(result.feed) : renderJsonFeed(result.feed)
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
    const headers = { etag, 'cache-control': CACHE_CONTROL }
    if (matchesEtag(req.headers['if-none-match'], etag)) {
      res.writeHead(304, headers).end()
      return
    }
    res.writeHead(200, {
      ...headers,
      'content-type': MEDIA_TYPES[result.format],
      'content-length': String(Buffer.byteLength(body)),
    })
    res.end(req.method === 'HEAD' ? undefined : body)
  }
}
