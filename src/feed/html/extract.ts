import { createHash } from 'node:crypto'
import { type Cheerio, type CheerioAPI, load } from 'cheerio'
import { createDateParser, timeOfDayIn } from './dates.ts'
import type { Extract, HtmlSource } from './source-config.ts'

// cheerio's node type, without importing domhandler (not a direct dependency).
type AnyNode = Exclude<Parameters<typeof load>[0], string | Buffer | unknown[]>

/** One news item as a listing page shows it. */
export type ListingItem = {
  /** The id from the link (idPattern), else the absolute link: the release's identity within the feed. */
  id: string
  url: string
  title: string | null
  publishedAt: number | null
  /** Changes when the listing shows the item differently (a corrected title or date): its article is read again. */
  fingerprint: string
}

export type ListingPage =
  | { kind: 'ok'; items: ListingItem[]; title: string | null }
  /** The page does not look as the source says (a redesign): worth a feed error, not an empty result. */
  | { kind: 'mismatch'; error: string }

/** One article page, read. */
export type ArticlePage =
  | {
      kind: 'ok'
      title: string | null
      publishedAt: number | null
      /** When the page's date shows only a time of day ("18:30"): ms after midnight (see onListingDay). */
      timeOfDay: number | null
      html: string
      imageUrl: string | null
    }
  | { kind: 'mismatch'; error: string }

const squash = (text: string) => text.replace(/\s+/g, ' ').trim()

/** The value an Extract names inside `scope`: an attribute or the text of the first match, or null. */
function pick($: CheerioAPI, scope: Cheerio<AnyNode>, how: Extract | undefined): string | null {
  if (!how) return null
  const node = how.selector ? scope.find(how.selector).first() : scope.first()
  if (node.length === 0) return null
  const value = how.attribute ? node.attr(how.attribute) : $(node).text()
  const text = value === undefined ? '' : squash(value)
  return text || null
}

/** An absolute http(s) URL, or null for what cannot be one (javascript:, mailto:, garbage). */
function absolute(href: string | null, base: string): string | null {
  if (!href) return null
  try {
    const url = new URL(href, base)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
    url.hash = ''
    return url.href
  } catch {
    // Dropped: the TypeError of an unparsable href: the link is dropped, the item may still have another.
    return null
  }
}

/** The item's id: the first group of idPattern on its link, else the link itself. */
function itemId(source: Pick<HtmlSource, 'idPattern'>, url: string): string | null {
  if (!source.idPattern) return url
  const match = new RegExp(source.idPattern, 'u').exec(url)
  return match ? (match[1] ?? match[0]) : null
}

/**
 * Reads the items of one listing page. Items without a usable link (or id) are left out; a page where the item
 * selector matches nothing, or where no item has a link, is a `mismatch`: the site changed, or the config is wrong.
 */
export function extractListing(html: string, pageUrl: string, source: HtmlSource): ListingPage {
  const $ = load(html, { baseURI: pageUrl })
  const parseDate = createDateParser({ ...source.dates, language: source.language })
  const elements = $(source.item.selector).toArray()
  if (elements.length === 0)
    return {
      kind: 'mismatch',
      error: `item selector "${source.item.selector}" matched nothing on ${pageUrl}`,
    }
  const items: ListingItem[] = []
  const seen = new Set<string>()
  for (const element of elements) {
    const scope = $(element)
    const url = absolute(pick($, scope, source.item.link), pageUrl)
    const id = url ? itemId(source, url) : null
    if (!url || !id || seen.has(id)) continue
    seen.add(id)
    const title = pick($, scope, source.item.title)
    const publishedAt = parseDate(pick($, scope, source.item.date))
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([id, url, title, publishedAt]))
      .digest('hex')
      .slice(0, 32)
    items.push({ id, url, title, publishedAt, fingerprint })
  }
  if (items.length === 0)
    return { kind: 'mismatch', error: `no item on ${pageUrl} has a link the source can read` }
  return { kind: 'ok', items, title: squash($('title').first().text()) || null }
}

/**
 * Reads an article page: title, date, body (furniture removed, relative links and images made absolute) and
 * image. No body is a `mismatch`: nothing empty is ever stored.
 */
export function extractArticle(html: string, pageUrl: string, source: HtmlSource): ArticlePage {
  const $ = load(html, { baseURI: pageUrl })
  const { article } = source
  const body = $(article.body)
  if (article.remove.length > 0) body.find(article.remove.join(', ')).remove()
  body.find('script, style, noscript, template').remove()
  body.find('a[href]').each((_, a) => {
    const href = absolute($(a).attr('href') ?? null, pageUrl)
    if (href) $(a).attr('href', href)
    else $(a).removeAttr('href')
  })
  const parts = body
    .toArray()
    .map((node) => $.html(node))
    .filter((part) => squash($(part).text()) !== '')
  if (parts.length === 0)
    return { kind: 'mismatch', error: `article body "${article.body}" matched no text on ${pageUrl}` }
  const parseDate = createDateParser({ ...source.dates, language: source.language })
  const root = $.root()
  const image = pick($, root, article.image ? { attribute: 'src', ...article.image } : undefined)
  const dateText = pick($, root, article.date)
  const publishedAt = parseDate(dateText)
  return {
    kind: 'ok',
    title: pick($, root, article.title),
    publishedAt,
    timeOfDay: publishedAt === null ? timeOfDayIn(dateText) : null,
    html: parts.join('\n'),
    imageUrl: absolute(image, pageUrl),
  }
}
