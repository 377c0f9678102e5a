/** The last lines of the app's JSON log, one short line each, for the demo's `:logs` command. */
import { readFileSync } from 'node:fs'
import type { Style } from './style.ts'

const LEVELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
}
const SKIPPED = new Set(['level', 'time', 'msg', 'part'])

/** One pino JSON line as `12:00:05 info  poller: feed polled {"added":1}`; other lines are kept as they are. */
export function formatLogLine(line: string, style: Style): string {
  let record: Record<string, unknown>
  try {
    record = JSON.parse(line) as Record<string, unknown>
  } catch {
    // Dropped: the SyntaxError: not a pino line, shown as it is.
    return line
  }
  const time = typeof record.time === 'number' ? new Date(record.time).toTimeString().slice(0, 8) : ''
  const level = LEVELS[Number(record.level)] ?? String(record.level)
  const paint = Number(record.level) >= 50 ? style.red : Number(record.level) >= 40 ? style.yellow : style.dim
  const rest = Object.fromEntries(Object.entries(record).filter(([key]) => !SKIPPED.has(key)))
  const extra = Object.keys(rest).length > 0 ? ` ${style.dim(JSON.stringify(rest))}` : ''
  const part = typeof record.part === 'string' ? `${record.part}: ` : ''
  return `${style.dim(time)} ${paint(level.padEnd(5))} ${part}${String(record.msg ?? '')}${extra}`
}

/** The last `count` lines of the log file, formatted; a note when there is nothing yet. */
export function tailLog(path: string, count: number, style: Style): string {
  let content = ''
  try {
    content = readFileSync(path, 'utf8')
  } catch {
    // Dropped: the ENOENT of a log not written yet.
    return style.dim('(no log yet)')
  }
  const lines = content.split('\n').filter(Boolean).slice(-count)
  return lines.length > 0
    ? lines.map((line) => formatLogLine(line, style)).join('\n')
    : style.dim('(no log yet)')
}
