import type { FastifyReply, FastifyRequest } from 'fastify'
import { translate } from '../../../i18n/index.ts'
import type { PageBase } from '../page.ts'
import { sendPage } from '../send-page.ts'

/** A page saying why there is no page: the status, a heading and a line, in the chrome's language. */
export function problemPage(
  request: FastifyRequest,
  reply: FastifyReply,
  base: PageBase,
  problem: { status: number; heading: string; message: string },
): FastifyReply {
  return sendPage(
    request,
    reply,
    'problem',
    { ...base, title: problem.heading, heading: problem.heading, message: problem.message, noindex: true },
    problem.status,
  )
}

export function notFoundPage(request: FastifyRequest, reply: FastifyReply, base: PageBase): FastifyReply {
  return problemPage(request, reply, base, {
    status: 404,
    heading: translate(base.locale, 'web-not-found-title'),
    message: translate(base.locale, 'web-not-found'),
  })
}
