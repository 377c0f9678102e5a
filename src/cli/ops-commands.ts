import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { integrityProblem } from '../db/maintenance.ts'
import type { CommandContext } from './context.ts'
import { UsageError } from './errors.ts'
import { formatTable, formatTime, printJson } from './output.ts'

/**
 * Online backup, safe while the service runs (see backupTo in src/db/maintenance.ts). The copy is checked with
 * `PRAGMA integrity_check` before it is reported; a copy that fails the check is removed.
 */
export async function backupCommand(ctx: CommandContext, args: string[]): Promise<void> {
  const target = args[0]
  if (!target) throw new UsageError('where to? pressbot backup <file>')
  const path = resolve(target)
  if (path === resolve(ctx.config.databasePath))
    throw new UsageError('the backup file must not be the database itself')
  if (existsSync(path)) throw new UsageError(`${target} exists; choose a new file name`)
  mkdirSync(dirname(path), { recursive: true })
  const started = performance.now()
  ctx.store.maintenance.backupTo(path)
  const copied = performance.now() - started
  const problem = integrityProblem(path)
  if (problem !== null) {
    rmSync(path, { force: true })
    throw new Error(`the copy failed PRAGMA integrity_check (${problem}); it was removed`)
  }
  const mb = (statSync(path).size / 1_048_576).toFixed(1)
  console.log(
    `Backed up ${mb} MB to ${path} in ${Math.round(copied)} ms; integrity check ok (${Math.round(performance.now() - started - copied)} ms).`,
  )
}

export function statsCommand(ctx: CommandContext, options: { json: boolean }): void {
  const chats = ctx.store.chats.countsByStatus()
  const queue = ctx.store.deliveries.stats()
  const feeds = ctx.store.feeds.list()
  // The sender runs in the service's process; from here, the rate is what the outbox shows for the last minute.
  const sendRatePerSecond = Math.round((queue.sentLastMinute / 60) * 100) / 100
  const stats = {
    chats,
    releases: ctx.store.releases.count(),
    queue: { ...queue, sendRatePerSecond },
    totals: ctx.store.metrics.totalsByStatus(),
    feeds: feeds.map((f) => ({
      id: f.id,
      url: f.url,
      status: f.status,
      lastOkAt: f.lastOkAt === null ? null : new Date(f.lastOkAt).toISOString(),
      consecutiveErrors: f.consecutiveErrors,
      lastError: f.lastError,
    })),
  }
  if (options.json) {
    printJson(stats)
    return
  }
  console.log(`Chats: ${chats.active} active, ${chats.stopped} stopped, ${chats.blocked} blocked`)
  console.log(`Releases: ${stats.releases}`)
  console.log(
    `Outbox: ${queue.queued} queued; last hour ${queue.sentLastHour} sent, ${queue.failedLastHour} failed; ` +
      `${chats.blocked} blocked chats; send rate ${sendRatePerSecond}/s (last minute)`,
  )
  console.log(`Delivered in all: ${stats.totals.sent} sent, ${stats.totals.failed} failed`)
  if (feeds.length > 0) {
    console.log('')
    console.log(
      formatTable(
        feeds.map((f) => ({ ...f, lastOk: formatTime(f.lastOkAt), errors: f.consecutiveErrors })),
        ['id', 'url', 'status', 'lastOk', 'errors', 'lastError'],
        48,
      ),
    )
  }
}
