import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import { type Audience, countAudience, fanOutBroadcast, parseAudience } from './broadcast-audience.ts'
import { queueFollowUps } from './broadcast-follow-ups.ts'
import { createBroadcastReports } from './broadcast-reports.ts'
import type { Db, Tx } from './client.ts'
import { type BroadcastRow, broadcastEditions, broadcasts, deliveries } from './schema.ts'

export type BroadcastEdition = { language: string; html: string }
export type BroadcastButton = { text: string; url: string }
/** source: a local path or URL to upload from, or the file_id itself when Telegram has the file already (fileId). */
export type BroadcastMedia = { kind: 'photo' | 'video' | 'document'; source: string; fileId?: string }

/** Everything a broadcast is made of, as the rules module checked it. */
export type BroadcastDraft = {
  adminChatId: number
  /** In the admin's order: the first is the fallback edition. */
  editions: BroadcastEdition[]
  audience?: Audience
  media?: BroadcastMedia | null
  buttons?: BroadcastButton[]
  urgent?: boolean
  silent?: boolean
  /** Send at this instant (the zone is the one the admin gave it in); null: when confirmed. */
  schedule?: { at: number; timeZone: string } | null
}

/** A broadcast with its editions and its JSON columns read. */
export type Broadcast = BroadcastRow & {
  editions: BroadcastEdition[]
  audienceSpec: Audience
  buttonList: BroadcastButton[]
}

/** Later than this after its time, a scheduled broadcast counts as late (the service was down): the admin is told. */
const LATE_AFTER_MS = 2 * 60_000

/** A broadcast's rows, in the literal words of the partial deliveries_broadcast index's WHERE (so SQLite uses it). */
const isBroadcast = sql`${deliveries.kind} = 'broadcast'`

function readButtons(json: string): BroadcastButton[] {
  try {
    const value = JSON.parse(json) as unknown
    return Array.isArray(value) ? (value as BroadcastButton[]) : []
  } catch {
    // Dropped: the SyntaxError; only our own code writes the column. No buttons rather than no broadcast.
    return []
  }
}

export type { BroadcastProgress, BroadcastReport } from './broadcast-reports.ts'

