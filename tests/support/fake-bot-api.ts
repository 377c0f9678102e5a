import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Chat, Message, MessageEntity, Update, User, UserFromGetMe } from 'grammy/types'

/**
 * A fake Telegram Bot API over real HTTP on 127.0.0.1, for tests, the demo and benchmarks.
 * Point grammY at it with `new Bot(token, { client: { apiRoot: fake.apiRoot } })`.
 *
 * It behaves like api.telegram.org where our code can notice: `{ ok, result }` /
 * `{ ok: false, error_code, description, parameters }` envelopes with the HTTP status equal to the
 * error code, real long polling with offset confirmation, 409 for a second poller, and Telegram's
 * own validation of `parse_mode: 'HTML'` text (TDLib's parser rules and error messages) and of
 * length limits, so invalid HTML fails a test the way it would fail in production.
 */

/** An error as Telegram returns it. */
export interface ApiErrorShape {
  error_code: number
  description: string
  parameters?: { retry_after?: number; migrate_to_chat_id?: number }
}

/** One API call as the server received it. Form fields arrive as strings, like on the wire. */
export interface RecordedCall {
  method: string
  payload: Record<string, unknown>
  /** `Date.now()` on arrival. */
  at: number
  token: string
}

/** Computes a custom result for a method; throw {@link FakeApiError} to answer with an error. */
type MethodHandler = (payload: Record<string, unknown>, call: RecordedCall) => unknown

export interface FakeBotApiOptions {
  /** Overrides for the bot user returned by getMe (and used as `from` of sent messages). */
  botInfo?: Partial<UserFromGetMe>
  /** Record every call in `calls` (default true). Off, only `counts` are kept: for benchmarks. */
  record?: boolean
  /** Delay before every answer, in ms (default 0). */
  latencyMs?: number
  /** Validate `parse_mode: 'HTML'` texts and length limits like Telegram (default true). */
  validate?: boolean
  /** Default 127.0.0.1 and a free port. */
  host?: string
  port?: number
}

/** Thrown by a {@link MethodHandler} to answer with a Telegram error. */
export class FakeApiError extends Error {
  constructor(readonly shape: ApiErrorShape) {
    super(shape.description)
  }
}

/** Ready-made errors matching Telegram's wording. */
export const apiErrors = {
  tooManyRequests: (retryAfter = 1): ApiErrorShape => ({
    error_code: 429,
    description: `Too Many Requests: retry after ${retryAfter}`,
    parameters: { retry_after: retryAfter },
  }),
  blocked: (): ApiErrorShape => ({ error_code: 403, description: 'Forbidden: bot was blocked by the user' }),
  kicked: (): ApiErrorShape => ({
    error_code: 403,
    description: 'Forbidden: bot was kicked from the group chat',
  }),
  userDeactivated: (): ApiErrorShape => ({ error_code: 403, description: 'Forbidden: user is deactivated' }),
  chatNotFound: (): ApiErrorShape => ({ error_code: 400, description: 'Bad Request: chat not found' }),
  migrated: (newChatId: number): ApiErrorShape => ({
    error_code: 400,
    description: 'Bad Request: group chat was upgraded to a supergroup chat',
    parameters: { migrate_to_chat_id: newChatId },
  }),
  topicClosed: (): ApiErrorShape => ({ error_code: 400, description: 'Bad Request: TOPIC_CLOSED' }),
  topicDeleted: (): ApiErrorShape => ({
    error_code: 400,
    description: 'Bad Request: message thread not found',
  }),
  serverError: (code: 500 | 502 | 503 | 504 = 500): ApiErrorShape => ({
    error_code: code,
    description:
      code === 500 ? 'Internal Server Error' : code === 502 ? 'Bad Gateway' : 'Service Unavailable',
  }),
} as const

type UpdateWithoutId = Omit<Update, 'update_id'> & { update_id?: number }

export interface MessageUpdateOptions {
  /** Sender; defaults to a user whose id is the chat id in private chats. */
  from?: Partial<User>
  chatType?: 'private' | 'group' | 'supergroup'
  /** Defaults to the chat's next message id (shared with messages the bot sends). */
  messageId?: number
  /** Defaults to a bot_command entity when the text starts with a /command. */
  entities?: MessageEntity[]
  /** Sent in this forum topic (a topic message of a forum supergroup). */
  threadId?: number
}

