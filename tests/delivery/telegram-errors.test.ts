import { GrammyError, HttpError } from 'grammy'
import { describe, expect, it } from 'vitest'
import { classifyTelegramError } from '../../src/delivery/telegram-errors.ts'

describe('Telegram error classification', () => {
  const grammy = (error_code: number, description: string, parameters = {}) =>
    new GrammyError('Call failed', { ok: false, error_code, description, parameters }, 'sendMessage', {})

  it.each([
    [
      grammy(429, 'Too Many Requests: retry after 7', { retry_after: 7 }),
      { kind: 'rate-limited', retryAfterMs: 7000 },
    ],
    [grammy(403, 'Forbidden: bot was blocked by the user'), { kind: 'blocked' }],
    [grammy(400, 'Bad Request: chat not found'), { kind: 'blocked' }],
    [
      grammy(400, 'Bad Request: group chat was upgraded', { migrate_to_chat_id: -100123 }),
      { kind: 'migrated', newChatId: -100123 },
    ],
    [grammy(400, 'Bad Request: not enough rights to send text messages to the chat'), { kind: 'blocked' }],
    [grammy(400, 'Bad Request: CHAT_WRITE_FORBIDDEN'), { kind: 'blocked' }],
    [grammy(400, 'Bad Request: need administrator rights in the channel chat'), { kind: 'blocked' }],
    [grammy(400, 'Bad Request: bot is not a member of the channel chat'), { kind: 'blocked' }],
    [grammy(400, 'Bad Request: group chat was upgraded to a supergroup chat'), { kind: 'blocked' }],
    [grammy(400, 'Bad Request: PEER_ID_INVALID'), { kind: 'blocked' }],
    [grammy(400, 'Bad Request: not enough rights to send photos to the chat'), { kind: 'permanent' }],
    [grammy(400, 'Bad Request: BUTTON_URL_INVALID'), { kind: 'permanent' }],
    [grammy(502, 'Bad Gateway'), { kind: 'transient' }],
    [grammy(400, "Bad Request: can't parse entities"), { kind: 'permanent' }],
    [
      grammy(400, 'Bad Request: message is not modified: specified new message content'),
      { kind: 'not-modified' },
    ],
    [grammy(401, 'Unauthorized'), { kind: 'unauthorized' }],
    [
      new HttpError(
        "Network request for 'sendMessage' failed!",
        Object.assign(new Error('x'), { code: 'ECONNRESET' }),
      ),
      { kind: 'transient' },
    ],
    [new Error('boom'), { kind: 'permanent' }],
  ])('%#: classifies %s', (error, expected) => {
    expect(classifyTelegramError(error)).toMatchObject(expected)
  })
})
