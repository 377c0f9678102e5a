import { decodeEntities, htmlToText } from './clean.ts'
import { itemIdentity } from './identity.ts'
import { derivedTitle, linkBase, resolveUrl, toEpoch, withoutFeedQuery } from './item-fields.ts'
import type { ParsedFeed, ParsedItem } from './parse.ts'

type Raw = Record<string, unknown>

/** A body that is a JSON object (a JSON Feed, or JSON that is not one): the first character after a BOM. */
export function looksLikeJson(text: string): boolean {
  return /^\ufeff?\s*\{/.test(text)
}

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null)

/** Plain text as HTML for the cleaner: escaped, blank lines as paragraph breaks, single newlines as <br>. */
function textToHtml(text: string): string {
  const escaped = text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
  return escaped
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${paragraph.trim().replaceAll('\n', '<br>')}</p>`)
    .join('\n')
}

/** The item's image: image, else banner_image, else an image attachment, else the first <img> of its HTML. */
function imageOf(item: Raw, html: string, base: string | null): string | null {
  const attachments = Array.isArray(item.attachments) ? (item.attachments as Raw[]) : []
  const attached = attachments.find(
    (a) => typeof a?.mime_type === 'string' && a.mime_type.startsWith('image/'),
  )
  const inlineSrc = /<img\b[^>]*?\ssrc\s*=\s*["']([^"']+)["']/i.exec(html)?.[1]
  const candidates = [item.image, item.banner_image, attached?.url, inlineSrc && decodeEntities(inlineSrc)]
  for (const candidate of candidates) {
    const url = typeof candidate === 'string' ? resolveUrl(candidate, base) : null
    if (url) return url
  }
  return null
}

function mapItem(
  item: Raw,
  base: string | null,
  feedAddresses: Array<string | null>,
  fetchedFrom: string | null,
): ParsedItem {
  // content_html is the richest; content_text and summary are plain text.
  const contentHtml = str(item.content_html)
  const text = str(item.content_text) ?? str(item.summary)
  const html = contentHtml ?? (text ? textToHtml(text) : '')
  const rawUrl = str(item.url) ?? str(item.external_url)
  const rawTitle = str(item.title)
  const title = (rawTitle ? htmlToText(rawTitle).replace(/\s+/g, ' ').trim() : '') || derivedTitle(html)
  const publishedAt = toEpoch(item.date_published) ?? toEpoch(item.date_modified)
  // The spec says id is a string; some feeds write a number (and the number is still the item's identity).
  const id = typeof item.id === 'number' ? String(item.id) : str(item.id)
  const tags = Array.isArray(item.tags) ? item.tags : []
  const categories = tags.flatMap((tag) => (typeof tag === 'string' ? [tag.replace(/\s+/g, ' ').trim()] : []))
  const url = withoutFeedQuery(resolveUrl(rawUrl, base), fetchedFrom)
  return {
    identity: itemIdentity({ guid: id, link: rawUrl, title, publishedAt, feedAddresses }),
    url,
    title,
    publishedAt,
    html,
    categories: [...new Set(categories.filter(Boolean))],
    imageUrl: withoutFeedQuery(imageOf(item, html, url ?? base), fetchedFrom),
    language: str(item.language)?.toLowerCase() ?? null,
  }
}

/**
 * Reads a JSON Feed 1.0 or 1.1 (https://jsonfeed.org/version/1.1) into the shape parseFeed gives for RSS and
 * Atom. Relative addresses resolve against home_page_url, then feed_url, then where the feed was fetched from.
 * Throws an Error saying why when the text is not JSON, or JSON without an items array; parseFeed words it.
 */
export function parseJsonFeed(text: string, feedUrl: string): ParsedFeed {
  let data: unknown
  try {
    data = JSON.parse(text.replace(/^\ufeff/, ''))
  } catch (error) {
    throw new Error(`invalid JSON: ${(error as Error).message}`)
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error('JSON, but not an object')
  const feed = data as Raw
  const version = str(feed.version)
  if (!Array.isArray(feed.items)) {
    throw new Error(
      version ? 'JSON Feed without an items array' : 'JSON, but not a JSON Feed (no version, no items)',
    )
  }
  const fetchedFrom = resolveUrl(feedUrl, null)
  // Never the fetched address's query (it may hold a key): see linkBase.
  const link = withoutFeedQuery(resolveUrl(str(feed.home_page_url), linkBase(fetchedFrom)), fetchedFrom)
  const declared = withoutFeedQuery(resolveUrl(str(feed.feed_url), linkBase(fetchedFrom)), fetchedFrom)
  const base = link ?? linkBase(declared) ?? linkBase(fetchedFrom)
  const items = (feed.items as unknown[]).filter((item): item is Raw => !!item && typeof item === 'object')
  const feedTitle = str(feed.title)
  return {
    title: feedTitle ? htmlToText(feedTitle).replace(/\s+/g, ' ').trim() || null : null,
    language: str(feed.language)?.toLowerCase() ?? null,
    link,
    items: items.map((item) => mapItem(item, base, [base, fetchedFrom], fetchedFrom)),
  }
}
