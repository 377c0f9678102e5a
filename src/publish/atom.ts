import { type PublishedEntry, type PublishedFeed, rfc3339 } from './archive-feed.ts'

const ATOM_NS = 'http://www.w3.org/2005/Atom'
const MEDIA_NS = 'http://search.yahoo.com/mrss/'

/**
 * Characters XML 1.0 forbids even as references (C0 controls but tab and newlines, U+FFFE/U+FFFF, lone
 * surrogates): a release keeps whatever its source sent, and one such character makes the whole document
 * unreadable to a strict parser, so they are dropped.
 */
const INVALID_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** Text safe inside an element or a double-quoted attribute. */
export function xmlText(value: string): string {
  return value
    .replace(INVALID_XML, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
}

const element = (name: string, text: string, attrs = '') => `<${name}${attrs}>${xmlText(text)}</${name}>`

/** ` name="value"` for each defined value. */
function attributes(values: Record<string, string | null | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '')
    .map(([name, value]) => ` ${name}="${xmlText(value)}"`)
    .join('')
}

function renderEntry({ id, release }: PublishedEntry): string {
  const lines = [
    `  <entry${attributes({ 'xml:lang': release.language })}>`,
    `    ${element('id', id)}`,
    `    ${element('title', release.title)}`,
    `    ${element('published', rfc3339(release.publishedAt))}`,
    `    ${element('updated', rfc3339(release.updatedAt))}`,
  ]
  if (release.source) lines.push(`    <author>${element('name', release.source)}</author>`)
  if (release.url)
    lines.push(`    <link${attributes({ rel: 'alternate', type: 'text/html', href: release.url })}/>`)
  for (const topic of release.topics)
    lines.push(`    <category${attributes({ term: topic.slug, label: topic.name })}/>`)
  // Atom wants a summary or content; the summary is always there, the body is for readers that show full text.
  if (release.summary) lines.push(`    ${element('summary', release.summary, ' type="text"')}`)
  lines.push(`    ${element('content', release.body || release.summary || release.title, ' type="text"')}`)
  if (release.imageUrl) lines.push(`    <media:thumbnail${attributes({ url: release.imageUrl })}/>`)
  lines.push('  </entry>')
  return lines.join('\n')
}

/**
 * An Atom 1.0 document (RFC 4287) for the feed: every element the RFC requires (feed id, title, updated, author,
 * a self link; entry id, title, updated, and an alternate link or content), text XML-escaped with the characters
 * XML cannot carry removed.
 */
export function renderAtom(feed: PublishedFeed): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed${attributes({ xmlns: ATOM_NS, 'xmlns:media': MEDIA_NS, 'xml:lang': feed.language })}>`,
    `  ${element('id', feed.id)}`,
    `  ${element('title', feed.title)}`,
    `  ${element('updated', rfc3339(feed.updated))}`,
    `  <author>${element('name', 'pressbot')}</author>`,
    `  ${element('generator', 'pressbot')}`,
    `  <link${attributes({ rel: 'self', type: 'application/atom+xml', href: feed.selfUrl })}/>`,
    `  <link${attributes({ rel: 'alternate', type: feed.alternate.type, href: feed.alternate.url })}/>`,
    ...feed.entries.map(renderEntry),
    '</feed>',
    '',
  ].join('\n')
}
