import Parser from 'rss-parser'
import rssParserUtils from 'rss-parser/lib/utils.js'
import { decodeEntities, htmlToText, namedEntity } from './clean.ts'
import { itemIdentity } from './identity.ts'
import { derivedTitle, linkBase, resolveUrl, toEpoch, withoutFeedQuery } from './item-fields.ts'
import { looksLikeJson, parseJsonFeed } from './parse-json-feed.ts'
import { ttlToMs } from './server-timing.ts'

/** A feed reduced to what pressbot stores. */
export interface ParsedFeed {
  title: string | null
  /** The language the channel declares (<language>, dc:language, xml:lang on the root), lower-cased. */
  language: string | null
  /** The site's address (absolute http/https), or null. */
  link: string | null
  /** The channel's <ttl> (RSS: minutes it may be cached) in ms; null when it has none. A lower bound on polling. */
  ttlMs?: number | null
  items: ParsedItem[]
}

/** One feed item, normalised: strings are strings, links are absolute, dates are epoch ms. */
export interface ParsedItem {
  /**
   * Dedup key: guid, else Atom id, else link, else a hash of title and date; a link to the site rather than the
   * item (its root, an index page) gets the hash appended. A function of the item alone (see identity.ts).
   */
  identity: string
  url: string | null
  /** Never empty: derived from the text, or "(untitled)". */
  title: string
  publishedAt: number | null
  /** The richest content: content:encoded / Atom content, else description / summary. */
  html: string
  categories: string[]
  imageUrl: string | null
  /** The item's own declared language (dc:language, xml:lang), lower-cased; null when it declares none. */
  language: string | null
}

/** Raised when the input cannot be read as RSS, Atom or JSON Feed; the message says why. */
export class FeedParseError extends Error {
  override name = 'FeedParseError'
}

type Raw = Record<string, unknown>

const ATOM_NS = 'http://www.w3.org/2005/Atom'
const RSS1_NS = 'http://purl.org/rss/1.0/'
const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos'])

/** `<!ENTITY name "…&other;…">`: an entity declared through another entity; one way to match, so linear. */
const NESTED_ENTITY_DECLARATION =
  /<!ENTITY\s+(?:%\s*)?[\w.:-]+\s+(?:"[^"&<>]*(?:&(?![\w.:-]+;)[^"&<>]*)*|'[^'&<>]*(?:&(?![\w.:-]+;)[^'&<>]*)*)&[\w.:-]+;/i

/** Drops what may precede the root element: BOM, blank lines, comments, PIs, the DOCTYPE. */
function stripProlog(xml: string): string {
  // Removing the DOCTYPE also removes its internal subset, so entities declared there (the
  // billion-laughs attack) are never expanded: a reference to them is escaped as text below.
  const prologPart = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\]\s*)?>)/i
  let rest = xml.replace(/^\ufeff/, '')
  for (let m = prologPart.exec(rest); m && m[0].length > 0; m = prologPart.exec(rest))
    rest = rest.slice(m[0].length)
  return rest
}

/**
 * Makes entity use XML-legal outside CDATA: HTML named entities (&nbsp; &copy; ...) become
 * numeric references, unknown names and bare `&` are escaped as text, `&#X..;` is lower-cased.
 */
