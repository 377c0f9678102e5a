import type { FastifyReply } from 'fastify'

/**
 * No script may run on an archive page: there is none of ours, and feed text that slipped past escaping would find
 * no inline or foreign script allowed. Styles come only from our stylesheet; images from anywhere (publishers host
 * their own); forms post only here; nobody may frame the pages.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self' https: http: data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** The headers every archive page carries. */
export function setSecurityHeaders(reply: FastifyReply): void {
  reply.header('content-security-policy', CONTENT_SECURITY_POLICY)
  reply.header('x-content-type-options', 'nosniff')
  reply.header('referrer-policy', 'strict-origin-when-cross-origin')
}

/** Pages change at most once per poll: a minute in any cache, kept apart per chrome language. */
export function setPageCaching(reply: FastifyReply, personal: boolean): void {
  // A page that sets the language cookie (`personal`) answers one reader's choice: no shared cache may keep it.
  reply.header('cache-control', personal ? 'private, max-age=0' : 'public, max-age=60')
  reply.header('vary', 'Accept-Language, Cookie')
}
