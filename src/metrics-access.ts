import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/** Whether a scrape of /metrics may have the figures, and if not, the HTTP answer. */
export type MetricsAccess = { ok: true } | { ok: false; status: 401 | 403; message: string }

/** 127.0.0.0/8, ::1 and their IPv4-mapped IPv6 forms: the connection came from this machine. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false
  const v4 = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || address === '::1'
}

// Hashing both sides first gives equal lengths, so the comparison leaks neither the token nor its length.
const digest = (value: string) => createHash('sha256').update(value).digest()

/**
 * With METRICS_TOKEN set, a scrape must send `Authorization: Bearer <token>` (compared in constant time); without
 * it, only clients on this machine get the figures. The address is the socket's peer, not a forwarded header:
 * behind a reverse proxy on the same host every client looks local, so set a token there.
 */
export function checkMetricsAccess(req: IncomingMessage, token: string | undefined): MetricsAccess {
  if (token === undefined) {
    return isLoopbackAddress(req.socket.remoteAddress)
      ? { ok: true }
      : { ok: false, status: 403, message: 'metrics are served to this machine only; set METRICS_TOKEN\n' }
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')
  if (match && timingSafeEqual(digest(match[1]!), digest(token))) return { ok: true }
  return { ok: false, status: 401, message: 'a bearer token is required\n' }
}
