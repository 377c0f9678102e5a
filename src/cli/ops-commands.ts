import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { integrityProblem } from '../db/maintenance.ts'
import { type BroadcastProblem, checkBroadcast } from '../delivery/broadcast-rules.ts'
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

/**
 * Queues a broadcast from the shell, for operators. The running bot's sender picks it up on its next look at the
 * queue. Telegram HTML is allowed and sanitised, exactly as for /broadcast.
 */
export function broadcastCommand(ctx: CommandContext, options: { text?: string; topic?: string }): void {
  // The same checks as /broadcast (delivery/broadcast-rules.ts), worded for the shell.
  const checked = checkBroadcast(ctx.store.topics, { html: options.text ?? '', topic: options.topic })
  if (!checked.ok) throw new UsageError(describeBroadcastProblem(options.topic ?? '', checked.problem))
  // Chat 0 stands for "the shell": there is no Telegram message to edit with progress.
  const broadcast = ctx.store.broadcasts.createPreview({
    adminChatId: 0,
    html: checked.html,
    topicSlug: checked.topic?.slug ?? null,
  })
  const queued = ctx.store.broadcasts.confirm(broadcast.id, null) ?? 0
  console.log(`Broadcast ${broadcast.id} queued for ${queued} chat${queued === 1 ? '' : 's'}.`)
  if (queued === 0) console.log('No active chat matches, so nothing will be sent.')
}

function describeBroadcastProblem(topic: string, problem: BroadcastProblem): string {
  switch (problem.kind) {
    case 'empty':
      return 'what to send? pressbot broadcast --text "…" [--topic slug]'
    case 'too-long':
      return `the text is ${problem.length} characters long; one Telegram message holds at most ${problem.limit}`
    case 'topic': {
      if (problem.lookup.kind === 'too-long')
        return `no topic "${topic}": topic names are at most ${problem.lookup.limit} characters`
      const names = problem.lookup.suggestions.map((t) => t.slug)
      return `no topic "${topic}"${names.length ? `; did you mean ${names.join(', ')}?` : ''}`
    }
  }
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
