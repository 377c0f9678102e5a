import { STATUS_CODES } from 'node:http'
import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
import { type Dispatcher, fetch, type Response } from 'undici'
import { AddressRefusedError } from './address-policy.ts'
import { decodeFeedBytes } from './decode.ts'
import { feedDispatcher } from './network.ts'
import { looksLikeJson } from './parse-json-feed.ts'
import { serverDelayMs } from './server-timing.ts'

/** How to fetch one feed. `etag`/`lastModified` are what the previous 'ok' result returned. */
export type FetchOptions = {
  etag?: string | null
  lastModified?: string | null
  /** One deadline for everything: connecting, every redirect, headers and the whole body. */
  timeoutMs: number
  /** Cap on the body after decompression. */
  maxBytes: number
  /** Default 5. */
  maxRedirects?: number
  userAgent?: string
  /** 'html' for a press page read with a source config: sent as Accept, and no feed root element is required. */
  expect?: 'feed' | 'html'
  /**
   * FEED_ALLOW_PRIVATE: also connect to loopback, private, link-local and other non-public addresses. Default
   * false: such addresses are refused at connect time, for the feed URL and every redirect.
   */
  allowPrivate?: boolean
  /** Replaces the dispatcher chosen by `allowPrivate` (tests with their own resolver). */
  dispatcher?: Dispatcher
}

/**
 * What a fetch came to. Never thrown: failures are `{ kind: 'error' }` with a short sentence. `serverDelayMs`: how
 * long the server asked us to wait before asking again (Retry-After, Cache-Control max-age; see server-timing.ts),
 * present only when it asked.
 */
export type FetchResult =
  | { kind: 'not-modified'; serverDelayMs?: number }
  | {
      kind: 'ok'
      serverDelayMs?: number
      text: string
      etag: string | null
      lastModified: string | null
      /** The URL after redirects. */
      finalUrl: string
      contentType: string | null
      /** Size of the decompressed body. */
      bytes: number
    }
  | { kind: 'error'; error: string; serverDelayMs?: number }

const DEFAULT_USER_AGENT = 'pressbot/0.1 (+https://github.com/pressbot)'
const ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.9, */*;q=0.8'
const ACCEPT_HTML = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.8'
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])
const FEED_ROOT = /<(?:[a-z_][\w.-]*:)?(?:rss|feed|rdf)[\s>/]/i
const gunzipAsync = promisify(gunzip)

/** An expected failure whose message is the user-facing sentence. */
class FetchFailure extends Error {}

function parseHttpUrl(raw: string, base?: URL): URL {
  let url: URL
  try {
    url = new URL(raw, base)
  } catch {
    // Dropped: the TypeError's text: the failure names the URL instead.
    throw new FetchFailure(`invalid URL: ${raw}`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchFailure(`unsupported URL scheme ${url.protocol} (only http and https)`)
  }
  url.hash = ''
  return url
}

function requestHeaders(options: FetchOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': options.userAgent ?? DEFAULT_USER_AGENT,
    accept: options.expect === 'html' ? ACCEPT_HTML : ACCEPT,
    // undici decompresses these itself; the byte cap below applies to its output.
    'accept-encoding': 'gzip, deflate, br',
  }
  if (options.etag) headers['if-none-match'] = options.etag
  if (options.lastModified) headers['if-modified-since'] = options.lastModified
  return headers
}

/** Lets go of a body we will not read, so the connection is not left half-read. */
async function discard(response: Response): Promise<void> {
  // Dropped: cancel's error on a body we abandon; the outcome is decided already.
  await response.body?.cancel().catch(() => undefined)
}

type GuardedRequest = {
  headers: Record<string, string>
  signal: AbortSignal
  /** Default 5. */
  maxRedirects?: number
  /** The guarded dispatcher (see network.ts's feedDispatcher); every hop goes through it. */
  dispatcher: Dispatcher
}

/**
 * GETs `url`, following redirects by hand so that their number is bounded, loops are named as such, and every
 * hop connects through the same guarded dispatcher. Throws on failure; for feeds and the pages of HTML sources.
 */
async function requestFollowingRedirects(url: string, options: GuardedRequest) {
  const maxRedirects = options.maxRedirects ?? 5
  const { headers, signal, dispatcher } = options
  const seen = new Set<string>()
  let current = parseHttpUrl(url)
  for (let hops = 0; ; hops++) {
    seen.add(current.href)
    const response = await fetch(current, { headers, redirect: 'manual', signal, dispatcher })
    if (!REDIRECT_STATUSES.has(response.status)) return { response, finalUrl: current.href }
    await discard(response)
    const location = response.headers.get('location')
    if (!location) throw new FetchFailure(`HTTP ${response.status} redirect without a Location header`)
    const next = parseHttpUrl(location, current)
    if (seen.has(next.href)) throw new FetchFailure('redirect loop')
    if (hops >= maxRedirects) throw new FetchFailure(`too many redirects (${maxRedirects})`)
    current = next
  }
}

