import type { FeedsRepository } from '../db/feeds-repository.ts'
import { literalHostRefusal } from './address-policy.ts'

/**
 * The one rule for a feed URL, however it arrives (`pressbot feeds add/remove`, the bot's /feed_add and
 * /feed_remove, FEED_URLS), so that one feed is one row in `feeds` however it was typed.
 */

/** Longer URLs are refused: no real feed needs one, and Telegram will not link past 2048 either. */
export const MAX_FEED_URL_LENGTH = 2048

export type FeedUrlResult = { ok: true; url: string } | { ok: false; reason: string }

const fail = (reason: string): FeedUrlResult => ({ ok: false, reason })

/**
 * Checks and normalises a feed URL: trims it; accepts only absolute http:// and https:// URLs with a host;
 * lowercases the scheme and host (IDN hosts become punycode), drops a default port (:80, :443) and the
 * fragment (never sent to the server). Path and query keep their case and order; only what the URL standard
 * itself rewrites changes (percent-encoding of characters a request cannot carry, `.` and `..` segments, an
 * empty path becoming `/`), which is what any HTTP client would send anyway.
 * Bad input gives a reason that reads after "Cannot use that feed URL: ".
 */
export function normalizeFeedUrl(input: string): FeedUrlResult {
  const text = input.trim()
  if (!text) return fail('it is empty; give one such as https://example.org/rss.xml')
  if (text.length > MAX_FEED_URL_LENGTH)
    return fail(`it is ${text.length} characters long; at most ${MAX_FEED_URL_LENGTH} are accepted`)
  if (/[\s\u0000-\u001F\u007F]/.test(text)) return fail('it contains spaces or control characters')
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase()
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https')
    return fail(`only http and https feeds are supported, not ${scheme}:`)
  // The URL parser would also take "http:example.org" or "http:///example.org"; a person meant something else.
  if (!/^https?:\/\/[^/\\?#]/i.test(text))
    return fail('it must start with http:// or https:// followed by a host, e.g. https://example.org/rss.xml')
  let url: URL
  try {
    url = new URL(text)
  } catch {
    // Dropped: the TypeError's text ("Invalid URL"): the answer below says what to check.
    return fail('it is not a valid URL (check the host name and port)')
  }
  if (!url.hostname) return fail('it has no host name')
  url.hash = ''
  const normalized = url.href
  if (normalized.length > MAX_FEED_URL_LENGTH)
    return fail(`it is longer than ${MAX_FEED_URL_LENGTH} characters once encoded`)
  return { ok: true, url: normalized }
}

/**
 * {@link normalizeFeedUrl} for a feed being added (`feeds add`, /feed_add): also refuses at once a host that is
 * a literal loopback, private or other non-public address unless FEED_ALLOW_PRIVATE is set. Host names are
 * checked when connecting (DNS may answer anything), so this is the early, friendly half of the rule.
 */
export function checkNewFeedUrl(input: string, options: { allowPrivate: boolean }): FeedUrlResult {
  const result = normalizeFeedUrl(input)
  if (!result.ok || options.allowPrivate) return result
  const refusal = literalHostRefusal(new URL(result.url).hostname)
  return refusal ? fail(refusal) : result
}

/** The normalised URL, or null when it is not a usable feed URL (for bulk use, where the reason is not shown). */
export function normalizedFeedUrlOrNull(input: string): string | null {
  const result = normalizeFeedUrl(input)
  return result.ok ? result.url : null
}

/**
 * Puts FEED_URLS (already normalised by the config) into the feeds table, at `start` and before every CLI
 * command: first rewrites rows stored before URLs were normalised, so an old spelling is not added twice; never
 * resumes a feed an operator removed. Returns the URLs that stay removed for that reason.
 */
export function registerConfiguredFeeds(
  feeds: Pick<FeedsRepository, 'renormalizeUrls' | 'add'>,
  urls: readonly string[],
): string[] {
  feeds.renormalizeUrls(normalizedFeedUrlOrNull)
  return urls.filter((url) => !feeds.add({ url }).feed.enabled)
}

/**
 * Finds a stored feed by a URL as a person typed it (for `feeds remove <url>` and /feed_remove): under its
 * normalised form, else exactly as typed, for rows stored before every way in normalised. Input that is not
 * a feed URL gives the reason instead.
 */
export function findFeedByUrl<F>(
  input: string,
  byUrl: (url: string) => F | undefined,
): { ok: true; feed: F | undefined } | { ok: false; reason: string } {
  const result = normalizeFeedUrl(input)
  if (!result.ok) return result
  return { ok: true, feed: byUrl(result.url) ?? byUrl(input.trim()) }
}