export interface FakeBotApi {
  /** Base URL for grammY's `client.apiRoot`, without a trailing slash. */
  readonly apiRoot: string
  /** The bot user that getMe returns; pass it as `botInfo` to skip getMe. */
  readonly botInfo: UserFromGetMe
  /** Every token seen in a request path. */
  readonly tokens: ReadonlySet<string>
  /** Calls in arrival order (empty when `record: false`). Cleared in place by `reset()`. */
  readonly calls: readonly RecordedCall[]
  /** Number of calls per method, kept even when not recording. */
  readonly counts: Readonly<Record<string, number>>
  callsOf(method: string): RecordedCall[]
  /** The payload of the last call of a method, if any. */
  lastPayload(method: string): Record<string, unknown> | undefined
  /**
   * Resolves with the calls of `method` once at least `count` have arrived (counted on arrival,
   * before the answer is sent; with `record: false` it resolves with []). Rejects after
   * `timeoutMs` (default 2000) with the counts and last payload seen.
   */
  waitForCalls(method: string, count: number, timeoutMs?: number): Promise<RecordedCall[]>
  /** Queues an update (assigning `update_id` when missing) and wakes a waiting getUpdates. */
  pushUpdate(update: UpdateWithoutId): Update
  /** Builds (does not push) a text message update. */
  message(chatId: number, text: string, options?: MessageUpdateOptions): Update
  /** Builds a callback query on a message the bot sent in `chatId`. */
  callbackQuery(chatId: number, data: string, options?: { messageId?: number; from?: Partial<User> }): Update
  /** Builds an inline query from a user. */
  inlineQuery(fromId: number, query: string, options?: { offset?: string; from?: Partial<User> }): Update
  /** Updates waiting for confirmation. */
  pendingUpdates(): number
  /** A getUpdates long poll is open: a running bot is waiting for updates. */
  pollWaiting(): boolean
  /**
   * The next `count` calls of `method` fail with `error`. `'*'` matches any method, including the
   * getUpdates of a running bot.
   */
  failNext(method: string, count: number, error: ApiErrorShape): void
  /** Fails every call for which `predicate` returns an error, until the returned function is called. */
  failWhen(
    predicate: (method: string, payload: Record<string, unknown>) => ApiErrorShape | undefined,
  ): () => void
  /**
   * Holds every call for which `predicate` is true (recorded on arrival, unanswered) until the returned
   * function is called; then the held calls are answered in arrival order. For "one chat is slow" tests.
   */
  holdWhen(predicate: (method: string, payload: Record<string, unknown>) => boolean): () => void
  /** The next `count` calls of `method` lose their connection without an answer (a network error). */
  dropNext(method: string, count: number): void
  /** Replaces the built-in behaviour of a method. */
  setHandler(method: string, handler: MethodHandler | undefined): void
  /** getChatMember answers "administrator" (allowed to post) for these users in every chat, "member" for the rest. */
  setAdmins(...ids: number[]): void
  /**
   * Closes (TOPIC_CLOSED) or deletes ("message thread not found") a forum topic: sends into it fail as Telegram's
   * do; `open` reopens it.
   */
  setTopic(chatId: number, threadId: number, state: 'closed' | 'deleted' | 'open'): void
  /** Ends pending long polls, closes every connection and the server. */
  close(): Promise<void>
}

// ---------------------------------------------------------------------------------------------
// Telegram's HTML parser, reimplemented from TDLib's rules so that tests fail where Telegram would.

/** Thrown by {@link parseTelegramHtml} with Telegram's own wording. */
export class HtmlParseError extends Error {}

export interface ParsedHtml {
  text: string
  entities: MessageEntity[]
}

const HTML_TAGS = new Set(
  'a b strong i em s strike del u ins tg-spoiler tg-emoji tg-time span pre code blockquote'.split(' '),
)
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

function isHtmlSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v'
}

/** TDLib's decode_html_entity: numeric (any base, `;` optional) and five named ones. */
function decodeEntityAt(html: string, pos: number): { value: string; end: number } | undefined {
  let end = pos + 1
  let code = 0
  if (html[end] === '#') {
    end++
    const hex = html[end] === 'x'
    if (hex) end++
    const digits = hex ? /[0-9a-fA-F]/ : /[0-9]/
    const start = end
    while (end < html.length && digits.test(html[end] as string)) end++
    if (end === start || end - pos >= 10) return undefined
    code = Number.parseInt(html.slice(start, end), hex ? 16 : 10)
    if (code === 0 || code >= 0x10ffff) return undefined
  } else {
    const start = end
    while (end < html.length && /[A-Za-z]/.test(html[end] as string)) end++
    const value = NAMED_ENTITIES[html.slice(start, end)]
    if (value === undefined) return undefined
    code = value.charCodeAt(0)
  }
  if (html[end] === ';') end++
  if (code >= 0xd800 && code <= 0xdfff) {
    throw new HtmlParseError(
      'Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units',
    )
  }
  return { value: String.fromCodePoint(code), end }
}

interface OpenTag {
  tag: string
  argument: string
  offset: number
  textStart: number
}

/**
 * Parses Telegram HTML like the Bot API does, returning the text and entities, or throwing
 * {@link HtmlParseError} with the message Telegram would put after "can't parse entities: ".
 * Unknown `&name;` entities stay literal text, as in Telegram.
 */
