import type { FastifyReply, FastifyRequest } from 'fastify'
import { DEFAULT_LOCALE, type Locale, toLocale, translate } from '../../i18n/index.ts'
import { fromAcceptLanguage } from '../archive/locale.ts'
import type { ConsoleDeps } from './deps.ts'
import { checkInitData } from './init-data.ts'

/** An admin's console session: who, and the language their texts are in. */
export type ConsoleSession = { userId: number; locale: Locale }

const sessions = new WeakMap<FastifyRequest, ConsoleSession>()

/** The session the auth hook found for a request; the API routes run only behind that hook. */
export function sessionOf(request: FastifyRequest): ConsoleSession {
  const session = sessions.get(request)
  if (!session) throw new Error('console route reached without a session')
  return session
}

/** initData travels as `Authorization: tma <initData>` (the scheme Telegram's Mini App docs use). */
function initDataOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  if (!header?.startsWith('tma ')) return undefined
  return header.slice(4).trim()
}

const REFUSALS = {
  missing: 'console-refused-missing',
  forged: 'console-refused-forged',
  stale: 'console-refused-stale',
  'not-admin': 'console-refused-not-admin',
} as const

/**
 * The console API's gate (an onRequest hook): no answer but a refusal without initData Telegram signed for an
 * admin, within CONSOLE_SESSION_SECONDS. The admin's texts follow their chat's language (/settings), else
 * Telegram's language for them; a refusal, whose sender is unknown, follows Accept-Language.
 */
export function consoleGate(deps: ConsoleDeps) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const check = checkInitData(initDataOf(request), {
      botToken: deps.botToken,
      adminIds: deps.adminIds,
      sessionSeconds: deps.sessionSeconds,
      now: deps.now,
    })
    if (!check.ok) {
      const locale = fromAcceptLanguage(request.headers['accept-language']) ?? DEFAULT_LOCALE
      return reply
        .code(check.status)
        .header('cache-control', 'no-store')
        .send({ error: translate(locale, REFUSALS[check.reason]) })
    }
    const { userId, languageCode } = check.admin
    const locale = toLocale(deps.store.chats.localeOf(userId)) ?? toLocale(languageCode) ?? DEFAULT_LOCALE
    sessions.set(request, { userId, locale })
  }
}
