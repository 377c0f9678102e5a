import { type Api, InlineKeyboard, InputFile } from 'grammy'
import type { Message } from 'grammy/types'
import type { Broadcast, BroadcastButton } from '../db/broadcasts-repository.ts'

/** One edition of a broadcast, as every chat of that edition gets it (and the admin's test send). */
export type BroadcastMessage = {
  broadcastId: number
  edition: string
  /** The text, or the caption when there is media. */
  html: string
  media: { kind: 'photo' | 'video' | 'document'; source: string; fileId: string | null } | null
  buttons: BroadcastButton[]
  silent: boolean
  /** When the broadcast was last corrected (0: never): a claimed row older than that is read again. */
  revision: number
}

/** What a broadcast's message is made of: a stored one, or the console's draft before it is saved. */
type BroadcastParts = Pick<
  Broadcast,
  'id' | 'editions' | 'mediaKind' | 'mediaSource' | 'mediaFileId' | 'buttonList' | 'silent' | 'correctedAt'
>

/** The message of one edition; an unknown edition (none in that language any more) gets the first. */
export function broadcastMessageOf(broadcast: BroadcastParts, edition: string | null): BroadcastMessage {
  const chosen = broadcast.editions.find((e) => e.language === edition) ?? broadcast.editions[0]
  return {
    broadcastId: broadcast.id,
    edition: chosen?.language ?? '',
    html: chosen?.html ?? '',
    media:
      broadcast.mediaKind && broadcast.mediaSource
        ? { kind: broadcast.mediaKind, source: broadcast.mediaSource, fileId: broadcast.mediaFileId }
        : null,
    buttons: broadcast.buttonList,
    silent: broadcast.silent,
    revision: broadcast.correctedAt ?? 0,
  }
}

type Signal = NonNullable<Parameters<Api['sendMessage']>[3]>
type Timed = <T>(call: (signal: Signal | undefined) => Promise<T>) => Promise<T>

/** What is uploaded: a local file (the CLI's path), a URL Telegram fetches, or a file_id Telegram already has. */
function inputOf(source: string): string | InputFile {
  return source.startsWith('/') ? new InputFile(source) : source
}

function fileIdOf(message: Message, kind: 'photo' | 'video' | 'document'): string | undefined {
  if (kind === 'photo') return message.photo?.at(-1)?.file_id
  return kind === 'video' ? message.video?.file_id : message.document?.file_id
}

function keyboardOf(buttons: readonly BroadcastButton[]): InlineKeyboard | undefined {
  if (buttons.length === 0) return undefined
  return InlineKeyboard.from(buttons.map((b) => [InlineKeyboard.url(b.text, b.url)]))
}

/**
 * Sends, edits and deletes broadcast messages: the one place that says what a broadcast looks like on the wire, so
 * the sender and the admin's "Send to me first" send the same bytes. Media is uploaded once: the first send hands
 * Telegram the file (or URL); its file_id is saved (`onFileId`) and every later chat, including those sent to
 * while the upload was on the wire, reuses it.
 */
export function createBroadcastSending(deps: {
  api: Api
  onFileId: (broadcastId: number, fileId: string) => void
  timed?: Timed
  /** Extra send options every message gets (the sender's allow_paid_broadcast). */
  extra?: Record<string, unknown>
}) {
  const { api } = deps
  const timed: Timed = deps.timed ?? ((call) => call(undefined))
  const fileIds = new Map<number, string>()
  const uploads = new Map<number, Promise<string | undefined>>()

  function sendWith(
    to: { chatId: number; threadId: number },
    m: BroadcastMessage,
    media: string | InputFile | null,
  ): Promise<Message> {
    const options = {
      parse_mode: 'HTML' as const,
      reply_markup: keyboardOf(m.buttons),
      ...(to.threadId > 0 ? { message_thread_id: to.threadId } : {}),
      ...(m.silent ? { disable_notification: true } : {}),
      ...deps.extra,
    }
    if (!m.media || media === null)
      return timed((signal) => api.sendMessage(to.chatId, m.html, options, signal))
    const withCaption = { ...options, caption: m.html }
    switch (m.media.kind) {
      case 'photo':
        return timed((signal) => api.sendPhoto(to.chatId, media, withCaption, signal))
      case 'video':
        return timed((signal) => api.sendVideo(to.chatId, media, withCaption, signal))
      case 'document':
        return timed((signal) => api.sendDocument(to.chatId, media, withCaption, signal))
    }
  }

  /** Sends with the first upload's file_id, waiting for an upload on the wire; uploads itself when there is none. */
  async function sendMedia(
    to: { chatId: number; threadId: number },
    m: BroadcastMessage & { media: NonNullable<BroadcastMessage['media']> },
  ): Promise<Message> {
    const known = m.media.fileId ?? fileIds.get(m.broadcastId)
    if (known) return sendWith(to, m, known)
    const inFlight = uploads.get(m.broadcastId)
    const uploaded = inFlight ? await inFlight : undefined
    if (uploaded) return sendWith(to, m, uploaded)
    const sending = sendWith(to, m, inputOf(m.media.source))
    // A failed upload (that chat blocked us, say) leaves the next chat to upload: waiters get undefined.
    const fileId = sending.then(
      (message) => fileIdOf(message, m.media.kind),
      () => undefined,
    )
    uploads.set(m.broadcastId, fileId)
    try {
      const message = await sending
      const id = await fileId
      if (id) {
        fileIds.set(m.broadcastId, id)
        deps.onFileId(m.broadcastId, id)
      }
      return message
    } finally {
      if (uploads.get(m.broadcastId) === fileId) uploads.delete(m.broadcastId)
    }
  }

  return {
    /** Sends one edition to a chat (or forum topic); returns the message Telegram made. */
    send(to: { chatId: number; threadId: number }, m: BroadcastMessage): Promise<Message> {
      return m.media ? sendMedia(to, { ...m, media: m.media }) : sendWith(to, m, null)
    },

    /** Edits a sent message to the edition's current text (or caption) and buttons. */
    async edit(chatId: number, messageId: number, m: BroadcastMessage): Promise<void> {
      const options = { parse_mode: 'HTML' as const, reply_markup: keyboardOf(m.buttons) }
      if (m.media)
        await timed((signal) =>
          api.editMessageCaption(chatId, messageId, { ...options, caption: m.html }, signal),
        )
      else await timed((signal) => api.editMessageText(chatId, messageId, m.html, options, signal))
    },

    /** Deletes a sent message. */
    async remove(chatId: number, messageId: number): Promise<void> {
      await timed((signal) => api.deleteMessage(chatId, messageId, signal))
    },
  }
}