export function parseTelegramHtml(html: string): ParsedHtml {
  const at = (pos: number): string => `at byte offset ${Buffer.byteLength(html.slice(0, pos))}`
  const entities: MessageEntity[] = []
  const nested: OpenTag[] = []
  let text = ''
  let i = 0
  while (i < html.length) {
    const ch = html[i]
    if (ch === '&') {
      const decoded = decodeEntityAt(html, i)
      if (decoded) {
        text += decoded.value
        i = decoded.end
        continue
      }
    }
    if (ch !== '<') {
      let next = i + 1
      while (next < html.length && html[next] !== '<' && html[next] !== '&') next++
      text += html.slice(i, next)
      i = next
      continue
    }
    const begin = i++
    if (html[i] !== '/') {
      while (i < html.length && !isHtmlSpace(html[i]) && html[i] !== '>') i++
      if (i >= html.length) throw new HtmlParseError(`Unclosed start tag ${at(begin)}`)
      const tag = html.slice(begin + 1, i).toLowerCase()
      if (!HTML_TAGS.has(tag)) throw new HtmlParseError(`Unsupported start tag "${tag}" ${at(begin)}`)
      let argument = ''
      while (html[i] !== '>') {
        while (isHtmlSpace(html[i])) i++
        if (html[i] === '>') break
        const attrBegin = i
        while (i < html.length && !isHtmlSpace(html[i]) && html[i] !== '=' && html[i] !== '>') i++
        const attr = html.slice(attrBegin, i)
        if (!attr) throw new HtmlParseError(`Empty attribute name in the tag "${tag}" ${at(attrBegin)}`)
        while (isHtmlSpace(html[i])) i++
        if (html[i] !== '=') {
          // Valueless attributes: Telegram documents <blockquote expandable>.
          if (tag === 'blockquote' && attr === 'expandable' && i < html.length) {
            argument = 'expandable'
            continue
          }
          if (i >= html.length) throw new HtmlParseError(`Unclosed start tag "${tag}" ${at(begin)}`)
          throw new HtmlParseError(
            `Expected equal sign in declaration of an attribute of the tag "${tag}" ${at(attrBegin)}`,
          )
        }
        i++
        while (isHtmlSpace(html[i])) i++
        if (i >= html.length) throw new HtmlParseError(`Unclosed start tag "${tag}" ${at(begin)}`)
        let value = ''
        const quote = html[i]
        if (quote === '"' || quote === "'") {
          i++
          while (i < html.length && html[i] !== quote) {
            const decoded = html[i] === '&' ? decodeEntityAt(html, i) : undefined
            if (decoded) {
              value += decoded.value
              i = decoded.end
            } else {
              value += html[i++]
            }
          }
          if (html[i] === quote) i++
        } else {
          const tokenBegin = i
          while (i < html.length && /[A-Za-z0-9.-]/.test(html[i] as string)) i++
          value = html.slice(tokenBegin, i).toLowerCase()
          if (i < html.length && !isHtmlSpace(html[i]) && html[i] !== '>') {
            throw new HtmlParseError(`Unexpected end of name token ${at(tokenBegin)}`)
          }
        }
        if (i >= html.length) throw new HtmlParseError(`Unclosed start tag ${at(begin)}`)
        if (tag === 'a' && attr === 'href') argument = value
        else if (tag === 'code' && attr === 'class' && value.startsWith('language-'))
          argument = value.slice(9)
        else if (tag === 'span' && attr === 'class' && value.startsWith('tg-')) argument = value.slice(3)
        else if (tag === 'tg-emoji' && attr === 'emoji-id') argument = value
      }
      if (tag === 'span' && argument !== 'spoiler') {
        throw new HtmlParseError(`Tag "span" must have class "tg-spoiler" ${at(begin)}`)
      }
      nested.push({ tag, argument, offset: text.length, textStart: text.length })
    } else {
      if (nested.length === 0) throw new HtmlParseError(`Unexpected end tag ${at(begin)}`)
      i++
      const nameBegin = i
      while (i < html.length && !isHtmlSpace(html[i]) && html[i] !== '>') i++
      const endTag = html.slice(nameBegin, i).toLowerCase()
      while (isHtmlSpace(html[i])) i++
      if (html[i] !== '>') throw new HtmlParseError(`Unclosed end tag ${at(begin)}`)
      const open = nested.pop() as OpenTag
      if (endTag && endTag !== open.tag) {
        throw new HtmlParseError(
          `Unmatched end tag ${at(begin)}, expected "</${open.tag}>", found "</${endTag}>"`,
        )
      }
      const entity = toEntity(open, text)
      if (entity) entities.push(entity)
    }
    i++ // past '>'
  }
  const unclosed = nested[nested.length - 1]
  if (unclosed) throw new HtmlParseError(`Can't find end tag corresponding to start tag "${unclosed.tag}"`)
  return { text, entities: entities.sort((a, b) => a.offset - b.offset || b.length - a.length) }
}

function toEntity(open: OpenTag, text: string): MessageEntity | undefined {
  const offset = open.offset
  const length = text.length - offset
  if (length <= 0) return undefined
  switch (open.tag) {
    case 'b':
    case 'strong':
      return { type: 'bold', offset, length }
    case 'i':
    case 'em':
      return { type: 'italic', offset, length }
    case 'u':
    case 'ins':
      return { type: 'underline', offset, length }
    case 's':
    case 'strike':
    case 'del':
      return { type: 'strikethrough', offset, length }
    case 'tg-spoiler':
    case 'span':
      return { type: 'spoiler', offset, length }
    case 'code':
      return { type: 'code', offset, length }
    case 'pre':
      return open.argument
        ? { type: 'pre', offset, length, language: open.argument }
        : { type: 'pre', offset, length }
    case 'blockquote':
      return { type: open.argument === 'expandable' ? 'expandable_blockquote' : 'blockquote', offset, length }
    case 'tg-emoji':
      return { type: 'custom_emoji', offset, length, custom_emoji_id: open.argument }
    case 'a': {
      // Telegram silently drops links it cannot parse instead of failing the message.
      const url = open.argument || text.slice(open.textStart)
      return /^(https?|tg|mailto):/i.test(url) ? { type: 'text_link', offset, length, url } : undefined
    }
    default:
      return undefined
  }
}

// TDLib's clean_input_string drops \r and U+2028..U+202E and blanks control characters.
const STRIPPED = /[\r\u2028-\u202E]/g
const BLANKED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g

/** Text as Telegram stores it: cleaned and trimmed; its `.length` is what the limits count. */
function telegramText(text: string): { text: string; lead: number } {
  const cleaned = text.replace(STRIPPED, '').replace(BLANKED, ' ')
  const trimmedStart = cleaned.replace(/^[ \t\n]+/, '')
  return { text: trimmedStart.replace(/[ \t\n]+$/, ''), lead: cleaned.length - trimmedStart.length }
}

