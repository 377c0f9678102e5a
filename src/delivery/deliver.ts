import type { Api } from 'grammy'
import type { InlineKeyboardMarkup } from 'grammy/types'
import type { ClaimedDelivery, DeliveryOutcome } from '../db/deliveries-repository.ts'
import type { Store } from '../db/index.ts'
import { type Logger, redactSecrets } from '../logger.ts'
import type { Content } from './contents.ts'
import { type RenderedRelease, withoutLinkButtons } from './messages/release.ts'
import type { PhotoGuard } from './photo-guard.ts'
import { parseSoundSettings, type SoundDecision, soundDecision } from './quiet-hours.ts'
import { type BroadcastMessage, createBroadcastSending } from './send-broadcast.ts'
import {
  classifyTelegramError,
  isBadButtonUrl,
  isBadPhoto,
  isUneditable,
  isWrongEditKind,
} from './telegram-errors.ts'

/** The end of one delivery attempt, plus what the sender must do for the whole queue. */
export type DeliverResult = {
  outcome: DeliveryOutcome
  /** Telegram answered (success or error): counts toward the measured send rate. */
  requested: boolean
  /** 429 / bad token: nothing may go out for this long (a duration: the sender times it on its monotonic clock). */
  pauseMs?: number
  /** The chat refused us; skip its other rows in this batch without calling Telegram. */
  blockedChat?: number
  /** The chat moved to a new id; its other rows in this batch must be re-read from the database. */
  movedChat?: number
  /** A 5xx or a network error: Telegram (or the way to it) failed, not necessarily this chat (see outage.ts). */
  unreachable?: boolean
}

/**
 * How long after a push its message may still be corrected (the Bot API's own limit for deletions and business
 * messages, and our policy for edits). Pruning keeps sent rows at least this long: corrections find them.
 */
export const EDIT_WINDOW_MS = 48 * 3_600_000

export type DelivererOptions = {
  paidBroadcast: boolean
  maxAttempts: number
  /** First retry delay after a 5xx or network error; doubles per attempt. */
  retryBaseMs: number
  retryMaxMs: number
  /** Corrections of messages older than this are skipped. */
  editWindowMs: number
  /** Per-call timeout: a hung connection must not hold a concurrency slot for grammY's default 500 s. */
  requestTimeoutMs: number
  /** Held pushes a chat gets one by one when its quiet hours end; the rest of the night's come as one list. */
  heldOneByOne: number
}

type Signal = NonNullable<Parameters<Api['sendMessage']>[3]>

const UNAUTHORIZED_PAUSE_MS = 60_000
const RING: SoundDecision = { kind: 'ring' }

/** The keyboard still has a link button to drop (the menu's "⋯" is never what Telegram refuses). */
const hasLink = (markup: InlineKeyboardMarkup | undefined): markup is InlineKeyboardMarkup =>
  markup?.inline_keyboard.some((row) => row.some((button) => 'url' in button)) ?? false

/**
 * Performs one delivery against the Bot API and turns every answer into an outcome. Never throws. `now` is the
 * sender's wall clock: retry times are stored on it and the edit window is read against stored send times.
 * `telegramDown` says whether the sender is backing off from a Telegram outage: a 5xx or network error then
 * costs the row no attempt.
 */
