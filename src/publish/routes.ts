import type { IncomingMessage, ServerResponse } from 'node:http'
import { createFeedRequestHandler, type FeedRequestDeps } from './feed-request.ts'

/**
 * The published feeds on node:http: hands method, path, Host and If-None-Match to the framework-neutral handler
 * (./feed-request.ts, where every rule lives) and sends what it answers.
 */
export function createFeedRoutes(deps: FeedRequestDeps) {
  const handle = createFeedRequestHandler(deps)
  return function serveFeeds(req: IncomingMessage, res: ServerResponse, path: string): void {
    const response = handle({
      method: req.method ?? 'GET',
      path,
      host: req.headers.host,
      ifNoneMatch: req.headers['if-none-match'],
    })
    res.writeHead(response.status, response.headers).end(response.body)
  }
}
