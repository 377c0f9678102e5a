import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import type { BroadcastMedia } from '../db/broadcasts-repository.ts'
import { editBroadcast } from '../delivery/broadcast-edit.ts'
import { type BroadcastRequest, checkBroadcast, checkTime, totalOf } from '../delivery/broadcast-rules.ts'
import { formatWallClock } from '../time-zone.ts'
import { describeBroadcastProblem } from './broadcast-problems.ts'
import type { CommandContext } from './context.ts'
import { UsageError } from './errors.ts'
import { formatTable, printJson } from './output.ts'

/** The broadcast options of `pressbot broadcast` and `broadcasts edit`, as parseArgs read them. */
export type BroadcastOptions = {
  /** Editions in the order given on the command line (the first is the fallback): [language, text]. */
  texts: Array<[string, string]>
  lang?: string
  topic?: string[]
  kind?: string
  source?: string[]
  photo?: string
  video?: string
  document?: string
  button?: string[]
  at?: string
  tz?: string
  urgent?: boolean
  silent?: boolean
  json: boolean
}

/** What the Bot API takes from a bot by upload: 10 MB for photos, 50 MB for other files. */
const UPLOAD_LIMIT = { photo: 10 * 1_048_576, video: 50 * 1_048_576, document: 50 * 1_048_576 }

/**
 * The media of a broadcast: an http(s) URL Telegram fetches itself, or a local file the running service uploads
 * once (its absolute path is stored: it must stay there until the broadcast has gone out).
 */