export function createDeliverer(
  deps: {
    api: Api
    store: Store
    logger: Logger
    now: () => number
    telegramDown: () => boolean
    photoGuard?: PhotoGuard | undefined
  },
  options: DelivererOptions,
) {
  const { api, store, logger } = deps
  const clockNow = deps.now
  const paid = options.paidBroadcast ? { allow_paid_broadcast: true } : {}
  // A native AbortSignal works with grammY (it only calls addEventListener); its types name the polyfill's.
  const timed = async <T>(call: (signal: Signal) => Promise<T>): Promise<T> => {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), options.requestTimeoutMs)
    try {
      return await call(controller.signal as unknown as Signal)
    } finally {
      clearTimeout(timer)
    }
  }

  const broadcasts = createBroadcastSending({
    api,
    timed,
    extra: paid,
    onFileId: (id, fileId) => store.broadcasts.setMediaFileId(id, fileId),
  })

  /** A broadcast row: send its edition, or edit or delete the message sent (whose id the row carries). */
  async function deliverBroadcast(row: ClaimedDelivery, message: BroadcastMessage): Promise<DeliverResult> {
    if (row.kind === 'broadcast') {
      const sent = await broadcasts.send(row, message)
      // The revision says which correction the message shows (a later edit of it can then be spared).
      const revision = message.revision
      return { outcome: { type: 'sent', id: row.id, messageId: sent.message_id, revision }, requested: true }
    }
    let messageId = row.messageId
    if (messageId === null) {
      // Queued while the message was on the wire (or claimed): its id is known now, if it went out.
      const original = store.deliveries.sentBroadcastMessage(row.refId, row.chatId, row.threadId)
      if (!original) return skipped(row, 'the original message was never sent')
      if (row.kind === 'broadcast_edit' && original.revision >= message.revision)
        return skipped(row, 'the message went out corrected already')
      messageId = original.messageId
    }
    if (row.kind === 'broadcast_edit') await broadcasts.edit(row.chatId, messageId, message)
    else await broadcasts.remove(row.chatId, messageId)
    return { outcome: { type: 'sent', id: row.id, messageId }, requested: true }
  }

  /** A 400 that a change of form can get past: drop the link button, or the photo, and ask again. */
  function refusedPart(description: string): 'button' | 'photo' | undefined {
    if (isBadButtonUrl(description)) return 'button'
    if (isBadPhoto(description)) return 'photo'
    return undefined
  }

  /** A forum topic's thread id; none for the whole chat (the General topic must not be addressed by id). */
  const thread = (threadId: number) => (threadId > 0 ? { message_thread_id: threadId } : {})

  function sendOnce(
    to: { chatId: number; threadId: number },
    r: RenderedRelease,
    photo: string | null,
    replyMarkup: InlineKeyboardMarkup | undefined,
    silent: boolean,
  ): Promise<{ message_id: number }> {
    const { chatId } = to
    const quiet = silent ? { disable_notification: true } : {}
    const extra = {
      parse_mode: 'HTML' as const,
      reply_markup: replyMarkup,
      ...thread(to.threadId),
      ...paid,
      ...quiet,
    }
    if (photo)
      return timed((signal) => api.sendPhoto(chatId, photo, { ...extra, caption: r.caption }, signal))
    const textExtra = { ...extra, link_preview_options: { is_disabled: true } }
    return timed((signal) => api.sendMessage(chatId, r.text, textExtra, signal))
  }

  /**
   * Sends the release as a photo with a caption, or as text. A refused link button is dropped and a refused photo
   * becomes text, each at most once, so one release costs at most three requests.
   */
  async function sendRelease(
    to: { chatId: number; threadId: number },
    r: RenderedRelease,
    silent = false,
  ): Promise<number> {
    let photo = r.photoUrl
    if (photo && deps.photoGuard) {
      const checked = await deps.photoGuard(photo)
      if (!checked.ok) {
        logger.warn(
          { chatId: to.chatId, releaseId: r.releaseId, reason: checked.reason },
          'photo withheld from the Bot API server; sending as text',
        )
        photo = null
      }
    }
    let replyMarkup: InlineKeyboardMarkup | undefined = r.replyMarkup
    for (;;) {
      try {
        return (await sendOnce(to, r, photo, replyMarkup, silent)).message_id
      } catch (error) {
        const failure = classifyTelegramError(error)
        const part = failure.kind === 'permanent' ? refusedPart(failure.description) : undefined
        if (part === 'button' && hasLink(replyMarkup)) replyMarkup = withoutLinkButtons(replyMarkup)
        else if (part === 'photo' && photo) photo = null
        else throw error
        const where = { chatId: to.chatId, releaseId: r.releaseId, error: redactSecrets(failure.description) }
        logger.warn(where, `${part === 'button' ? 'link button' : 'photo'} refused; sending without it`)
      }
    }
  }

  async function edit(
    chatId: number,
    messageId: number,
    r: RenderedRelease,
    asCaption: boolean,
    replyMarkup: InlineKeyboardMarkup | undefined,
  ): Promise<void> {
    const extra = { parse_mode: 'HTML' as const, reply_markup: replyMarkup }
    if (asCaption) {
      await timed((signal) =>
        api.editMessageCaption(chatId, messageId, { ...extra, caption: r.caption }, signal),
      )
    } else {
      const textExtra = { ...extra, link_preview_options: { is_disabled: true } }
      await timed((signal) => api.editMessageText(chatId, messageId, r.text, textExtra, signal))
    }
  }

  /** The short "Updated" message, as a reply to the push it corrects (which the row's chat may have deleted). */
  async function notifyUpdate(
    row: ClaimedDelivery,
    r: RenderedRelease,
    silent: boolean,
  ): Promise<DeliverResult> {
    const original = store.deliveries.sentReleaseMessage(row.refId, row.chatId, row.threadId)
    if (!original) return skipped(row, 'the original message was never sent')
    const extra = {
      parse_mode: 'HTML' as const,
      reply_parameters: { message_id: original.messageId, allow_sending_without_reply: true },
      link_preview_options: { is_disabled: true },
      ...thread(row.threadId),
      ...paid,
      ...(silent ? { disable_notification: true } : {}),
    }
    const sent = await timed((signal) => api.sendMessage(row.chatId, r.updateNotice, extra, signal))
    return { outcome: { type: 'sent', id: row.id, messageId: sent.message_id }, requested: true }
  }

  /** Edits the sent message to the release's current rendering. */
  async function correct(row: ClaimedDelivery, r: RenderedRelease, now: number): Promise<DeliverResult> {
    const original = store.deliveries.sentReleaseMessage(row.refId, row.chatId, row.threadId)
    if (!original) return skipped(row, 'the original message was never sent')
    // The brief's policy (and the Bot API's for deletions and business messages): 48 h, then leave it alone.
    if (now - original.sentAt > options.editWindowMs) {
      return skipped(row, 'the original message is older than 48 hours and can no longer be edited')
    }
    const sent: DeliverResult = {
      outcome: { type: 'sent', id: row.id, messageId: original.messageId, revision: r.revision },
      requested: true,
    }
    let asCaption = r.photoUrl !== null
    let switched = false
    let replyMarkup: InlineKeyboardMarkup | undefined = r.replyMarkup
    // Each fix-up at most once: the image came or went since the push (or the photo fell back to text), so edit
    // the other field; or the link button is refused, so edit without it.
    for (;;) {
      try {
        await edit(row.chatId, original.messageId, r, asCaption, replyMarkup)
        return sent
      } catch (error) {
        const failure = classifyTelegramError(error)
        if (failure.kind === 'not-modified') return sent
        if (failure.kind !== 'permanent') throw error
        if (!switched && isWrongEditKind(failure.description)) {
          switched = true
          asCaption = !asCaption
        } else if (hasLink(replyMarkup) && isBadButtonUrl(failure.description)) {
          replyMarkup = withoutLinkButtons(replyMarkup)
        } else {
          throw error
        }
      }
    }
  }

  /**
   * The next part of a digest (a long one is several messages). One request per delivery, like any message: the
   * sender paces and counts each part against every limit, and the row's progress is committed before the next
   * part goes, so a failure, a 429 or a restart resumes at the part that did not go out.
   */
  async function sendDigestPart(row: ClaimedDelivery, parts: readonly string[]): Promise<DeliverResult> {
    const part = parts[row.partsSent]
    if (part === undefined)
      return { outcome: { type: 'sent', id: row.id, messageId: null }, requested: false }
    const extra = {
      parse_mode: 'HTML' as const,
      link_preview_options: { is_disabled: true },
      ...thread(row.threadId),
      ...paid,
    }
    const messageId = (await timed((signal) => api.sendMessage(row.chatId, part, extra, signal))).message_id
    const partsSent = row.partsSent + 1
    if (partsSent < parts.length)
      return { outcome: { type: 'part-sent', id: row.id, partsSent }, requested: true }
    return { outcome: { type: 'sent', id: row.id, messageId }, requested: true }
  }

  function skipped(row: ClaimedDelivery, reason: string): DeliverResult {
    return { outcome: { type: 'skipped', id: row.id, reason }, requested: false }
  }

  function onFailure(row: ClaimedDelivery, error: unknown, now: number): DeliverResult {
    const failure = classifyTelegramError(error)
    const reason = redactSecrets(failure.description)
    const where = { chatId: row.chatId, deliveryId: row.id, kind: row.kind, error: reason }
    switch (failure.kind) {
      case 'rate-limited':
        return {
          outcome: { type: 'requeue', id: row.id, at: null },
          requested: true,
          pauseMs: failure.retryAfterMs,
        }
      case 'unauthorized':
        logger.error(where, 'Telegram rejected the bot token; pausing the sender')
        return {
          outcome: { type: 'requeue', id: row.id, at: null },
          requested: true,
          pauseMs: UNAUTHORIZED_PAUSE_MS,
        }
      case 'blocked':
        logger.warn(where, 'chat unreachable; marking it blocked')
        store.chats.markBlocked(row.chatId, reason)
        return {
          outcome: { type: 'skipped', id: row.id, reason: `chat blocked: ${reason}` },
          requested: true,
          blockedChat: row.chatId,
        }
      case 'migrated':
        logger.warn({ ...where, newChatId: failure.newChatId }, 'group became a supergroup; moving the chat')
        store.chats.migrate(row.chatId, failure.newChatId)
        // The row now points at the new id (the trigger on chats moved it); back in the queue, it goes out there.
        return { outcome: { type: 'requeue', id: row.id, at: null }, requested: true, movedChat: row.chatId }
      case 'not-modified':
        return { outcome: { type: 'sent', id: row.id, messageId: null }, requested: true }
      case 'topic-closed':
        logger.warn(
          { ...where, threadId: row.threadId },
          'forum topic closed or deleted; pausing its subscription',
        )
        store.chats.pauseThread(row.chatId, row.threadId, reason)
        return {
          outcome: { type: 'skipped', id: row.id, reason: `topic paused: ${reason}` },
          requested: true,
        }
      case 'transient': {
        // Telegram as a whole is failing and the sender backs off: the row waits in its place, attempts untouched.
        if (deps.telegramDown()) {
          logger.debug(where, 'delivery failed during a Telegram outage; back to the queue')
          return { outcome: { type: 'held', id: row.id, error: reason }, requested: true, unreachable: true }
        }
        const attempts = row.attempts + 1
        if (attempts >= options.maxAttempts) {
          logger.error({ ...where, attempts }, 'delivery failed after the last attempt')
          return {
            outcome: { type: 'failed', id: row.id, error: reason },
            requested: true,
            unreachable: true,
          }
        }
        const delay = Math.min(options.retryMaxMs, options.retryBaseMs * 2 ** (attempts - 1))
        logger.warn({ ...where, attempts, retryInMs: delay }, 'delivery failed; will retry')
        const outcome = { type: 'retry', id: row.id, at: now + delay, error: reason } as const
        return { outcome, requested: true, unreachable: true }
      }
      case 'permanent':
        if (row.kind === 'correction' && isUneditable(reason)) return skipped(row, `cannot edit: ${reason}`)
        // A sent broadcast's message the reader deleted, or past Telegram's 48 hours: nothing left to fix.
        if ((row.kind === 'broadcast_edit' || row.kind === 'broadcast_delete') && isUneditable(reason))
          return skipped(row, `cannot ${row.kind === 'broadcast_edit' ? 'edit' : 'delete'}: ${reason}`)
        logger.error(where, 'delivery failed permanently')
        return { outcome: { type: 'failed', id: row.id, error: reason }, requested: true }
    }
  }

  return {
    /** Sends (or, for a correction, edits) one row's message. Any error becomes an outcome; nothing throws. */
    async deliver(row: ClaimedDelivery, content: Content): Promise<DeliverResult> {
      if (content.kind === 'gone') return skipped(row, content.reason)
      try {
        if (content.kind === 'digest') return await sendDigestPart(row, content.parts)
        if (content.kind === 'broadcast') return await deliverBroadcast(row, content.message)
        if (row.kind === 'correction') return await correct(row, content.rendered, clockNow())
        // Quiet hours: a held push waits for their end without counting an attempt; a silent one goes without a sound.
        const settings = parseSoundSettings(row.sound ?? null)
        const decision = settings ? soundDecision(settings, clockNow(), row.alertId !== null) : RING
        // A night's first few held pushes wait on their own, the rest go into one list (see DeliveryOutcome 'hold');
        // an "Updated" reply names a push the reader may not have seen yet: it waits on its own.
        if (decision.kind === 'hold')
          return {
            outcome:
              row.kind === 'release'
                ? { type: 'hold', id: row.id, until: decision.until, oneByOne: options.heldOneByOne }
                : { type: 'requeue', id: row.id, at: decision.until },
            requested: false,
          }
        if (row.kind === 'update_notice')
          return await notifyUpdate(row, content.rendered, decision.kind === 'silent')
        const messageId = await sendRelease(row, content.rendered, decision.kind === 'silent')
        const revision = content.rendered.revision
        return { outcome: { type: 'sent', id: row.id, messageId, revision }, requested: true }
      } catch (error) {
        try {
          return onFailure(row, error, clockNow())
        } catch (handlingError) {
          // The database refused markBlocked/migrate: fail this row rather than the loop.
          const message = handlingError instanceof Error ? handlingError.message : String(handlingError)
          logger.error(
            { chatId: row.chatId, deliveryId: row.id, error: message },
            'could not handle a send failure',
          )
          return { outcome: { type: 'failed', id: row.id, error: message }, requested: true }
        }
      }
    },
  }
}
