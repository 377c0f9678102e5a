/**
 * Telegram messages rendered for a terminal: what a person would see in the app, without raw tags.
 *
 * The HTML is parsed with the fake Bot API's own reimplementation of Telegram's parser, so the demo shows
 * exactly the text and entities Telegram would store (entities decoded, unknown `&name;` kept literal), and
 * HTML Telegram would refuse is reported as refused rather than guessed at.
 */
import type { InlineKeyboardButton, MessageEntity } from 'grammy/types'
import { HtmlParseError, parseTelegramHtml } from '../tests/support/fake-bot-api.ts'
import type { Style } from './style.ts'

/** The outcome of rendering one text: what to show, and Telegram's complaint when it would refuse it. */
export type RenderedText = { text: string; error?: string }

/** Renders a message text or caption as sent with `parse_mode` (only HTML is parsed; others are shown as is). */
export function renderMessageText(raw: unknown, parseMode: unknown, style: Style): RenderedText {
  const source = typeof raw === 'string' ? raw : raw === undefined ? '' : String(raw)
  if (String(parseMode ?? '').toLowerCase() !== 'html') return { text: source }
  try {
    const parsed = parseTelegramHtml(source)
    return { text: renderEntities(parsed.text, parsed.entities, style) }
  } catch (error) {
    if (!(error instanceof HtmlParseError)) throw error
    return { text: source, error: `can't parse entities: ${error.message}` }
  }
}

/** Shorthand for {@link renderMessageText} with `parse_mode: 'HTML'`. */
export function renderHtml(html: string, style: Style): string {
  return renderMessageText(html, 'HTML', style).text
}

/**
 * Applies entities to plain text. Entities from HTML nest properly (tags nest), so each one's children are
 * the entities that start before it ends, and rendering recurses into them.
 */
export function renderEntities(text: string, entities: readonly MessageEntity[], style: Style): string {
  const sorted = [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length)
  return renderRange(text, sorted, 0, text.length, style)
}

function renderRange(
  text: string,
  entities: readonly MessageEntity[],
  start: number,
  end: number,
  style: Style,
): string {
  let out = ''
  let pos = start
  let index = 0
  while (index < entities.length) {
    const entity = entities[index] as MessageEntity
    const entityEnd = entity.offset + entity.length
    let next = index + 1
    while (next < entities.length && (entities[next] as MessageEntity).offset < entityEnd) next++
    const inner = renderRange(text, entities.slice(index + 1, next), entity.offset, entityEnd, style)
    out +=
      text.slice(pos, entity.offset) + decorate(entity, inner, text.slice(entity.offset, entityEnd), style)
    pos = entityEnd
    index = next
  }
  return out + text.slice(pos, end)
}

const prefixLines = (text: string, prefix: string) =>
  text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n')

function decorate(entity: MessageEntity, inner: string, plain: string, style: Style): string {
  switch (entity.type) {
    case 'bold':
      return style.bold(inner)
    case 'italic':
      return style.italic(inner)
    case 'underline':
      return style.underline(inner)
    case 'strikethrough':
      return style.strike(inner)
    case 'spoiler':
      return style.dim(inner)
    case 'code':
      return style.cyan(inner)
    case 'pre':
      return prefixLines(style.cyan(plain), '  ')
    case 'blockquote':
    case 'expandable_blockquote':
      return prefixLines(inner, '│ ')
    case 'text_link':
      // A terminal cannot hide a link behind its text: show both, unless the text already is the URL.
      return plain === entity.url ? style.underline(inner) : `${inner} ${style.dim(`(${entity.url})`)}`
    default:
      return inner
  }
}

/** One inline button as the demo can act on it: a callback to press, a URL to print, or something else. */
export type TerminalButton =
  | { kind: 'callback'; label: string; data: string }
  | { kind: 'url'; label: string; url: string }
  | { kind: 'other'; label: string; what: string }

/** The buttons of an inline keyboard, in reading order, numbered from 1 on screen. */
export type RenderedKeyboard = { text: string; buttons: TerminalButton[] }

function toButton(button: InlineKeyboardButton): TerminalButton {
  if ('callback_data' in button && button.callback_data !== undefined) {
    return { kind: 'callback', label: button.text, data: button.callback_data }
  }
  if ('url' in button && button.url !== undefined) return { kind: 'url', label: button.text, url: button.url }
  const what = Object.keys(button).find((key) => key !== 'text') ?? 'button'
  return { kind: 'other', label: button.text, what }
}

/**
 * Renders `reply_markup.inline_keyboard` as numbered buttons, one keyboard row per line:
 * `[1] « Back  [2] More »`. URL buttons carry an arrow; anything else does nothing in the demo.
 */
export function renderKeyboard(markup: unknown, style: Style): RenderedKeyboard | undefined {
  const rows = (markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard
  if (!Array.isArray(rows)) return undefined
  const buttons: TerminalButton[] = []
  const lines: string[] = []
  for (const row of rows) {
    if (!Array.isArray(row)) continue
    const cells = (row as InlineKeyboardButton[]).map((raw) => {
      const button = toButton(raw)
      buttons.push(button)
      const number = style.bold(style.yellow(`[${buttons.length}]`))
      const suffix =
        button.kind === 'url' ? ' ↗' : button.kind === 'other' ? style.dim(` (${button.what})`) : ''
      return `${number} ${button.label}${suffix}`
    })
    if (cells.length > 0) lines.push(cells.join('  '))
  }
  return buttons.length > 0 ? { text: lines.join('\n'), buttons } : undefined
}
