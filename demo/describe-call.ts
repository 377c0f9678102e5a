/**
 * One Bot API call, as the person in the chat would perceive it: a message, an edit, a toast, inline results,
 * or nothing at all (getUpdates, setMyCommands and other plumbing).
 */
import { LOCALES, translate } from '../src/i18n/index.ts'
import type { RecordedCall } from '../tests/support/fake-bot-api.ts'
import { type RenderedKeyboard, renderKeyboard, renderMessageText } from './render-terminal.ts'
import { type Style, stripAnsi } from './style.ts'

/** The button under every push, in each language: how a push is told from a reply. */
const READ_MORE_LABELS = new Set(LOCALES.map((locale) => translate(locale, 'push-read-more')))

/** What a call shows. `text` is undefined for calls nobody would see. */
export type CallView = {
  text: string | undefined
  /** Buttons that came with it, to be pressed by number. */
  keyboard: RenderedKeyboard | undefined
  /** The message the buttons belong to: the one this call creates, or the one it edits. */
  target: { kind: 'new' } | { kind: 'edit'; messageId: number } | undefined
  /** A release pushed by the sender (it carries the "Read the full release" link button). */
  push: boolean
  /** The text without styling, to look for a title in. */
  plain: string
  /** A message of its own (set apart by a blank line), rather than a note on the one before (a toast). */
  standalone: boolean
}

const SEND_METHODS = new Set([
  'sendmessage',
  'sendphoto',
  'senddocument',
  'sendvideo',
  'sendanimation',
  'sendaudio',
  'sendvoice',
])

/**
 * How many messages a call creates in `chatId` if Telegram accepts it: the fake numbers them one after the
 * other per chat, and the demo needs those ids to press a message's buttons.
 */
export function messagesCreated(call: RecordedCall, chatId: number): number {
  if (String(call.payload.chat_id) !== String(chatId)) return 0
  const method = call.method.toLowerCase()
  if (SEND_METHODS.has(method) || method === 'forwardmessage' || method === 'copymessage') return 1
  if (method === 'sendmediagroup' && Array.isArray(call.payload.media)) return call.payload.media.length
  return 0
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => (line ? `   ${line}` : ''))
    .join('\n')

const NOTHING: CallView = {
  text: undefined,
  keyboard: undefined,
  target: undefined,
  push: false,
  plain: '',
  standalone: true,
}

/** Describes a call for the terminal; `chatId` is the demo user's chat (others are labelled). */
export function describeCall(call: RecordedCall, chatId: number, botName: string, style: Style): CallView {
  const p = call.payload
  const method = call.method.toLowerCase()
  const elsewhere = p.chat_id !== undefined && String(p.chat_id) !== String(chatId)
  const who = style.bold(style.green(botName)) + (elsewhere ? style.dim(` → chat ${String(p.chat_id)}`) : '')

  if (method === 'answercallbackquery') {
    if (p.text === undefined) return NOTHING
    const text = `   ${style.yellow(`${p.show_alert === true || p.show_alert === 'true' ? '⚠️  alert' : '💬'} ${String(p.text)}`)}`
    return { ...NOTHING, text, plain: String(p.text), standalone: false }
  }
  if (method === 'answerinlinequery') {
    const results = Array.isArray(p.results)
      ? (p.results as Array<{ title?: string; description?: string }>)
      : []
    // Telegram shows a title and a line or two of description per result, above the keyboard.
    const short = (text: string) => (text.length > 100 ? `${text.slice(0, 99)}…` : text)
    const lines = results.map(
      (r) =>
        `• ${style.bold(r.title ?? '?')}${r.description ? `\n  ${style.dim(short(r.description))}` : ''}`,
    )
    const text = `🔎 ${who} ${style.dim('(inline results)')}\n${indent(lines.join('\n') || 'No results.')}`
    return { ...NOTHING, text, plain: stripAnsi(text) }
  }
  if (method === 'deletemessage') return { ...NOTHING, text: `🗑  ${who} ${style.dim('(deleted a message)')}` }

  const keyboard = renderKeyboard(p.reply_markup, style)
  const edit = method.startsWith('edit')
  const body = edit || SEND_METHODS.has(method) ? bodyOf(method, p, style) : undefined
  if (body === undefined) return NOTHING
  const push =
    !edit && keyboard?.buttons.some((b) => b.kind === 'url' && READ_MORE_LABELS.has(b.label)) === true
  const header = edit
    ? `✏️  ${who} ${style.dim('(edited)')}`
    : push
      ? `📬 ${who} ${style.magenta('· new release')}`
      : `🤖 ${who}`
  const parts = [header, indent(body), ...(keyboard ? [indent(keyboard.text)] : [])]
  const text = parts.filter(Boolean).join('\n')
  const target = edit ? { kind: 'edit' as const, messageId: Number(p.message_id) } : { kind: 'new' as const }
  return { text, keyboard, target, push, plain: stripAnsi(text), standalone: true }
}

/** The visible part of a send or edit: text, or a media line and its caption. */
function bodyOf(method: string, p: Record<string, unknown>, style: Style): string {
  if (method === 'editmessagereplymarkup') return style.dim('(buttons updated)')
  const isText = method === 'sendmessage' || method === 'editmessagetext'
  const rendered = renderMessageText(isText ? p.text : p.caption, p.parse_mode, style)
  const refused = rendered.error ? `\n${style.red(`⚠️  Telegram would refuse this: ${rendered.error}`)}` : ''
  if (isText || method === 'editmessagecaption') return rendered.text + refused
  const kind = method.slice(4)
  const media = p[kind]
  const source = typeof media === 'string' ? media : media && typeof media === 'object' ? 'an upload' : ''
  const line = style.dim(`[${kind}${source ? `: ${source}` : ''}]`)
  return [line, rendered.text].filter(Boolean).join('\n') + refused
}
