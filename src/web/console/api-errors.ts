import type { FastifyReply } from 'fastify'
import type { ZodError } from 'zod'
import { type Locale, translate } from '../../i18n/index.ts'

/** A refusal in the admin's language: `{ error }`, the only shape the console's script reads for failures. */
export function sendError(
  reply: FastifyReply,
  status: number,
  locale: Locale,
  key: string,
  vars?: Record<string, string>,
) {
  return reply.code(status).send({ error: translate(locale, key, vars) })
}

/** A request that failed its zod schema: which field, in the admin's language. */
export function sendInvalid(reply: FastifyReply, locale: Locale, error: ZodError) {
  const field = error.issues[0]?.path.join('.') || '-'
  return sendError(reply, 400, locale, 'console-invalid-field', { field })
}
