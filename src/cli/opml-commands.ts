import { readFileSync, statSync } from 'node:fs'
import { buildOpml, readOpml } from '../feed/opml.ts'
import type { CommandContext } from './context.ts'
import { UsageError } from './errors.ts'

/** Larger than any reader's subscription list (10,000 outlines are about 2 MB): a bigger file is a mistake. */
const MAX_OPML_BYTES = 10 * 1024 * 1024

/**
 * `pressbot feeds import <file.opml>`: every feed and press page of the file, checked first; one bad outline
 * refuses the file with every problem named, and nothing is added. Feeds already there stay as they are.
 */
export function feedsImport(ctx: CommandContext, args: string[]): void {
  const path = args[0]?.trim()
  if (!path) throw new UsageError('which file? pressbot feeds import <file.opml>')
  let text: string
  try {
    if (statSync(path).size > MAX_OPML_BYTES)
      throw new UsageError(`${path} is larger than ${MAX_OPML_BYTES} bytes: not an OPML subscription list`)
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`)
  }
  const read = readOpml(text, { allowPrivate: ctx.config.feedAllowPrivate })
  if (!read.ok) {
    const shown = read.errors.slice(0, 20)
    const more =
      read.errors.length > shown.length ? `\n  … and ${read.errors.length - shown.length} more` : ''
    throw new UsageError(`${path} was not imported, nothing was added:\n  ${shown.join('\n  ')}${more}`)
  }
  const results = ctx.store.feeds.addAll(read.sources)
  const created = results.filter((r) => r.created).length
  const resumed = results.filter((r) => r.resumed).length
  const kept = results.length - created - resumed
  console.log(
    `Imported ${path}: ${created} added, ${resumed} resumed, ${kept} already there (left as they are).`,
  )
  if (created + resumed > 0)
    console.log('Their next poll stores the current items as backfill (searchable, not pushed).')
}

/** `pressbot feeds export`: the enabled sources as OPML 2.0 on stdout. */
export function feedsExport(ctx: CommandContext): void {
  process.stdout.write(buildOpml(ctx.store.feeds.enabled()))
}
