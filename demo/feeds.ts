/**
 * The feeds the demo serves. Northvale (our own invented releases) is always there, so a plain clone works;
 * the president.az releases of the shared corpus are wrapped into RSS at run time when ../shared is present,
 * never copied into the repository.
 */
import { existsSync, readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PRESETS, storedSourceJson } from '../src/feed/html/presets.ts'
import { parseHtmlSource } from '../src/feed/html/source-config.ts'
import {
  NORTHVALE_FEED_TITLE,
  NORTHVALE_LATE_RELEASE,
  NORTHVALE_RELEASES,
  rssDocument,
} from '../tests/support/northvale.ts'
import { edition, OFFICE_ARTICLES, officeSourceConfig } from '../tests/support/press-office.ts'

/** One feed the demo's feed server carries. */
export type DemoFeed = {
  /** Path on the local feed server. */
  path: string
  title: string
  /** Where its items come from, for the banner. */
  origin: string
  items: number
  body: string
}

/** The Northvale feed, before or after the press office publishes its late release. */
export function northvaleFeed(withLateRelease = false): DemoFeed {
  const releases = withLateRelease ? [...NORTHVALE_RELEASES, NORTHVALE_LATE_RELEASE] : NORTHVALE_RELEASES
  return {
    path: '/northvale/rss',
    title: NORTHVALE_FEED_TITLE,
    origin: 'invented releases, tests/support/northvale.ts',
    items: releases.length,
    body: rssDocument(releases),
  }
}

const escapeXml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')

type PresidentRecord = { title?: unknown; url?: unknown; published?: unknown; body?: unknown }

/** One stored release as an RSS item: paragraphs become <p>, the Baku local time gets its +04:00 offset. */
function toItem(record: PresidentRecord, index: number): string | undefined {
  if (typeof record.title !== 'string' || typeof record.url !== 'string' || typeof record.body !== 'string') {
    return undefined
  }
  const html = record.body
    .split(/\n+/)
    .map((paragraph) => `<p>${escapeXml(paragraph)}</p>`)
    .join('')
  const date =
    typeof record.published === 'string' ? new Date(`${record.published}:00+04:00`).toUTCString() : ''
  // Some stored pages share a URL (a page and its /print copy): the index keeps their guids apart.
  return `<item><title>${escapeXml(record.title)}</title><link>${escapeXml(record.url)}</link>
<guid>${escapeXml(record.url)}#${index}</guid>${date && date !== 'Invalid Date' ? `<pubDate>${date}</pubDate>` : ''}
<description>${escapeXml(html)}</description></item>`
}

/**
 * The president.az releases from `<releasesDir>/president-az.jsonl` as an RSS feed, or undefined when the
 * shared corpus is absent. Lines that are not JSON, or have no title, are skipped rather than failing the demo.
 */
export function presidentFeed(releasesDir: URL): DemoFeed | undefined {
  const file = new URL('president-az.jsonl', releasesDir)
  if (!existsSync(file)) return undefined
  const items = readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, index) => {
      if (!line.trim()) return []
      try {
        const item = toItem(JSON.parse(line) as PresidentRecord, index)
        return item ? [item] : []
      } catch {
        // Dropped: the SyntaxError of a broken corpus line: that record is left out of the demo.
        return []
      }
    })
  if (items.length === 0) return undefined
  const title = 'President of Azerbaijan — press releases'
  return {
    path: '/president-az/rss',
    title,
    origin: `stored president.az pages, ${relative(process.cwd(), fileURLToPath(file))}`,
    items: items.length,
    body: `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${escapeXml(title)}</title>
<link>https://president.az/en</link><language>en</language>${items.join('\n')}</channel></rss>`,
  }
}

/** One press page without a feed the demo serves: an edition of the Northvale office's site, read as HTML. */
export type DemoPage = { language: string; url: string; sourceConfig: string; items: number }

/**
 * The Northvale office's web pages in three languages (tests/support/press-office.ts, laid out like
 * president.az), read with the president.az preset's data pointed at the local server.
 */
export function officePages(baseUrl: string): DemoPage[] {
  return (['en', 'ru', 'az'] as const).map((language) => {
    const parsed = parseHtmlSource(officeSourceConfig(baseUrl, language, PRESETS['president.az']!.source))
    if (!parsed.ok) throw new Error(`demo: ${parsed.error}`)
    return {
      language,
      url: `${baseUrl}/${language}/news/category/all/1`,
      sourceConfig: storedSourceJson(parsed.source),
      items: edition(language, OFFICE_ARTICLES).length,
    }
  })
}
