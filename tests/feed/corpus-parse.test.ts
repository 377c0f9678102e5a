import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeFeedBytes } from '../../src/feed/decode.ts'
import { type ParsedFeed, parseFeed } from '../../src/feed/parse.ts'
import { hasSharedFeeds, SHARED_FEEDS_NOTE, sharedFeedsDir } from '../support/shared-feeds.ts'

/**
 * Every XML/RSS/Atom/RDF file of the shared corpus through parseFeed, compared with what
 * rss-parser 3.13.0 alone made of the same bytes (real/rss-parser-3.13.0-results.tsv, produced
 * by decoding each file as UTF-8 and calling parseString with default options).
 */

const realDir = join(sharedFeedsDir, 'real')
const SKIPPED = /\.(?:json|html|tsv|md)$/i

interface Outcome {
  path: string
  feed: ParsedFeed | null
  error: string | null
}

function listFeedFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? listFeedFiles(path) : [path]
    })
    .filter((path) => !SKIPPED.test(path))
    .sort()
}

/** The file's bytes, gunzipped when they are a gzip body (node-feedparser's compressed cases). */
function readBytes(path: string): Buffer {
  const bytes = readFileSync(path)
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes
}

/** feedparser's cases name the HTTP header they assume in a "Header: Content-type: …" comment. */
function declaredContentType(bytes: Buffer): string | null {
  return (
    /Header:\s*Content-type:\s*([^\r\n]+)/i.exec(bytes.subarray(0, 600).toString('latin1'))?.[1]?.trim() ??
    null
  )
}

async function parseAll(decode: (bytes: Buffer) => string): Promise<Outcome[]> {
  const outcomes: Outcome[] = []
  for (const file of listFeedFiles(realDir)) {
    const path = relative(realDir, file)
    try {
      const feed = await parseFeed(decode(readBytes(file)), `https://corpus.example/${path}`)
      outcomes.push({ path, feed, error: null })
    } catch (error) {
      outcomes.push({ path, feed: null, error: error instanceof Error ? error.message : String(error) })
    }
  }
  return outcomes
}

function readRssParserResults(): Map<string, { ok: boolean; items: number }> {
  const [header, ...rows] = readFileSync(join(realDir, 'rss-parser-3.13.0-results.tsv'), 'utf8')
    .trim()
    .split('\n')
  const columns = header!.split('\t')
  const col = (name: string) => columns.indexOf(name)
  return new Map(
    rows.map((row) => {
      const cells = row.split('\t')
      return [cells[col('path')]!, { ok: cells[col('result')] === 'ok', items: Number(cells[col('items')]) }]
    }),
  )
}

function printTable(title: string, outcomes: Outcome[], rssParser: Map<string, { ok: boolean }>): void {
  const folders = new Map<string, { parsed: number; failed: number; rssParserOk: number }>()
  for (const o of outcomes) {
    const folder = o.path.split('/')[0]!
    const row = folders.get(folder) ?? { parsed: 0, failed: 0, rssParserOk: 0 }
    if (o.feed) row.parsed++
    else row.failed++
    if (rssParser.get(o.path)?.ok) row.rssParserOk++
    folders.set(folder, row)
  }
  const lines = [...folders].map(
    ([folder, r]) =>
      `${folder.padEnd(22)} ${String(r.parsed).padStart(6)} ${String(r.failed).padStart(6)} ${String(r.rssParserOk).padStart(10)}`,
  )
  const total = (k: 'parsed' | 'failed' | 'rssParserOk') =>
    [...folders.values()].reduce((n, r) => n + r[k], 0)
  console.log(
    [
      title,
      `${'folder'.padEnd(22)} ${'parsed'.padStart(6)} ${'failed'.padStart(6)} ${'rss-parser'.padStart(10)}`,
      ...lines,
      `${'total'.padEnd(22)} ${String(total('parsed')).padStart(6)} ${String(total('failed')).padStart(6)} ${String(total('rssParserOk')).padStart(10)}`,
    ].join('\n'),
  )
}

describe.skipIf(!hasSharedFeeds)(`parseFeed over the shared feed corpus (${SHARED_FEEDS_NOTE})`, () => {
  // Every parse is awaited inside try/catch; this makes a stray rejection a test failure too.
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown) => unhandled.push(reason)
  // The UTF-8 pass is shared by the first two tests; the corpus takes about a second to parse.
  let utf8: Outcome[] = []
  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled)
    utf8 = await parseAll((bytes) => bytes.toString('utf8'))
  })
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled)
  })

  it('parses every file rss-parser parses (same UTF-8 input), with the same item counts, and more', async () => {
    const rssParser = readRssParserResults()
    const outcomes = utf8
    printTable('parseFeed, bytes decoded as UTF-8', outcomes, rssParser)

    const ours = outcomes.filter((o) => o.feed).length
    const theirs = [...rssParser.values()].filter((r) => r.ok).length
    expect(outcomes.length).toBe(rssParser.size)
    expect(ours).toBeGreaterThanOrEqual(theirs)
    for (const o of outcomes) {
      const reference = rssParser.get(o.path)
      if (!reference?.ok) continue
      expect(o.error, o.path).toBeNull()
      expect(o.feed?.items.length, o.path).toBe(reference.items)
    }
    expect(unhandled).toEqual([])
  })

  it('gives normalised items: non-empty string titles and identities, absolute URLs, numeric dates', () => {
    const problems: string[] = []
    for (const { path, feed } of utf8) {
      for (const [n, item] of (feed?.items ?? []).entries()) {
        const where = `${path} item ${n}`
        if (typeof item.title !== 'string' || item.title === '') problems.push(`${where}: title`)
        if (typeof item.identity !== 'string' || item.identity === '') problems.push(`${where}: identity`)
        if (item.url !== null && !/^https?:\/\//.test(item.url)) problems.push(`${where}: url ${item.url}`)
        if (item.publishedAt !== null && !Number.isFinite(item.publishedAt)) problems.push(`${where}: date`)
        if (!item.categories.every((c) => typeof c === 'string' && c !== ''))
          problems.push(`${where}: categories`)
      }
    }
    expect(problems).toEqual([])
  })

  it('parses at least as many files with the charset decoder (decode.ts)', async () => {
    const rssParser = readRssParserResults()
    const decoded = await parseAll((bytes) => decodeFeedBytes(bytes, declaredContentType(bytes)))
    printTable('parseFeed, bytes decoded by decodeFeedBytes', decoded, rssParser)
    expect(decoded.filter((o) => o.feed).length).toBeGreaterThanOrEqual(utf8.filter((o) => o.feed).length)
    expect(unhandled).toEqual([])
  })
})
