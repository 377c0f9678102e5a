import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The shared test corpus lives next to the repository (../shared/feeds), not inside it: it is
 * read-only, never copied in, and absent from a plain clone. Tests that need it use
 * `describe.skipIf(!hasSharedFeeds)` and put SHARED_FEEDS_NOTE in the describe title.
 */
export const sharedFeedsDir: string = fileURLToPath(new URL('../../../shared/feeds/', import.meta.url))

export const hasSharedFeeds: boolean = existsSync(sharedFeedsDir)

/** For describe titles: where the data comes from, or why the cases are skipped in this clone. */
export const SHARED_FEEDS_NOTE = hasSharedFeeds
  ? 'reads ../shared/feeds'
  : 'skipped: needs ../shared/feeds (the shared test corpus), absent in this clone'

/** One press release from releases/*.jsonl (president.az pages, text verbatim). */
export interface PresidentRelease {
  /** Null in the partial file, where the stored excerpt had no title line. */
  title: string | null
  url: string
  /** ISO 8601 local time (Asia/Baku) without an offset, e.g. "2019-03-31T22:50"; may be null. */
  published: string | null
  /** The date line as on the page, e.g. "31 march 2019, 22:50". */
  publishedRaw: string | null
  timezone: string | null
  /** Verbatim text; paragraphs split by "\n\n" (normal pages) or "\n" (/print pages). */
  body: string
  language: string
  source: string
  /** False for releases/president-az.partial.jsonl: the stored excerpt was cut. */
  complete: boolean
  note: string | null
  /** The .jsonl file the record came from. */
  file: string
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)

/** Reads every releases/*.jsonl record (both complete and partial files), in file order. */
export function loadPresidentReleases(): PresidentRelease[] {
  const dir = join(sharedFeedsDir, 'releases')
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
  return files.flatMap((file) =>
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => {
        const r = JSON.parse(line) as Record<string, unknown>
        return {
          title: str(r.title),
          url: str(r.url) ?? '',
          published: str(r.published),
          publishedRaw: str(r.published_raw),
          timezone: str(r.timezone),
          body: str(r.body) ?? '',
          language: str(r.language) ?? 'en',
          source: str(r.source) ?? '',
          complete: r.complete === true,
          note: str(r.note),
          file,
        }
      }),
  )
}

/** The seed release text (releases/seed-release-2023-09-01.txt), verbatim with its page chrome. */
export function loadSeedRelease(): string {
  return readFileSync(join(sharedFeedsDir, 'releases', 'seed-release-2023-09-01.txt'), 'utf8')
}
