import { type CheerioAPI, load } from 'cheerio'

/** A selection of elements (cheerio's own Element type lives in domhandler, not a dependency of ours). */
type Elements = ReturnType<ReturnType<CheerioAPI['root']>['children']>

/**
 * A strict structural check of an Atom 1.0 document against RFC 4287's requirements (sections 4.1.1-4.2.15),
 * for the feeds pressbot publishes. Returns the problems found, one line each; [] means none. Well-formedness is
 * left to a strict XML parser (rss-parser's xml2js in the tests); this checks what a parser accepts silently.
 */
export function atomProblems(xml: string): string[] {
  const problems: string[] = []
  // XML 1.0 Char production: no C0 controls but tab and newlines, no U+FFFE/U+FFFF, no lone surrogates.
  const invalid = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.exec(xml)
  if (invalid) problems.push(`character not allowed in XML: U+${invalid[0].codePointAt(0)!.toString(16)}`)
  if (!xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')) problems.push('no XML declaration for utf-8')

  const $ = load(xml, { xml: true })
  const feed = $.root().children()
  if (feed.length !== 1 || feed[0]!.tagName !== 'feed') return [...problems, 'root element is not <feed>']
  if (feed.attr('xmlns') !== 'http://www.w3.org/2005/Atom') problems.push('feed: not in the Atom namespace')

  const isIri = (value: string | undefined) => !!value && /^[a-z][a-z0-9+.-]*:\S+$/i.test(value)
  const isDate = (value: string) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value))
  const isLang = (value: string | undefined) =>
    value === undefined || /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i.test(value)

  /** The element's own children named `name` (never descendants of another element). */
  const own = (parent: Elements, name: string) => parent.children().filter((_, el) => el.tagName === name)

  function exactlyOne(where: string, parent: Elements, name: string): Elements {
    const found = own(parent, name)
    if (found.length !== 1) problems.push(`${where}: ${found.length} <${name}> elements, must be exactly one`)
    return found.first()
  }
  function atMostOne(where: string, parent: Elements, name: string) {
    const found = own(parent, name)
    if (found.length > 1) problems.push(`${where}: ${found.length} <${name}> elements, at most one allowed`)
  }
  function checkCommon(where: string, el: Elements) {
    const id = exactlyOne(where, el, 'id').text()
    if (!isIri(id)) problems.push(`${where}: id "${id}" is not an absolute IRI`)
    if (exactlyOne(where, el, 'title').text().trim() === '') problems.push(`${where}: empty title`)
    const updated = exactlyOne(where, el, 'updated').text()
    if (!isDate(updated)) problems.push(`${where}: updated "${updated}" is not an RFC 3339 date`)
    if (!isLang(el.attr('xml:lang')))
      problems.push(`${where}: xml:lang "${el.attr('xml:lang')}" is not a language tag`)
    for (const text of ['title', 'summary', 'content', 'rights', 'subtitle']) {
      const type = own(el, text).attr('type')
      if (type !== undefined && !['text', 'html', 'xhtml'].includes(type) && text !== 'content')
        problems.push(`${where}: <${text} type="${type}">`)
    }
    const alternates = new Set<string>()
    for (const link of own(el, 'link').toArray()) {
      const href = $(link).attr('href')
      if (!isIri(href)) problems.push(`${where}: link without an absolute href`)
      const rel = $(link).attr('rel') ?? 'alternate'
      if (rel !== 'alternate') continue
      const key = `${$(link).attr('type')}|${$(link).attr('hreflang')}`
      if (alternates.has(key)) problems.push(`${where}: two alternate links of the same type and hreflang`)
      alternates.add(key)
    }
    for (const category of own(el, 'category').toArray())
      if (!$(category).attr('term')) problems.push(`${where}: category without term`)
    for (const author of own(el, 'author').toArray())
      if (own($(author), 'name').length !== 1) problems.push(`${where}: author without exactly one name`)
  }

  checkCommon('feed', feed)
  atMostOne('feed', feed, 'subtitle')
  const self = own(feed, 'link').filter((_, link) => $(link).attr('rel') === 'self')
  if (self.length !== 1) problems.push(`feed: ${self.length} rel="self" links, want one`)
  const entries = own(feed, 'entry')
  const ids = new Set<string>()
  entries.each((i, entry) => {
    const where = `entry ${i}`
    const el = $(entry)
    checkCommon(where, el)
    const id = own(el, 'id').text()
    if (ids.has(id)) problems.push(`${where}: id ${id} repeats another entry's`)
    ids.add(id)
    for (const once of ['published', 'summary', 'content', 'rights', 'source']) atMostOne(where, el, once)
    const published = own(el, 'published').text()
    if (published && !isDate(published)) problems.push(`${where}: published "${published}" is not RFC 3339`)
    const hasContent = own(el, 'content').length > 0
    const hasAlternate = own(el, 'link').filter((_, l) => ($(l).attr('rel') ?? 'alternate') === 'alternate')
    if (!hasContent && hasAlternate.length === 0)
      problems.push(`${where}: neither content nor alternate link`)
    if (own(feed, 'author').length === 0 && own(el, 'author').length === 0)
      problems.push(`${where}: no author, and the feed has none`)
  })
  return problems
}