/** Broadcasts through their life: draft, preview, schedule, queue, cancel, correct, withdraw (reports: see there). */
export function createBroadcastsRepository(db: Db) {
  const editionsOf = (id: number): BroadcastEdition[] =>
    db
      .select({ language: broadcastEditions.language, html: broadcastEditions.html })
      .from(broadcastEditions)
      .where(eq(broadcastEditions.broadcastId, id))
      .orderBy(asc(broadcastEditions.position))
      .all()

  const get = (id: number): BroadcastRow | undefined =>
    db.select().from(broadcasts).where(eq(broadcasts.id, id)).get()

  function writeEditions(tx: Tx, id: number, editions: readonly BroadcastEdition[]): void {
    tx.delete(broadcastEditions).where(eq(broadcastEditions.broadcastId, id)).run()
    tx.insert(broadcastEditions)
      .values(
        editions.map((e, position) => ({ broadcastId: id, language: e.language, html: e.html, position })),
      )
      .run()
  }

  /** Queues a broadcast that just became 'confirmed' (in the caller's transaction). */
  function queue(tx: Tx, row: BroadcastRow): number {
    const editions = editionsOf(row.id).map((e) => e.language)
    const priority = row.urgent ? -1 : 1
    return fanOutBroadcast(tx, { id: row.id, editions, audience: parseAudience(row.audience), priority })
  }

  return {
    /** Saves an admin's broadcast as a preview; nothing is queued until confirm() or schedule(). */
    createPreview(draft: BroadcastDraft): BroadcastRow {
      return db.transaction((tx) => {
        const row = tx
          .insert(broadcasts)
          .values({
            adminChatId: draft.adminChatId,
            audience: JSON.stringify(draft.audience ?? {}),
            mediaKind: draft.media?.kind ?? null,
            mediaSource: draft.media?.source ?? null,
            mediaFileId: draft.media?.fileId ?? null,
            buttons: JSON.stringify(draft.buttons ?? []),
            urgent: draft.urgent ?? false,
            silent: draft.silent ?? false,
            scheduledAt: draft.schedule?.at ?? null,
            timeZone: draft.schedule?.timeZone ?? null,
          })
          .returning()
          .get()
        writeEditions(tx, row.id, draft.editions)
        return row
      })
    },

    /**
     * How many chats a broadcast with these editions would reach now, per edition: the very query confirm() queues
     * with (see broadcast-audience.ts).
     */
    countRecipients(editions: readonly string[], audience: Audience): Map<string, number> {
      return countAudience(db, editions, audience)
    },

    get,

    /** A broadcast with its editions, audience and buttons. */
    details(id: number): Broadcast | undefined {
      const row = get(id)
      if (!row) return undefined
      return {
        ...row,
        editions: editionsOf(id),
        audienceSpec: parseAudience(row.audience),
        buttonList: readButtons(row.buttons),
      }
    },

    /** Telegram's file_id for the broadcast's media, once the first chat got it: later chats reuse it. */
    setMediaFileId(id: number, fileId: string): void {
      db.update(broadcasts).set({ mediaFileId: fileId }).where(eq(broadcasts.id, id)).run()
    },

    /**
     * Confirms a preview and queues it for every recipient in one transaction. Returns the number queued, or null
     * when the broadcast is not (or no longer) a preview — a second tap on Confirm queues nothing twice.
     */
    confirm(id: number, progressMessageId: number | null): number | null {
      return db.transaction((tx) => {
        const row = tx
          .update(broadcasts)
          .set({ status: 'confirmed', confirmedAt: Date.now(), progressMessageId })
          .where(and(eq(broadcasts.id, id), eq(broadcasts.status, 'preview')))
          .returning()
          .get()
        if (!row) return null
        return queue(tx, row)
      })
    },

    /**
     * Confirms a preview that has a time: it becomes 'scheduled' (nothing is queued until startDue). False when it
     * is no longer a preview with a time.
     */
    confirmSchedule(id: number, progressMessageId: number | null): boolean {
      const row = db
        .update(broadcasts)
        .set({ status: 'scheduled', progressMessageId })
        .where(
          sql`${broadcasts.id} = ${id} AND ${broadcasts.status} = 'preview' AND ${broadcasts.scheduledAt} IS NOT NULL`,
        )
        .returning({ id: broadcasts.id })
        .get()
      return row !== undefined
    },

    /**
     * Gives a preview a time, or moves a scheduled one to another. False when it is neither (it started, or was
     * cancelled): a schedule can change only until the broadcast starts.
     */
    schedule(id: number, at: number, timeZone: string): boolean {
      const row = db
        .update(broadcasts)
        .set({ scheduledAt: at, timeZone })
        .where(and(eq(broadcasts.id, id), inArray(broadcasts.status, ['preview', 'scheduled'])))
        .returning({ id: broadcasts.id })
        .get()
      return row !== undefined
    },

    /** The admin's message that shows a (scheduled) broadcast's progress, once it started. */
    setProgressMessage(id: number, messageId: number): void {
      db.update(broadcasts).set({ progressMessageId: messageId }).where(eq(broadcasts.id, id)).run()
    },

    /**
     * Starts every scheduled broadcast whose time has come: each moves to 'confirmed' and is queued in one
     * transaction, guarded by its status, so a broadcast starts once however often (or in however many processes)
     * this runs. One whose time passed more than LATE_AFTER_MS ago is marked late.
     */
    startDue(now: number): Array<{ broadcast: BroadcastRow; queued: number }> {
      const due = db
        .select({ id: broadcasts.id })
        .from(broadcasts)
        .where(sql`${broadcasts.status} = 'scheduled' AND ${broadcasts.scheduledAt} <= ${now}`)
        .all()
      const started: Array<{ broadcast: BroadcastRow; queued: number }> = []
      for (const { id } of due) {
        const result = db.transaction((tx) => {
          const row = tx
            .update(broadcasts)
            .set({
              status: 'confirmed',
              confirmedAt: now,
              late: sql`${broadcasts.scheduledAt} < ${now - LATE_AFTER_MS}`,
            })
            .where(and(eq(broadcasts.id, id), eq(broadcasts.status, 'scheduled')))
            .returning()
            .get()
          return row ? { broadcast: row, queued: queue(tx, row) } : undefined
        })
        if (result) started.push(result)
      }
      return started
    },

    /** Replaces the editions of a broadcast not yet started (preview or scheduled). False once it has started. */
    replaceEditions(id: number, editions: readonly BroadcastEdition[]): boolean {
      return db.transaction((tx) => {
        const row = tx
          .select({ status: broadcasts.status })
          .from(broadcasts)
          .where(eq(broadcasts.id, id))
          .get()
        if (row?.status !== 'preview' && row?.status !== 'scheduled') return false
        writeEditions(tx, id, editions)
        return true
      })
    },

    /**
     * Cancels a preview, a scheduled or a running broadcast; pending messages are skipped. Returns how many were
     * dropped. A running one keeps finished_at empty until its progress message shows the final report (see
     * reportable()).
     */
    cancel(id: number): number | null {
      return db.transaction((tx) => {
        const row = tx
          .update(broadcasts)
          .set({
            status: 'cancelled',
            finishedAt: sql`CASE WHEN ${broadcasts.status} = 'confirmed' THEN NULL ELSE ${Date.now()} END`,
          })
          .where(
            and(eq(broadcasts.id, id), inArray(broadcasts.status, ['preview', 'scheduled', 'confirmed'])),
          )
          .returning()
          .get()
        if (!row) return null
        return tx
          .update(deliveries)
          .set({ status: 'skipped', lastError: 'broadcast cancelled' })
          .where(and(isBroadcast, eq(deliveries.refId, id), eq(deliveries.status, 'pending')))
          .run().changes
      })
    },

    /**
     * Corrects a sent (or sending) broadcast: the editions given replace theirs, and every message already sent
     * with one of them, within Telegram's 48 hours, is queued for an edit. Returns how many edits were queued, or
     * null when the broadcast has not started (edit it with replaceEditions) or was withdrawn.
     */
    correct(id: number, editions: readonly BroadcastEdition[], now: number): number | null {
      return db.transaction((tx) => {
        const row = tx.select().from(broadcasts).where(eq(broadcasts.id, id)).get()
        if (!row || row.withdrawnAt !== null || row.confirmedAt === null) return null
        if (row.status !== 'confirmed' && row.status !== 'done' && row.status !== 'cancelled') return null
        for (const e of editions) {
          tx.update(broadcastEditions)
            .set({ html: e.html })
            .where(and(eq(broadcastEditions.broadcastId, id), eq(broadcastEditions.language, e.language)))
            .run()
        }
        tx.update(broadcasts).set({ correctedAt: now }).where(eq(broadcasts.id, id)).run()
        return queueFollowUps(
          tx,
          id,
          'broadcast_edit',
          now,
          row.urgent ? -1 : 1,
          editions.map((e) => e.language),
        )
      })
    },

    /**
     * Withdraws a broadcast: what is still pending is dropped, and every message sent within Telegram's 48 hours is
     * queued for deletion. Returns how many deletions were queued, or null when there is nothing to withdraw.
     */
    withdraw(id: number, now: number): number | null {
      return db.transaction((tx) => {
        const row = tx
          .update(broadcasts)
          .set({
            withdrawnAt: now,
            status: sql`CASE WHEN ${broadcasts.status} = 'confirmed' THEN 'cancelled' ELSE ${broadcasts.status} END`,
          })
          .where(
            and(
              eq(broadcasts.id, id),
              sql`${broadcasts.confirmedAt} IS NOT NULL AND ${broadcasts.withdrawnAt} IS NULL`,
            ),
          )
          .returning()
          .get()
        if (!row) return null
        tx.update(deliveries)
          .set({ status: 'skipped', lastError: 'broadcast withdrawn' })
          .where(and(isBroadcast, eq(deliveries.refId, id), eq(deliveries.status, 'pending')))
          .run()
        return queueFollowUps(tx, id, 'broadcast_delete', now, -1, null)
      })
    },

    /** Every confirmed (running) broadcast, for /broadcast_cancel without an id (which cancels them all). */
    running(): BroadcastRow[] {
      return db.select().from(broadcasts).where(eq(broadcasts.status, 'confirmed')).all()
    },

    /** For /broadcasts and `pressbot broadcasts list`: scheduled and running ones, then the `recent` latest others. */
    list(recent = 10): BroadcastRow[] {
      const open = db
        .select()
        .from(broadcasts)
        .where(inArray(broadcasts.status, ['scheduled', 'confirmed']))
        .orderBy(asc(broadcasts.scheduledAt), asc(broadcasts.id))
        .all()
      const closed = db
        .select()
        .from(broadcasts)
        .where(inArray(broadcasts.status, ['done', 'cancelled']))
        .orderBy(desc(broadcasts.id))
        .limit(recent)
        .all()
      return [...open, ...closed]
    },

    ...createBroadcastReports(db),
  }
}