function mediaOption(options: BroadcastOptions): BroadcastMedia | null {
  const given = (['photo', 'video', 'document'] as const).filter((k) => options[k] !== undefined)
  if (given.length > 1) throw new UsageError('one of --photo, --video or --document, not several')
  const kind = given[0]
  if (!kind) return null
  const value = options[kind] as string
  if (/^https?:\/\//i.test(value)) return { kind, source: value }
  const path = resolve(value)
  let size: number
  try {
    const stat = statSync(path)
    if (!stat.isFile()) throw new UsageError(`--${kind} ${value}: not a file`)
    size = stat.size
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new UsageError(`--${kind} ${value}: no such file (give a path or an http(s) URL)`)
  }
  if (size > UPLOAD_LIMIT[kind])
    throw new UsageError(
      `--${kind} ${value}: ${(size / 1_048_576).toFixed(1)} MB; a bot may upload at most ${UPLOAD_LIMIT[kind] / 1_048_576} MB`,
    )
  return { kind, source: path }
}

const list = (value: string | undefined) => value?.split(',').filter((v) => v !== '')

function requestOf(options: BroadcastOptions): BroadcastRequest {
  const request: BroadcastRequest = {
    editions: options.texts.map(([language, html]) => ({ language, html })),
    audience: {
      languages: list(options.lang),
      topics: options.topic?.flatMap((t) => list(t) ?? []),
      kinds: list(options.kind),
      sources: options.source,
    },
    media: mediaOption(options),
    buttons: options.button ?? [],
    urgent: options.urgent ?? false,
    silent: options.silent ?? false,
  }
  if (options.at !== undefined) request.at = { time: options.at, timeZone: options.tz ?? 'UTC' }
  else if (options.tz !== undefined) throw new UsageError('--tz goes with --at "YYYY-MM-DD HH:mm"')
  return request
}

const perEdition = (counts: ReadonlyMap<string, number>) => Object.fromEntries(counts)
const plural = (n: number) => `${n} chat${n === 1 ? '' : 's'}`

/**
 * Queues (or schedules) a broadcast from the shell, for operators and scripts. The running service's sender picks
 * it up on its next look at the queue; its scheduler starts a scheduled one at its time. Telegram HTML is allowed
 * and sanitised, and every check is the one /broadcast makes (delivery/broadcast-rules.ts), worded for the shell.
 */
export function broadcastCommand(ctx: CommandContext, options: BroadcastOptions): void {
  const { store } = ctx
  const checked = checkBroadcast(
    { topics: store.topics, feeds: store.feeds, broadcasts: store.broadcasts, now: Date.now() },
    requestOf(options),
  )
  if (!checked.ok) throw new UsageError(describeBroadcastProblem(checked.problem))
  // Chat 0 stands for "the shell": there is no Telegram message to edit with progress.
  const broadcast = store.broadcasts.createPreview({ adminChatId: 0, ...checked.draft })
  const schedule = checked.draft.schedule
  if (schedule) {
    store.broadcasts.confirmSchedule(broadcast.id, null)
    const chats = totalOf(checked.counts)
    if (options.json) {
      printJson({
        id: broadcast.id,
        chats,
        editions: perEdition(checked.counts),
        status: 'scheduled',
        scheduledAt: new Date(schedule.at).toISOString(),
      })
      return
    }
    console.log(
      `Broadcast ${broadcast.id} scheduled for ${formatWallClock(schedule.at, schedule.timeZone)} ${schedule.timeZone} ` +
        `(${new Date(schedule.at).toISOString()}); ${plural(chats)} as of now.`,
    )
    return
  }
  const queued = store.broadcasts.confirm(broadcast.id, null) ?? 0
  const counts = store.broadcasts.report(broadcast.id).byEdition
  if (options.json) {
    printJson({
      id: broadcast.id,
      chats: queued,
      editions: Object.fromEntries(counts.map((c) => [c.edition, c.targeted])),
      status: 'queued',
    })
    return
  }
  const byEdition =
    counts.length > 1 ? ` (${counts.map((c) => `${c.edition} ${c.targeted}`).join(', ')})` : ''
  console.log(`Broadcast ${broadcast.id} queued for ${plural(queued)}${byEdition}.`)
}

/** `pressbot broadcasts list`: scheduled and running ones, then the latest others, with their report. */
export function broadcastsList(ctx: CommandContext, options: { json: boolean }): void {
  const rows = ctx.store.broadcasts.list(20).map((b) => {
    const report = ctx.store.broadcasts.report(b.id)
    const p = report.progress
    return {
      id: b.id,
      status: b.withdrawnAt !== null ? 'withdrawn' : b.status,
      scheduledAt: b.scheduledAt === null ? null : new Date(b.scheduledAt).toISOString(),
      timeZone: b.timeZone,
      editions: ctx.store.broadcasts.details(b.id)?.editions.map((e) => e.language) ?? [],
      targeted: p.pending + p.sending + p.sent + p.failed + p.skipped,
      sent: p.sent,
      failed: p.failed,
      blocked: report.blocked,
      byEdition: report.byEdition,
      urgent: b.urgent,
      silent: b.silent,
    }
  })
  if (options.json) {
    printJson(rows)
    return
  }
  if (rows.length === 0) {
    console.log('No broadcasts.')
    return
  }
  console.log(
    formatTable(
      rows.map((r) => ({
        ...r,
        editions: r.editions.join('+'),
        at: r.scheduledAt?.slice(0, 16).replace('T', ' '),
      })),
      ['id', 'status', 'at', 'editions', 'targeted', 'sent', 'failed', 'blocked'],
    ),
  )
}

function idOf(args: string[], usage: string): number {
  const raw = args[0]
  if (!raw || !/^\d{1,9}$/.test(raw)) throw new UsageError(usage)
  return Number(raw)
}

/** `pressbot broadcasts cancel <id>`: a preview, a scheduled or a running one; what is pending is dropped. */
export function broadcastsCancel(ctx: CommandContext, args: string[]): void {
  const id = idOf(args, 'pressbot broadcasts cancel <id>')
  const before = ctx.store.broadcasts.get(id)?.status
  const dropped = ctx.store.broadcasts.cancel(id)
  if (dropped === null)
    throw new UsageError(`broadcast ${id} is not scheduled or running (finished, cancelled or unknown)`)
  console.log(
    before === 'confirmed'
      ? `Cancelled broadcast ${id}: ${dropped} pending message${dropped === 1 ? '' : 's'} dropped.`
      : `Cancelled broadcast ${id}; nothing was sent.`,
  )
}

/**
 * `pressbot broadcasts edit <id> [--text …] [--at … --tz …]`: before it starts, the editions given replace theirs
 * and --at moves it; once sent, the editions given are corrected in every chat that got them (within 48 h).
 */
export function broadcastsEdit(ctx: CommandContext, args: string[], options: BroadcastOptions): void {
  const { store } = ctx
  const id = idOf(
    args,
    'pressbot broadcasts edit <id> [--text "…"] [--text-ru "…"] [--at "YYYY-MM-DD HH:mm" --tz Zone]',
  )
  if (!store.broadcasts.get(id)) throw new UsageError(`no broadcast with id ${id}`)
  if (options.texts.length === 0 && options.at === undefined)
    throw new UsageError(
      'what to change? --text "…" (--text-ru, --text-az) and/or --at "YYYY-MM-DD HH:mm" --tz Zone',
    )
  if (options.at !== undefined) {
    const zone = options.tz ?? 'UTC'
    const at = checkTime({ time: options.at, timeZone: zone }, Date.now())
    if (!at.ok) throw new UsageError(describeBroadcastProblem(at.problem))
    if (!store.broadcasts.schedule(id, at.value, zone))
      throw new UsageError(`broadcast ${id} has started or was cancelled: its time can no longer change`)
    if (options.texts.length === 0) {
      console.log(`Broadcast ${id} now goes out at ${formatWallClock(at.value, zone)} ${zone}.`)
      return
    }
  }
  const texts = options.texts.map(([language, html]) => ({ language, html }))
  const outcome = editBroadcast(store, id, texts, Date.now())
  switch (outcome.kind) {
    case 'replaced': {
      console.log(`Broadcast ${id} updated; it has not started, so every chat gets the new version.`)
      return
    }
    case 'corrected': {
      console.log(
        `Broadcast ${id}: ${outcome.queued} sent message${outcome.queued === 1 ? '' : 's'} queued for correction.`,
      )
      return
    }
    case 'unknown':
      throw new UsageError(`no broadcast with id ${id}`)
    case 'closed':
      throw new UsageError(`broadcast ${id} was withdrawn or cancelled: there is nothing to edit`)
    case 'new-language':
      throw new UsageError(
        `broadcast ${id} went out with no ${outcome.language} edition; only its own editions can be corrected`,
      )
    case 'refused':
      throw new UsageError(describeBroadcastProblem(outcome.problem))
  }
}

/** `pressbot broadcasts withdraw <id>`: stops it and deletes what it sent in the last 48 hours, everywhere. */
export function broadcastsWithdraw(ctx: CommandContext, args: string[]): void {
  const id = idOf(args, 'pressbot broadcasts withdraw <id>')
  const queued = ctx.store.broadcasts.withdraw(id, Date.now())
  if (queued === null) throw new UsageError(`broadcast ${id} was never sent, or is already withdrawn`)
  console.log(
    `Broadcast ${id} withdrawn: ${queued} sent message${queued === 1 ? '' : 's'} queued for deletion.`,
  )
}