// ---------------------------------------------------------------------------------------------
// Requests and payloads

function coerceField(value: string): unknown {
  const first = value[0]
  if (first === '{' || first === '[') {
    try {
      return JSON.parse(value)
    } catch {
      // Dropped: the SyntaxError: a field that only looks like JSON stays a string, as Telegram reads it.
      return value
    }
  }
  return value
}

/** A minimal multipart/form-data reader; grammY writes `content-disposition:form-data;name="x"`. */
function parseMultipart(body: Buffer, boundary: string): Record<string, unknown> {
  const delimiter = Buffer.from(`--${boundary}`)
  const fields: Record<string, unknown> = {}
  const files: Record<string, { filename: string; size: number }> = {}
  let pos = body.indexOf(delimiter)
  while (pos >= 0) {
    let start = pos + delimiter.length
    if (body[start] === 45 && body[start + 1] === 45) break // closing "--"
    if (body[start] === 13 && body[start + 1] === 10) start += 2
    const next = body.indexOf(delimiter, start)
    if (next < 0) break
    const end = body[next - 2] === 13 && body[next - 1] === 10 ? next - 2 : next
    const part = body.subarray(start, end)
    const headerEnd = part.indexOf('\r\n\r\n')
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString('utf8')
      const content = part.subarray(headerEnd + 4)
      const disposition = /content-disposition:\s*form-data\s*;([^\r\n]*)/i.exec(headers)?.[1] ?? ''
      const name = /(?:^|;)\s*name="?([^";]*)"?/i.exec(disposition)?.[1]
      const filename = /filename="?([^";]*)"?/i.exec(disposition)?.[1]
      if (name !== undefined && filename !== undefined) files[name] = { filename, size: content.length }
      else if (name !== undefined) fields[name] = coerceField(content.toString('utf8'))
    }
    pos = next
  }
  // Replace attach://<id> references with what was uploaded, so tests can see the file.
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string' && value.startsWith('attach://'))
      fields[key] = files[value.slice(9)] ?? value
  }
  return fields
}

function parseBody(contentType: string, body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {}
  const type = contentType.split(';')[0]?.trim().toLowerCase()
  if (type === 'multipart/form-data') {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1]
    return boundary ? parseMultipart(body, boundary) : {}
  }
  if (type === 'application/x-www-form-urlencoded')
    return fromSearchParams(new URLSearchParams(body.toString()))
  const parsed: unknown = JSON.parse(body.toString('utf8'))
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {}
}

function fromSearchParams(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of params) out[key] = coerceField(value)
  return out
}

function fail(error_code: number, description: string): FakeApiError {
  return new FakeApiError({ error_code, description })
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined
}

/** Telegram accepts numbers, numeric strings and @usernames as chat_id. */
function chatIdOf(payload: Record<string, unknown>): number | string {
  const raw = payload.chat_id
  if (raw === undefined || raw === null || raw === '') throw fail(400, 'Bad Request: chat_id is empty')
  if (typeof raw === 'number' && Number.isSafeInteger(raw)) return raw
  if (typeof raw === 'string' && /^-?\d{1,16}$/.test(raw)) return Number(raw)
  if (typeof raw === 'string' && /^@[A-Za-z][A-Za-z0-9_]{3,31}$/.test(raw)) return raw
  throw fail(400, 'Bad Request: chat not found')
}

function chatFor(id: number | string): Chat {
  if (typeof id === 'string') {
    const username = id.slice(1)
    return { id: -1001000000000 - username.length, type: 'channel', title: username, username }
  }
  if (id > 0) return { id, type: 'private', first_name: `User ${id}` }
  if (id <= -1000000000000) return { id, type: 'supergroup', title: `Supergroup ${id}` }
  return { id, type: 'group', title: `Group ${id}` }
}

const MESSAGE_LIMIT = 4096
const CAPTION_LIMIT = 1024

/**
 * Applies Telegram's checks to a text or caption and returns it as Telegram would store it.
 * Errors use the Bot API's wording ("can't parse entities: …", "message is too long").
 */
function checkText(
  raw: unknown,
  parseMode: unknown,
  kind: 'text' | 'caption',
  validate: boolean,
): { text: string; entities: MessageEntity[] } | undefined {
  const source = asString(raw)
  if (source === undefined) {
    if (kind === 'text') throw fail(400, 'Bad Request: message text is empty')
    return undefined
  }
  const mode = asString(parseMode)?.toLowerCase()
  let parsed: ParsedHtml = { text: source, entities: [] }
  if (mode === 'html' && validate) {
    try {
      parsed = parseTelegramHtml(source)
    } catch (error) {
      if (error instanceof HtmlParseError)
        throw fail(400, `Bad Request: can't parse entities: ${error.message}`)
      throw error
    }
  }
  const { text, lead } = telegramText(parsed.text)
  if (kind === 'text' && text.length === 0) throw fail(400, 'Bad Request: message text is empty')
  // Markdown is not parsed here; its raw length would overstate the text, so only HTML and plain
  // text are length-checked.
  if (validate && (mode === undefined || mode === 'html')) {
    if (kind === 'text' && text.length > MESSAGE_LIMIT) throw fail(400, 'Bad Request: message is too long')
    if (kind === 'caption' && text.length > CAPTION_LIMIT) {
      throw fail(400, 'Bad Request: message caption is too long')
    }
  }
  // Entities follow the trimming (offsets of characters Telegram strips inside are not adjusted).
  const entities: MessageEntity[] = []
  for (const entity of parsed.entities) {
    const start = Math.max(0, entity.offset - lead)
    const end = Math.min(text.length, entity.offset + entity.length - lead)
    if (end > start) entities.push({ ...entity, offset: start, length: end - start })
  }
  return { text, entities }
}