function bombMessage(encoding: string, maxBytes: number): string {
  const name = encoding === 'br' ? 'brotli' : encoding.replace(/^x-/, '')
  return `${name} bomb: decompressed body larger than ${maxBytes} bytes`
}

/** Reads the (already decompressed) body, giving up as soon as it passes `maxBytes`. */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const encoding = response.headers.get('content-encoding')?.trim().toLowerCase()
  const tooLarge = encoding && encoding !== 'identity' ? bombMessage(encoding, maxBytes) : null
  if (!tooLarge && Number(response.headers.get('content-length')) > maxBytes) {
    throw new FetchFailure(`body larger than ${maxBytes} bytes`)
  }
  if (!response.body) return new Uint8Array()
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return Buffer.concat(chunks, total)
    total += value.byteLength
    if (total > maxBytes) {
      // Dropped: cancel's error on a body we abandon; the size error below is the outcome.
      await reader.cancel().catch(() => undefined)
      throw new FetchFailure(tooLarge ?? `body larger than ${maxBytes} bytes`)
    }
    chunks.push(value)
  }
}

/** Some servers send gzip files as they are, without Content-Encoding: unwrap them, capped. */
async function gunzipIfRaw(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes
  try {
    return await gunzipAsync(bytes, { maxOutputLength: maxBytes })
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new FetchFailure(bombMessage('gzip', maxBytes))
    throw new FetchFailure(`invalid gzip body: ${(error as Error).message}`)
  }
}

/** Why this text is not worth handing to the XML parser, or null when it looks like a feed. */
function notAFeed(text: string, contentType: string | null): string | null {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase() || 'missing'
  // A JSON object goes to the parser too: a JSON Feed, or a clear "not a JSON Feed" from it.
  if (FEED_ROOT.test(text) || looksLikeJson(text)) return null
  if (text.trim() === '') return 'empty body'
  return `not a feed: content-type ${mediaType} and no <rss>, <feed> or <rdf:RDF> element`
}

function describeStatus(response: Response): string {
  const reason = response.statusText || STATUS_CODES[response.status] || ''
  return `HTTP ${response.status} ${reason}`.trim()
}

/** One sentence for /feeds and admin alerts; exported for other requests through the guarded dispatcher. */
function describeRequestError(error: unknown): string {
  if (error instanceof FetchFailure) return error.message
  if (!(error instanceof Error)) return String(error)
  // undici reports "fetch failed" and puts the useful part (ECONNREFUSED, ENOTFOUND, TLS) in `cause`.
  const cause = error.cause as (Error & { code?: string }) | undefined
  if (cause instanceof AddressRefusedError) return cause.message
  if (cause) return `network error: ${cause.message || cause.code || cause.name}`
  return error.message
}

/**
 * Fetches a feed with a conditional GET and returns its decoded text.
 * One deadline covers redirects, headers and body; the body is capped after decompression;
 * on timeout or overflow the connection is torn down. Never throws.
 */
export async function fetchFeed(url: string, options: FetchOptions): Promise<FetchResult> {
  const timeout = AbortSignal.timeout(options.timeoutMs)
  const teardown = new AbortController()
  const signal = AbortSignal.any([timeout, teardown.signal])
  try {
    const { response, finalUrl } = await requestFollowingRedirects(url, {
      headers: requestHeaders(options),
      signal,
      maxRedirects: options.maxRedirects,
      dispatcher: options.dispatcher ?? feedDispatcher(options.allowPrivate ?? false),
    })
    const delay = serverDelayMs(response.headers)
    const asked = delay === null ? {} : { serverDelayMs: delay }
    if (response.status === 304) {
      await discard(response)
      return { kind: 'not-modified', ...asked }
    }
    if (!response.ok) {
      await discard(response)
      return { kind: 'error', error: describeStatus(response), ...asked }
    }
    const bytes = await gunzipIfRaw(await readCapped(response, options.maxBytes), options.maxBytes)
    const contentType = response.headers.get('content-type')
    const text = decodeFeedBytes(bytes, contentType)
    const problem =
      options.expect === 'html' ? (text.trim() === '' ? 'empty body' : null) : notAFeed(text, contentType)
    if (problem) return { kind: 'error', error: problem }
    const etag = response.headers.get('etag')
    const lastModified = response.headers.get('last-modified')
    return { kind: 'ok', text, etag, lastModified, finalUrl, contentType, bytes: bytes.byteLength, ...asked }
  } catch (error) {
    // Whatever went wrong, no socket of ours stays open mid-body.
    teardown.abort()
    if (timeout.aborted) return { kind: 'error', error: `timed out after ${options.timeoutMs} ms` }
    return { kind: 'error', error: describeRequestError(error) }
  }
}