function fixEntities(xml: string): string {
  return (
    xml
      // An unclosed section runs to the end (looking for "]]>" from every "<![CDATA[" was quadratic).
      .split(/(<!\[CDATA\[[\s\S]*?(?:\]\]>|$))/)
      .map((part, i) => {
        if (i % 2 === 1) return part
        return part.replace(
          /&(#[xX][0-9a-fA-F]+;|#\d+;|[A-Za-z][A-Za-z0-9]*;)?/g,
          (all, ref: string | undefined) => {
            if (!ref) return '&amp;'
            if (ref.startsWith('#')) return `&#${ref.slice(1).toLowerCase()}`
            const name = ref.slice(0, -1)
            if (XML_ENTITIES.has(name)) return all
            const text = namedEntity(name)
            return text === undefined
              ? `&amp;${ref}`
              : [...text].map((ch) => `&#${ch.codePointAt(0)};`).join('')
          },
        )
      })
      .join('')
  )
}

/** Renames `<p:x>` to `<x>` when prefix p is bound to a feed namespace on the root element. */
function dropPrefix(xml: string, rootTag: string, namespace: string): string {
  const prefixes = [...rootTag.matchAll(/xmlns:([\w.-]+)\s*=\s*["']([^"']*)["']/g)]
  const prefix = prefixes.find((m) => m[2] === namespace)?.[1]
  if (!prefix) return xml
  return xml.replace(new RegExp(`<(/?)${prefix.replace(/[.-]/g, '\\$&')}:`, 'g'), '<$1')
}

/** The minimal repairs real feeds need before a strict XML parser accepts them. */
function prepareXml(xml: string): string {
  let doc = stripProlog(xml)
  if (doc.trim() === '') throw new FeedParseError('empty document')
  const root = /^<([A-Za-z_][\w.:-]*)[^>]*>?/.exec(doc)
  if (!root) {
    const hint = doc.startsWith('{') ? ' (it looks like JSON)' : ''
    throw new FeedParseError(`not XML: the document does not start with an element${hint}`)
  }
  let name = root[1]!
  if (name.toLowerCase() === 'html') {
    // Some sites serve an Atom feed wrapped in an XHTML page; anything else is a web page.
    const start = doc.search(/<feed[\s>]/)
    const end = doc.lastIndexOf('</feed>')
    if (start < 0 || end < start) throw new FeedParseError('not a feed: an HTML page')
    doc = doc.slice(start, end + '</feed>'.length)
    name = 'feed'
  }
  if (/^[\w.-]+:feed$/.test(name)) {
    doc = dropPrefix(doc, root[0], ATOM_NS)
    name = 'feed'
  }
  if (name === 'rdf:RDF') doc = dropPrefix(doc, root[0], RSS1_NS)
  if (name === 'entry' || name === 'item')
    throw new FeedParseError(`not a feed: a single <${name}>, not a whole feed`)
  if (!['rss', 'feed', 'rdf:RDF'].includes(name))
    throw new FeedParseError(`not a feed: root element <${name}>`)
  // A last end tag cut short at end of file (`</rss` without `>`) is the only truncation we repair.
  doc = fixEntities(doc.replace(/(<\/[\w:.-]+)\s*$/, '$1>'))
  return name === 'feed' ? repairAtom(doc) : doc
}

/**
 * Atom-only repairs for rss-parser: an xhtml title becomes escaped markup (xml2js would return
 * an object and lose the word order), and a date that JavaScript cannot read is emptied
 * (rss-parser calls toISOString on it, which throws and would lose the whole feed).
 */
function repairAtom(doc: string): string {
  const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  return (
    doc
      // Content stops at the next <title and attributes at the next '<': unclosed titles and tags stay linear.
      .replace(
        /<title(\s[^<>]*\btype\s*=\s*["']xhtml["'][^<>]*)>((?:(?!<\/?title\b)[\s\S])*)<\/title>/g,
        (_all, attrs, inner) => {
          return `<title${attrs}>${escapeXml(inner)}</title>`
        },
      )
      .replace(/<(published|updated)(\s[^<>]*)?>([^<]*)<\/\1>/g, (all, tag, attrs = '', value: string) =>
        Number.isNaN(Date.parse(value.trim())) && value.trim() ? `<${tag}${attrs}></${tag}>` : all,
      )
  )
}

// rss-parser's `contentSnippet` (never read here) takes time quadratic in an item's content (README, Limits).
rssParserUtils.getSnippet = () => ''
const parserOptions = {
  // <rss> without a version attribute is common in the wild; read it as RSS 2.0.
  defaultRSS: 2,
  customFields: {
    feed: [
      ['dc:language', 'dcLanguage'],
      ['$', 'attrs', { keepArray: true }],
    ],
    item: [
      ['category', 'rawCategories', { keepArray: true }],
      ['media:content', 'mediaContent', { keepArray: true }],
      ['media:thumbnail', 'mediaThumbnail', { keepArray: true }],
      ['content:encoded', 'contentEncoded'],
      ['dc:language', 'dcLanguage'],
      ['id', 'atomId'],
      // rss-parser keeps only the guid's text; isPermaLink tells whether a relative guid is a link.
      ['guid', 'rawGuid', { keepArray: true }],
      // The element's attributes, for xml:lang.
      ['$', 'attrs', { keepArray: true }],
    ],
  },
} as unknown as Parser.ParserOptions<Raw, Raw>

/** Raw rss-parser output: every field may be missing or of an unexpected type. */
async function runRssParser(xml: string): Promise<{ feed: Raw; items: Raw[] }> {
  try {
    // A fresh parser per call: xml2js parser instances keep state between documents.
    const output = (await new Parser<Raw, Raw>(parserOptions).parseString(xml)) as unknown as Raw
    const items = Array.isArray(output.items) ? (output.items as Raw[]) : []
    return { feed: output, items }
  } catch (error) {
    // rss-parser dereferences channel[0] blindly: a document without <channel> is a TypeError.
    if (error instanceof TypeError) throw new FeedParseError('RSS document has no <channel> element')
    const message = error instanceof Error ? error.message : String(error)
    throw new FeedParseError(message.split('\n')[0] ?? 'unreadable XML')
  }
}

/** Text of an xml2js value: a string, `{_: text, $: attrs}`, or nested elements (xhtml). */
function textOf(value: unknown): string | null {
  const collect = (v: unknown): string => {
    if (typeof v === 'string') return v
    if (typeof v === 'number') return String(v)
    if (Array.isArray(v)) return v.map(collect).join(' ')
    if (v && typeof v === 'object') {
      return Object.entries(v)
        .filter(([key]) => key !== '$')
        .map(([, child]) => collect(child))
        .join(' ')
    }
    return ''
  }
  const text = collect(value).replace(/\s+/g, ' ').trim()
  return text || null
}

const attrsOf = (value: unknown): Raw => {
  const attrs = value && typeof value === 'object' ? (value as Raw).$ : undefined
  return attrs && typeof attrs === 'object' ? (attrs as Raw) : {}
}

/** The element's own xml:lang (captured by the `$` custom field). */
const xmlLang = (element: Raw) => textOf((element.attrs as Raw | undefined)?.['xml:lang'])

function categoriesOf(item: Raw): string[] {
  const raw = [
    ...(Array.isArray(item.categories) ? item.categories : []),
    ...(Array.isArray(item.rawCategories) ? item.rawCategories : []),
  ]
  const names = raw.map((c) => {
    if (typeof c === 'string') return c
    const attrs = attrsOf(c)
    // RSS <category domain="..">text</category> gives {_, $}; Atom gives {$: {term, label}}.
    return textOf((c as Raw)?._) ?? textOf(attrs.term) ?? textOf(attrs.label) ?? ''
  })
  return [...new Set(names.map((n) => n.replace(/\s+/g, ' ').trim()).filter(Boolean))]
}

function imageOf(item: Raw, html: string, base: string | null): string | null {
  const candidates: unknown[] = []
  for (const thumb of Array.isArray(item.mediaThumbnail) ? item.mediaThumbnail : [])
    candidates.push(attrsOf(thumb).url)
  for (const media of Array.isArray(item.mediaContent) ? item.mediaContent : []) {
    const { url, medium, type } = attrsOf(media)
    const isImage = medium === 'image' || (typeof type === 'string' && type.startsWith('image/'))
    if (
      isImage ||
      (!medium && !type && typeof url === 'string' && /\.(?:jpe?g|png|gif|webp)(?:\?|$)/i.test(url))
    )
      candidates.push(url)
  }
  const enclosure = item.enclosure as Raw | undefined
  if (typeof enclosure?.type === 'string' && enclosure.type.startsWith('image/'))
    candidates.push(enclosure.url)
  // An attribute in HTML source: &amp; and the like still to decode.
  const inlineSrc = /<img\b[^>]*?\ssrc\s*=\s*["']([^"']+)["']/i.exec(html)?.[1]
  candidates.push(inlineSrc === undefined ? undefined : decodeEntities(inlineSrc))
  for (const candidate of candidates) {
    const url = typeof candidate === 'string' ? resolveUrl(candidate, base) : null
    if (url) return url
  }
  return null
}

const firstText = (...values: unknown[]) => {
  for (const v of values) if (typeof v === 'string' && v.trim()) return v
  return ''
}

/** The feed's own addresses, for telling a link to the site from a link to an item (identity.ts). */
type FeedContext = { base: string | null; fetchedFrom: string | null; feedAddresses: Array<string | null> }

function mapItem(item: Raw, feed: FeedContext): ParsedItem {
  const { base } = feed
  const html = firstText(item.contentEncoded, item['content:encoded'], item.content, item.summary)
  const link = textOf(item.link)
  const guid = textOf(item.guid)
  let url = resolveUrl(link, base)
  // A permalink guid is the item's address when <link> is missing.
  const permalink = Array.isArray(item.rawGuid) && attrsOf(item.rawGuid[0]).isPermaLink === 'true'
  if (!url && guid && (permalink || /^https?:\/\//i.test(guid))) url = resolveUrl(guid, base)
  url = withoutFeedQuery(url, feed.fetchedFrom)
  const rawTitle = textOf(item.title)
  const title = (rawTitle ? htmlToText(rawTitle).replace(/\s+/g, ' ').trim() : '') || derivedTitle(html)
  const publishedAt = toEpoch(item.isoDate) ?? toEpoch(item.pubDate)
  const id = textOf(item.atomId) ?? textOf(item.id)
  // Only the item's own declaration: the feed's operator-set and channel languages are applied by ingest.
  const language = textOf(item.dcLanguage) ?? textOf(item.language) ?? xmlLang(item)
  return {
    identity: itemIdentity({ guid, id, link, title, publishedAt, feedAddresses: feed.feedAddresses }),
    url,
    title,
    publishedAt,
    html,
    categories: categoriesOf(item),
    imageUrl: withoutFeedQuery(imageOf(item, html, url ?? base), feed.fetchedFrom),
    language: language?.toLowerCase() ?? null,
  }
}

/**
 * Parses an RSS 0.9x/1.0/2.0 or Atom document, or a JSON Feed 1.0/1.1 (a body that starts with `{`), that is
 * already a decoded string. `feedUrl` is where it was fetched from and the base for relative links (after the
 * feed's own link). Throws FeedParseError with a readable reason when the input is not a feed.
 */
export async function parseFeed(xml: string, feedUrl: string): Promise<ParsedFeed> {
  if (looksLikeJson(xml)) {
    try {
      return parseJsonFeed(xml, feedUrl)
    } catch (error) {
      throw new FeedParseError(`cannot parse feed ${feedUrl}: ${(error as Error).message}`, { cause: error })
    }
  }
  // Entities defined through other entities exist only to multiply ("billion laughs"). We never expand DTD
  // entities anyway, but such a feed is hostile, and the admin should see it named as such.
  if (NESTED_ENTITY_DECLARATION.test(xml.slice(0, 65_536))) {
    throw new FeedParseError(
      `cannot parse feed ${feedUrl}: refused: the DOCTYPE defines entities through other entities (an entity-expansion attack)`,
    )
  }
  try {
    const { feed, items } = await runRssParser(prepareXml(xml))
    const fetchedFrom = resolveUrl(feedUrl, null)
    // Relative links resolve against the channel's own link, else the feed's address without its query.
    const link = withoutFeedQuery(resolveUrl(textOf(feed.link), linkBase(fetchedFrom)), fetchedFrom)
    const language = textOf(feed.language) ?? textOf(feed.dcLanguage) ?? xmlLang(feed) ?? null
    const feedTitle = textOf(feed.title)
    const base = link ?? linkBase(fetchedFrom)
    const context: FeedContext = { base, fetchedFrom, feedAddresses: [base, fetchedFrom] }
    return {
      title: feedTitle ? htmlToText(feedTitle).replace(/\s+/g, ' ').trim() || null : null,
      language: language?.toLowerCase() ?? null,
      link,
      ttlMs: ttlToMs(textOf(feed.ttl)),
      items: items.map((item) => mapItem(item, context)),
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new FeedParseError(`cannot parse feed ${feedUrl}: ${reason}`, { cause: error })
  }
}