/** Inline keyboards: callback_data must be 1-64 bytes, or Telegram answers BUTTON_DATA_INVALID. */
function checkReplyMarkup(markup: unknown): void {
  if (!markup || typeof markup !== 'object' || !('inline_keyboard' in markup)) return
  const rows = (markup as { inline_keyboard: unknown }).inline_keyboard
  if (!Array.isArray(rows)) throw fail(400, 'Bad Request: field "inline_keyboard" must be an Array')
  for (const row of rows) {
    for (const button of Array.isArray(row) ? row : []) {
      const data = (button as { callback_data?: unknown })?.callback_data
      if (data === undefined) continue
      const bytes = typeof data === 'string' ? Buffer.byteLength(data) : 0
      if (bytes < 1 || bytes > 64) throw fail(400, 'Bad Request: BUTTON_DATA_INVALID')
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The server

const DEFAULT_ALLOWED = (type: string): boolean =>
  type !== 'chat_member' && type !== 'message_reaction' && type !== 'message_reaction_count'

interface PendingPoll {
  res: ServerResponse
  limit: number
  timer: NodeJS.Timeout
}

interface Waiter {
  count: number
  resolve: (calls: RecordedCall[]) => void
  reject: (error: Error) => void
  timer: NodeJS.Timeout
}

/**
 * Starts a fake Bot API server. Resolve-once; always `await fake.close()` (after `bot.stop()`).
 *
 * @example
 * const fake = await startFakeBotApi()
 * const bot = new Bot(FAKE_TOKEN, { botInfo: fake.botInfo, client: { apiRoot: fake.apiRoot } })
 * fake.pushUpdate(fake.message(42, '/start'))
 */
export async function startFakeBotApi(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  const botInfo: UserFromGetMe = {
    id: 7000000001,
    is_bot: true,
    first_name: 'Pressbot Test',
    username: 'pressbot_test_bot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: true,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
    ...options.botInfo,
  }
  const record = options.record ?? true
  const validate = options.validate ?? true
  const latencyMs = options.latencyMs ?? 0

  const calls: RecordedCall[] = []
  const byMethod = new Map<string, RecordedCall[]>()
  const counts: Record<string, number> = {}
  const tokens = new Set<string>()
  const waiters = new Map<string, Set<Waiter>>()
  const failures = new Map<string, Array<{ remaining: number; error: ApiErrorShape }>>()
  let predicates: Array<(method: string, payload: Record<string, unknown>) => ApiErrorShape | undefined> = []
  const handlers = new Map<string, MethodHandler>()
  let holds: Array<{
    predicate: (method: string, payload: Record<string, unknown>) => boolean
    held: Array<() => void>
  }> = []
  const drops = new Map<string, number>()

  let updates: Update[] = []
  let lastUpdateId = 0
  let allowed: (type: string) => boolean = DEFAULT_ALLOWED
  let pendingPoll: PendingPoll | undefined
  let webhookUrl = ''
  let commands: unknown = []
  const lastMessageId = new Map<string, number>()
  const timers = new Set<NodeJS.Timeout>()
  let callbackCounter = 0
  let closed = false
  const topics = new Map<string, 'closed' | 'deleted'>()
  /** Telegram's answer to a send into a closed or deleted forum topic. */
  const checkTopic = (chatId: number | string, payload: Record<string, unknown>): Record<string, unknown> => {
    const thread = Number(payload.message_thread_id ?? 0)
    if (!thread) return {}
    const state = topics.get(`${chatId}:${thread}`)
    if (state === 'closed') throw new FakeApiError(apiErrors.topicClosed())
    if (state === 'deleted') throw new FakeApiError(apiErrors.topicDeleted())
    return { message_thread_id: thread, is_topic_message: true }
  }

  const nextMessageId = (chat: number | string): number => {
    const key = String(chat)
    const id = (lastMessageId.get(key) ?? 0) + 1
    lastMessageId.set(key, id)
    return id
  }
  const now = (): number => Math.floor(Date.now() / 1000)

  const recordCall = (call: RecordedCall): void => {
    counts[call.method] = (counts[call.method] ?? 0) + 1
    if (record) {
      calls.push(call)
      const list = byMethod.get(call.method)
      if (list) list.push(call)
      else byMethod.set(call.method, [call])
    }
    const pending = waiters.get(call.method)
    if (!pending) return
    for (const waiter of pending) {
      if ((counts[call.method] ?? 0) >= waiter.count) {
        clearTimeout(waiter.timer)
        pending.delete(waiter)
        waiter.resolve([...(byMethod.get(call.method) ?? [])])
      }
    }
  }

  const injectedFailure = (method: string, payload: Record<string, unknown>): ApiErrorShape | undefined => {
    for (const key of [method, '*']) {
      const queue = failures.get(key)
      const head = queue?.[0]
      if (queue && head) {
        if (--head.remaining <= 0) queue.shift()
        return head.error
      }
    }
    for (const predicate of predicates) {
      const error = predicate(method, payload)
      if (error) return error
    }
    return undefined
  }

  // --- long polling ---------------------------------------------------------------------------
  const updateType = (update: Update): string => Object.keys(update).find((k) => k !== 'update_id') ?? ''
  const selectUpdates = (limit: number): Update[] => {
    const batch: Update[] = []
    for (const update of updates) {
      if (batch.length >= limit) break
      if (allowed(updateType(update))) batch.push(update)
    }
    return batch
  }
  const answerPoll = (poll: PendingPoll, result: Update[]): void => {
    clearTimeout(poll.timer)
    timers.delete(poll.timer)
    if (pendingPoll === poll) pendingPoll = undefined
    send(poll.res, 200, { ok: true, result })
  }
  const getUpdates = (payload: Record<string, unknown>, res: ServerResponse): void => {
    if (webhookUrl) {
      throw fail(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      )
    }
    const offset = Number(payload.offset ?? 0) || 0
    const limit = Math.min(100, Math.max(1, Number(payload.limit ?? 100) || 100))
    const timeout = Math.max(0, Number(payload.timeout ?? 0) || 0)
    if (Array.isArray(payload.allowed_updates)) {
      const list = payload.allowed_updates.map(String)
      allowed = list.length === 0 ? DEFAULT_ALLOWED : (type) => list.includes(type)
    }
    // Confirming: a positive offset forgets earlier updates; a negative one keeps the last -offset.
    if (offset > 0) updates = updates.filter((u) => u.update_id >= offset)
    else if (offset < 0) updates = updates.slice(offset)
    if (pendingPoll) {
      const previous = pendingPoll
      pendingPoll = undefined
      clearTimeout(previous.timer)
      send(previous.res, 409, {
        ok: false,
        error_code: 409,
        description:
          'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      })
    }
    const batch = selectUpdates(limit)
    if (batch.length > 0 || timeout === 0 || closed) {
      send(res, 200, { ok: true, result: batch })
      return
    }
    const poll: PendingPoll = { res, limit, timer: setTimeout(() => answerPoll(poll, []), timeout * 1000) }
    timers.add(poll.timer)
    pendingPoll = poll
    // grammY aborts its request on bot.stop(): forget the poll so nothing is written to a dead socket.
    res.on('close', () => {
      if (pendingPoll === poll) {
        pendingPoll = undefined
        clearTimeout(poll.timer)
        timers.delete(poll.timer)
      }
    })
  }

  // --- methods ----------------------------------------------------------------------------------
  const sentMessage = (chatId: number | string, extra: Record<string, unknown>): Message => {
    const chat = chatFor(chatId)
    const base = { message_id: nextMessageId(chatId), date: now(), chat }
    const from = chat.type === 'channel' ? {} : { from: botInfo }
    return { ...base, ...from, ...extra } as Message
  }
  const knownMessage = (payload: Record<string, unknown>, what: 'edit' | 'delete'): number | string => {
    const chatId = chatIdOf(payload)
    const messageId = Number(payload.message_id)
    if (
      !Number.isSafeInteger(messageId) ||
      messageId < 1 ||
      messageId > (lastMessageId.get(String(chatId)) ?? 0)
    ) {
      throw fail(400, `Bad Request: message to ${what} not found`)
    }
    return chatId
  }
  const textFields = (checked: { text: string; entities: MessageEntity[] } | undefined, key: string) =>
    checked
      ? {
          [key]: checked.text,
          ...(checked.entities.length
            ? { [`${key === 'text' ? '' : 'caption_'}entities`]: checked.entities }
            : {}),
        }
      : {}
  const markupField = (payload: Record<string, unknown>): Record<string, unknown> => {
    checkReplyMarkup(payload.reply_markup)
    const markup = payload.reply_markup
    return markup && typeof markup === 'object' && 'inline_keyboard' in markup ? { reply_markup: markup } : {}
  }
  /** What Telegram answers to an edit: true for an inline message, else the edited message. */
  const editedMessage = (payload: Record<string, unknown>, fields: Record<string, unknown>) => {
    const markup = markupField(payload)
    if (payload.inline_message_id !== undefined) return true
    const chatId = knownMessage(payload, 'edit')
    return {
      message_id: Number(payload.message_id),
      date: now(),
      edit_date: now(),
      chat: chatFor(chatId),
      from: botInfo,
      ...fields,
      ...markup,
    }
  }
  const sendMedia = (kind: string) => (payload: Record<string, unknown>) => {
    const chatId = chatIdOf(payload)
    const caption = checkText(payload.caption, payload.parse_mode, 'caption', validate)
    const markup = { ...markupField(payload), ...checkTopic(chatId, payload) }
    const media =
      kind === 'photo'
        ? [{ file_id: `photo-${callbackCounter++}`, file_unique_id: 'p', width: 800, height: 600 }]
        : { file_id: `${kind}-${callbackCounter++}`, file_unique_id: 'f' }
    return sentMessage(chatId, { [kind]: media, ...textFields(caption, 'caption'), ...markup })
  }

  const builtIn: Record<string, (payload: Record<string, unknown>) => unknown> = {
    getme: () => botInfo,
    logout: () => true,
    close: () => true,
    setwebhook: (p) => {
      webhookUrl = asString(p.url) ?? ''
      if (p.drop_pending_updates === true || p.drop_pending_updates === 'true') updates = []
      return true
    },
    deletewebhook: (p) => {
      webhookUrl = ''
      if (p.drop_pending_updates === true || p.drop_pending_updates === 'true') updates = []
      return true
    },
    getwebhookinfo: () => ({
      url: webhookUrl,
      has_custom_certificate: false,
      pending_update_count: updates.length,
    }),
    sendmessage: (p) => {
      const chatId = chatIdOf(p)
      const checked = checkText(p.text, p.parse_mode, 'text', validate)
      const topic = checkTopic(chatId, p)
      return sentMessage(chatId, { ...textFields(checked, 'text'), ...markupField(p), ...topic })
    },
    sendphoto: sendMedia('photo'),
    senddocument: sendMedia('document'),
    sendvideo: sendMedia('video'),
    sendanimation: sendMedia('animation'),
    sendaudio: sendMedia('audio'),
    sendvoice: sendMedia('voice'),
    sendmediagroup: (p) => {
      const chatId = chatIdOf(p)
      const media = Array.isArray(p.media) ? (p.media as Array<Record<string, unknown>>) : []
      if (media.length < 2 || media.length > 10)
        throw fail(400, 'Bad Request: wrong number of media specified')
      return media.map((item) => {
        const caption = checkText(item.caption, item.parse_mode, 'caption', validate)
        return sentMessage(chatId, { [String(item.type ?? 'photo')]: {}, ...textFields(caption, 'caption') })
      })
    },
    editmessagetext: (p) => {
      const checked = checkText(p.text, p.parse_mode, 'text', validate)
      return editedMessage(p, textFields(checked, 'text'))
    },
    editmessagecaption: (p) => {
      const caption = checkText(p.caption, p.parse_mode, 'caption', validate)
      return editedMessage(p, textFields(caption, 'caption'))
    },
    editmessagereplymarkup: (p) => editedMessage(p, {}),
    deletemessage: (p) => {
      knownMessage(p, 'delete')
      return true
    },
    deletemessages: () => true,
    forwardmessage: (p) => sentMessage(chatIdOf(p), { text: 'forwarded' }),
    copymessage: (p) => ({ message_id: nextMessageId(chatIdOf(p)) }),
    sendchataction: () => true,
    answercallbackquery: () => true,
    answerinlinequery: () => true,
    setmycommands: (p) => {
      commands = p.commands ?? []
      return true
    },
    deletemycommands: () => {
      commands = []
      return true
    },
    getmycommands: () => commands,
    getchat: (p) => ({ ...chatFor(chatIdOf(p)), accent_color_id: 0, max_reaction_count: 11 }),
    getchatmember: (p) => {
      chatIdOf(p)
      const userId = Number(p.user_id)
      const user =
        userId === botInfo.id ? botInfo : { id: userId, is_bot: false, first_name: `User ${userId}` }
      return { status: 'member', user }
    },
    getchatadministrators: () => [],
    getchatmembercount: () => 2,
    leavechat: () => true,
  }

  const dispatch = (
    method: string,
    payload: Record<string, unknown>,
    call: RecordedCall,
    res: ServerResponse,
  ): void => {
    try {
      const injected = injectedFailure(method, payload)
      if (injected) {
        send(res, injected.error_code, { ok: false, ...injected })
        return
      }
      const custom = handlers.get(method.toLowerCase())
      if (custom) {
        send(res, 200, { ok: true, result: custom(payload, call) })
        return
      }
      if (method.toLowerCase() === 'getupdates') {
        getUpdates(payload, res)
        return
      }
      const handler = builtIn[method.toLowerCase()]
      send(res, 200, { ok: true, result: handler ? handler(payload) : true })
    } catch (error) {
      if (error instanceof FakeApiError) send(res, error.shape.error_code, { ok: false, ...error.shape })
      else
        send(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(error)}` })
    }
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/'
    const match = /^\/bot([^/]+)\/([A-Za-z0-9_]+)(?:\?(.*))?$/.exec(url)
    if (!match) {
      send(res, 404, { ok: false, error_code: 404, description: 'Not Found' })
      req.resume()
      return
    }
    const token = decodeURIComponent(match[1] as string)
    const method = match[2] as string
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      let payload: Record<string, unknown>
      try {
        const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)
        payload = {
          ...(match[3] ? fromSearchParams(new URLSearchParams(match[3])) : {}),
          ...parseBody(req.headers['content-type'] ?? '', body),
        }
      } catch {
        // Dropped: the parse error: Telegram answers a body it cannot read with this 400.
        send(res, 400, { ok: false, error_code: 400, description: "Bad Request: can't parse request body" })
        return
      }
      tokens.add(token)
      const call: RecordedCall = { method, payload, at: Date.now(), token }
      recordCall(call)
      const dropping = drops.get(method) ?? 0
      if (dropping > 0) {
        drops.set(method, dropping - 1)
        req.socket.destroy()
        return
      }
      const hold = holds.find((h) => h.predicate(method, payload))
      if (hold) {
        hold.held.push(() => dispatch(method, payload, call, res))
        return
      }
      if (latencyMs <= 0) {
        dispatch(method, payload, call, res)
        return
      }
      const timer = setTimeout(() => {
        timers.delete(timer)
        dispatch(method, payload, call, res)
      }, latencyMs)
      timers.add(timer)
    })
  }

  const server = createServer({ keepAlive: true }, onRequest)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address

  const buildChat = (chatId: number, chatType: MessageUpdateOptions['chatType'], from: User): Chat => {
    const type = chatType ?? (chatId > 0 ? 'private' : chatId <= -1000000000000 ? 'supergroup' : 'group')
    if (type === 'private') {
      return {
        id: chatId,
        type,
        first_name: from.first_name,
        ...(from.username ? { username: from.username } : {}),
      }
    }
    return { id: chatId, type, title: `Test ${type} ${chatId}` }
  }
  const buildUser = (id: number, overrides?: Partial<User>): User => ({
    id,
    is_bot: false,
    first_name: 'Test',
    username: `user${Math.abs(id)}`,
    language_code: 'en',
    ...overrides,
  })

  const fake: FakeBotApi = {
    apiRoot: `http://${host}:${address.port}`,
    botInfo,
    tokens,
    calls,
    counts,
    callsOf: (method) => [...(byMethod.get(method) ?? [])],
    lastPayload: (method) => byMethod.get(method)?.at(-1)?.payload,
    waitForCalls(method, count, timeoutMs = 2000) {
      if ((counts[method] ?? 0) >= count) return Promise.resolve(fake.callsOf(method))
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          count,
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.get(method)?.delete(waiter)
            const seen = Object.entries(counts)
              .map(([m, n]) => `${m}×${n}`)
              .join(', ')
            const last = byMethod.get(method)?.at(-1)
            reject(
              new Error(
                `waitForCalls: expected ${count} call(s) of ${method} within ${timeoutMs} ms, got ${counts[method] ?? 0}. ` +
                  `Calls seen: ${seen || 'none'}.` +
                  (last ? ` Last ${method} payload: ${JSON.stringify(last.payload).slice(0, 300)}` : ''),
              ),
            )
          }, timeoutMs),
        }
        const set = waiters.get(method) ?? new Set<Waiter>()
        waiters.set(method, set)
        set.add(waiter)
      })
    },
    pushUpdate(update) {
      const id = update.update_id ?? lastUpdateId + 1
      lastUpdateId = Math.max(lastUpdateId, id)
      const full = { ...update, update_id: id } as Update
      updates.push(full)
      if (pendingPoll) {
        const batch = selectUpdates(pendingPoll.limit)
        if (batch.length > 0) answerPoll(pendingPoll, batch)
      }
      return full
    },
    message(chatId, text, opts = {}) {
      const from = buildUser(opts.chatType && opts.chatType !== 'private' ? 1001 : chatId, opts.from)
      const command = /^\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?/.exec(text)
      const entities =
        opts.entities ?? (command ? [{ type: 'bot_command', offset: 0, length: command[0].length }] : [])
      const chat = buildChat(chatId, opts.chatType, from)
      const topic = opts.threadId ? { message_thread_id: opts.threadId, is_topic_message: true } : {}
      const message = {
        message_id: opts.messageId ?? nextMessageId(chatId),
        date: now(),
        chat: opts.threadId ? { ...chat, is_forum: true } : chat,
        from,
        text,
        ...topic,
        ...(entities.length ? { entities } : {}),
      }
      return { message } as unknown as Update
    },
    callbackQuery(chatId, data, opts = {}) {
      const from = buildUser(chatId > 0 ? chatId : 1001, opts.from)
      const messageId = opts.messageId ?? lastMessageId.get(String(chatId)) ?? 1
      const message = {
        message_id: messageId,
        date: now(),
        chat: buildChat(chatId, undefined, from),
        from: botInfo,
        text: 'message with buttons',
      }
      const id = `${Date.now()}${++callbackCounter}`
      return {
        callback_query: { id, from, chat_instance: String(chatId), data, message },
      } as unknown as Update
    },
    inlineQuery(fromId, query, opts = {}) {
      const id = `${Date.now()}${++callbackCounter}`
      return {
        inline_query: {
          id,
          from: buildUser(fromId, opts.from),
          query,
          offset: opts.offset ?? '',
          chat_type: 'sender',
        },
      } as unknown as Update
    },
    pendingUpdates: () => updates.length,
    pollWaiting: () => pendingPoll !== undefined,
    failNext(method, count, error) {
      const queue = failures.get(method) ?? []
      failures.set(method, queue)
      if (count > 0) queue.push({ remaining: count, error })
    },
    failWhen(predicate) {
      predicates.push(predicate)
      return () => {
        predicates = predicates.filter((p) => p !== predicate)
      }
    },
    holdWhen(predicate) {
      const hold = { predicate, held: [] as Array<() => void> }
      holds.push(hold)
      return () => {
        holds = holds.filter((h) => h !== hold)
        for (const answer of hold.held.splice(0)) answer()
      }
    },
    dropNext(method, count) {
      drops.set(method, (drops.get(method) ?? 0) + count)
    },
    setTopic(chatId, threadId, state) {
      if (state === 'open') topics.delete(`${chatId}:${threadId}`)
      else topics.set(`${chatId}:${threadId}`, state)
    },
    setHandler(method, handler) {
      if (handler) handlers.set(method.toLowerCase(), handler)
      else handlers.delete(method.toLowerCase())
    },
    setAdmins(...ids) {
      handlers.set('getchatmember', (payload) => {
        const id = Number(payload.user_id)
        const user = { id, is_bot: id === botInfo.id, first_name: `User ${id}` }
        return ids.includes(id)
          ? { status: 'administrator', user, can_post_messages: true }
          : { status: 'member', user }
      })
    },
    async close() {
      if (closed) return
      closed = true
      if (pendingPoll) answerPoll(pendingPoll, [])
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      for (const set of waiters.values()) {
        for (const waiter of set) {
          clearTimeout(waiter.timer)
          waiter.reject(new Error('waitForCalls: the fake Bot API was closed'))
        }
      }
      waiters.clear()
      const done = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      await done
    },
  }
  return fake
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return
  const json = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) })
  res.end(json)
}
