import { MARK_CLOSE, MARK_OPEN } from '../db/snippet-markers.ts'
import { truncateText } from '../render/text.ts'

/** A plain text table: one header row, columns padded to their widest cell (cells cut at `maxWidth`). */
export function formatTable(rows: Array<Record<string, unknown>>, columns: string[], maxWidth = 60): string {
  const cell = (value: unknown) => {
    const text = value === null || value === undefined ? '-' : String(value).replaceAll(/\s+/g, ' ')
    return truncateText(text, maxWidth)
  }
  const cells = rows.map((row) => columns.map((c) => cell(row[c])))
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)))
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd()
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n')
}

/** ISO date-time without seconds, or "-". */
export function formatTime(ms: number | null | undefined): string {
  return ms ? new Date(ms).toISOString().slice(0, 16).replace('T', ' ') : '-'
}

/** Snippet markers -> [brackets] for a terminal. */
export function markForTerminal(snippet: string): string {
  return snippet.replaceAll(MARK_OPEN, '[').replaceAll(MARK_CLOSE, ']')
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}
