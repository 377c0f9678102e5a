import type { FastifyReply, FastifyRequest } from 'fastify'
import { setPageCaching, setSecurityHeaders } from './security-headers.ts'

/**
 * Renders `view` (src/web/archive/views/<view>.eta, escaping on) with `data` and sends it with the archive's
 * headers: the CSP, and caching for 200s (an error page is not kept).
 */
export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  view: string,
  data: object,
  status = 200,
): FastifyReply {
  setSecurityHeaders(reply)
  if (status === 200) setPageCaching(reply, typeof (request.query as { lang?: unknown })?.lang === 'string')
  else reply.header('cache-control', 'no-store')
  return reply.code(status).type('text/html; charset=utf-8').view(view, data)
}
