import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A canned response. `status` defaults to 200. When `headers` carry an `etag` or
 * `last-modified`, a request whose If-None-Match / If-Modified-Since matches gets a 304.
 */
type FeedResponse = {
  body?: string | Uint8Array
  status?: number
  headers?: Record<string, string>
}

/** Full control over one request, for slow streams, redirects, compression, hangs. */
type FeedHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>

/** One request as the server saw it, in arrival order. */
type RecordedRequest = { path: string; headers: IncomingHttpHeaders }

/** A local HTTP server on 127.0.0.1 for feed tests. */
export type FeedServer = {
  /** Absolute URL for a path on this server, e.g. `url('/feed.xml')`. */
  url(path: string): string
  /** Serves `path` (exact `req.url`, else its pathname). Routing the same path again replaces it. */
  route(path: string, response: FeedHandler | FeedResponse): void
  /** Every request received so far, including those answered 404. */
  requests: RecordedRequest[]
  /** Stops the server and drops open connections (hung or streaming responses included). */
  close(): Promise<void>
}

function isNotModified(req: IncomingMessage, headers: Record<string, string>): boolean {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
  const etag = lower.etag
  const lastModified = lower['last-modified']
  const ifNoneMatch = req.headers['if-none-match']
  // If-None-Match wins over If-Modified-Since when both are sent (RFC 9110, 13.1.3).
  if (etag && ifNoneMatch) return ifNoneMatch.split(/\s*,\s*/).includes(etag)
  const ifModifiedSince = req.headers['if-modified-since']
  if (!lastModified || !ifModifiedSince) return false
  return Date.parse(ifModifiedSince) >= Date.parse(lastModified)
}

function serveCanned(req: IncomingMessage, res: ServerResponse, canned: FeedResponse): void {
  const headers = canned.headers ?? {}
  if ((canned.status ?? 200) === 200 && isNotModified(req, headers)) {
    res.writeHead(304, headers).end()
    return
  }
  const body = canned.body ?? ''
  res.writeHead(canned.status ?? 200, { 'content-length': String(Buffer.byteLength(body)), ...headers })
  res.end(body)
}

/**
 * Starts a feed server on a free port. Unrouted paths get a 404.
 *
 * @example
 * const server = await startFeedServer()
 * server.route('/feed.xml', { body: '<rss/>', headers: { 'content-type': 'application/rss+xml', etag: '"v1"' } })
 * await fetchFeed(server.url('/feed.xml'), { timeoutMs: 1000, maxBytes: 1e6 })
 * await server.close()
 */
export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, FeedHandler | FeedResponse>()
  const requests: RecordedRequest[] = []
  const server = createServer((req, res) => {
    const path = req.url ?? '/'
    requests.push({ path, headers: req.headers })
    const route = routes.get(path) ?? routes.get(new URL(path, 'http://localhost').pathname)
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    if (typeof route !== 'function') return serveCanned(req, res, route)
    Promise.resolve(route(req, res)).catch((error: unknown) => res.destroy(error as Error))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: (path) => `http://127.0.0.1:${port}${path.startsWith('/') ? path : `/${path}`}`,
    route: (path, response) => void routes.set(path, response),
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
