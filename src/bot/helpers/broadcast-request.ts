import type { Message, MessageEntity } from 'grammy/types'
import type { BroadcastMedia } from '../../db/broadcasts-repository.ts'
import type { BroadcastRequest } from '../../delivery/broadcast-rules.ts'
import { entitiesToHtml } from '../../render/entities-to-html.ts'

/**
 * Reads `/broadcast [options] [text]` (or the message it replies to) into a request for the rules module.
 *
 * Options come first, each `name:value`: `topic:a,b` `lang:ru,az` `kind:private,group,channel,forum` `source:id`
 * `at:YYYY-MM-DD HH:mm` `tz:Zone` `urgent:yes` `silent:yes`. In the text, a line `[ru]` (or `[en]`, `[az]`) starts
 * that language's edition; text before the first such line is an edition in `defaultLanguage` (the admin's). A
 * line `button: Label=https://…` adds a URL button. Formatting is kept (entities to HTML). Replying to a photo,
 * video or document sends it, with the text (or its own caption) as the caption.
 */
export function readBroadcastRequest(
  message: Message,
  defaults: { language: string; timeZone: string },
): BroadcastRequest {
  const text = message.text ?? ''
  const entities = message.entities ?? []
  const command = entities.find((e) => e.type === 'bot_command' && e.offset === 0)
  const options = readOptions(text, command ? command.length : 0)
  const replied = message.reply_to_message
  const source: Body =
    options.end < text.length
      ? { text, entities, start: options.end }
      : {
          text: replied?.text ?? replied?.caption ?? '',
          entities: replied?.entities ?? replied?.caption_entities ?? [],
          start: 0,
        }
  const { editions, buttons } = readBody(source, defaults.language)
  const request: BroadcastRequest = {
    editions,
    buttons,
    media: replied ? mediaOf(replied) : null,
    audience: {
      languages: list(options.values.lang),
      topics: list(options.values.topic),
      kinds: list(options.values.kind),
      sources: list(options.values.source),
    },
    urgent: isYes(options.values.urgent),
    silent: isYes(options.values.silent),
  }
  if (options.values.at !== undefined)
    request.at = { time: options.values.at, timeZone: options.values.tz ?? defaults.timeZone }
  return request
}

/**
 * Reads `/broadcast_edit <id> <text>` (or `/broadcast_edit <id>` replying to the new text): the id and the
 * editions, marked by `[xx]` lines as in /broadcast (unmarked text: `defaultLanguage`).
 */
export function readBroadcastEdit(
  message: Message,
  defaultLanguage: string,
): { id: number | null; editions: BroadcastRequest['editions'] } {
  const text = message.text ?? ''
  const entities = message.entities ?? []
  const command = entities.find((e) => e.type === 'bot_command' && e.offset === 0)
  const from = command ? command.length : 0
  const id = /^\s*(\d{1,9})(?=\s|$)/.exec(text.slice(from))
  if (!id) return { id: null, editions: [] }
  const end = from + id[0].length
  const replied = message.reply_to_message
  const body: Body =
    text.slice(end).trim() !== ''
      ? { text, entities, start: end }
      : {
          text: replied?.text ?? replied?.caption ?? '',
          entities: replied?.entities ?? replied?.caption_entities ?? [],
          start: 0,
        }
  return { id: Number(id[1]), editions: readBody(body, defaultLanguage).editions }
}

type Body = { text: string; entities: readonly MessageEntity[]; start: number }

const OPTION = /^(topic|lang|kind|source|at|tz|urgent|silent):(\S+)/i
/** `at:` takes a date and a time: `at:2026-12-08 09:00` (or `at:2026-12-08T09:00`). */
const AT = /^at:(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}:\d{2}))?/i

function readOptions(text: string, from: number): { values: Record<string, string>; end: number } {
  const values: Record<string, string> = {}
  let at = from
  for (;;) {
    while (at < text.length && /\s/.test(text[at] as string)) at++
    const rest = text.slice(at)
    const time = AT.exec(rest)
    if (time) {
      values.at = time[2] ? `${time[1]} ${time[2]}` : (time[1] as string)
      at += time[0].length
      continue
    }
    const option = OPTION.exec(rest)
    if (!option) return { values, end: at }
    values[(option[1] as string).toLowerCase()] = option[2] as string
    at += option[0].length
  }
}

const list = (value: string | undefined): string[] | undefined =>
  value === undefined ? undefined : value.split(',').filter((v) => v !== '')

const isYes = (value: string | undefined) => value !== undefined && /^(yes|on|true|1)$/i.test(value)

const MARKER = /^[ \t]*\[([A-Za-z]{2,3})\][ \t]*$/
const BUTTON = /^[ \t]*button:[ \t]*(.+?)[ \t]*$/i

/** The HTML of text[from, to) with its formatting, leading and trailing blank space dropped. */
function sliceHtml(body: Body, from: number, to: number): string {
  let a = from
  let b = to
  while (a < b && /\s/.test(body.text[a] as string)) a++
  while (b > a && /\s/.test(body.text[b - 1] as string)) b--
  return entitiesToHtml(body.text.slice(0, b), body.entities, a)
}

/**
 * Splits the text at `[xx]` lines into editions and takes out `button:` lines. An edition's text is converted in
 * one piece (between marker and button lines), so a quote or code block spanning lines stays one.
 */
function readBody(
  body: Body,
  defaultLanguage: string,
): { editions: BroadcastRequest['editions']; buttons: string[] } {
  const editions: BroadcastRequest['editions'] = []
  const buttons: string[] = []
  let language = defaultLanguage
  let explicit = false
  let pieces: string[] = []
  let pieceStart = body.start
  const closePiece = (end: number) => {
    if (end > pieceStart) pieces.push(sliceHtml(body, pieceStart, end))
  }
  const flush = () => {
    const html = pieces.filter((p) => p !== '').join('\n')
    // Blank text before the first marker is no edition; a marked edition left blank is (the rules refuse it).
    if (html !== '' || explicit) editions.push({ language, html })
    pieces = []
  }
  let lineStart = body.start
  while (lineStart <= body.text.length) {
    const newline = body.text.indexOf('\n', lineStart)
    const lineEnd = newline === -1 ? body.text.length : newline
    const line = body.text.slice(lineStart, lineEnd)
    const marker = MARKER.exec(line)
    const button = marker ? null : BUTTON.exec(line)
    if (marker || button) {
      closePiece(lineStart)
      pieceStart = lineEnd + 1
    }
    if (marker) {
      flush()
      language = (marker[1] as string).toLowerCase()
      explicit = true
    } else if (button) {
      buttons.push(button[1] as string)
    }
    lineStart = lineEnd + 1
  }
  closePiece(body.text.length)
  flush()
  return { editions, buttons }
}

/** The media of a replied message, by the file_id Telegram already holds (no upload needed). */
function mediaOf(message: NonNullable<Message['reply_to_message']>): BroadcastMedia | null {
  const photo = message.photo?.at(-1)
  if (photo) return { kind: 'photo', source: photo.file_id, fileId: photo.file_id }
  if (message.video) return { kind: 'video', source: message.video.file_id, fileId: message.video.file_id }
  if (message.document)
    return { kind: 'document', source: message.document.file_id, fileId: message.document.file_id }
  return null
}
