import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { checkMetricsAccess, isLoopbackAddress } from '../../src/metrics-access.ts'
import { NORTHVALE_RELEASES, rssDocument } from '../support/northvale.ts'
import { useAppHarness } from '../support/test-app.ts'

const METRICS_TOKEN = 'scrape-4f1c2b9e7d6a5c3b'

/** A request as the HTTP server sees it, from a peer address we cannot connect from in a test. */
const requestFrom = (remoteAddress: string, authorization?: string) =>
  ({
    socket: { remoteAddress },
    headers: authorization ? { authorization } : {},
  }) as unknown as IncomingMessage

describe('/metrics access', () => {
  const h = useAppHarness()

  it('without METRICS_TOKEN serves this machine, names feeds by id and name, never by URL', async () => {
    // The feed URL carries a key in its query string, as some press services require.
    h.feeds.route('/rss?key=s3cret-api-key', {
      body: rssDocument(NORTHVALE_RELEASES),
      headers: { 'content-type': 'application/rss+xml' },
    })
    const running = await h.start({ FEED_URLS: h.feeds.url('/rss?key=s3cret-api-key') })
    await expect
      .poll(() => running.store.releases.count(), { timeout: 20_000 })
      .toBe(NORTHVALE_RELEASES.length)
    running.store.feeds.configure(1, { name: 'Governor "press" office' })
    const res = await fetch(`http://127.0.0.1:${running.http!.port}/metrics`)
    expect(res.status).toBe(200)
    const body = await res.text()
    // The operator's name, quotes escaped as the exposition format wants.
    expect(body).toMatch(
      /^pressbot_feed_consecutive_errors\{feed_id="1",feed="Governor \\"press\\" office"\} 0$/m,
    )
    expect(body).not.toContain('s3cret')
    expect(body).not.toContain('127.0.0.1')
  })

  it('with METRICS_TOKEN wants the bearer token, and /healthz stays open', async () => {
    const running = await h.start({ METRICS_TOKEN })
    const base = `http://127.0.0.1:${running.http!.port}`
    const without = await fetch(`${base}/metrics`)
    expect(without.status).toBe(401)
    expect(without.headers.get('www-authenticate')).toBe('Bearer')
    const wrong = await fetch(`${base}/metrics`, {
      headers: { authorization: 'Bearer not-the-token-at-all' },
    })
    expect(wrong.status).toBe(401)
    expect(await wrong.text()).not.toContain('pressbot_')
    const right = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    expect(right.status).toBe(200)
    expect(await right.text()).toMatch(/^pressbot_queue_depth 0$/m)
    expect((await fetch(`${base}/healthz`)).status).toBe(200)
  })

  it('knows loopback peers in every form, and refuses the rest without a token', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1', '::FFFF:127.1.2.3'])
      expect(isLoopbackAddress(address), address).toBe(true)
    for (const address of [
      '10.0.0.1',
      '192.0.2.7',
      '::ffff:10.1.1.1',
      'fe80::1',
      '::',
      '128.0.0.1',
      undefined,
    ])
      expect(isLoopbackAddress(address), String(address)).toBe(false)
    expect(checkMetricsAccess(requestFrom('192.0.2.7'), undefined)).toMatchObject({ ok: false, status: 403 })
    expect(checkMetricsAccess(requestFrom('::1'), undefined)).toEqual({ ok: true })
    // With a token, the address no longer matters: a local client without it is refused, a remote one with it is not.
    expect(checkMetricsAccess(requestFrom('127.0.0.1'), METRICS_TOKEN)).toMatchObject({ status: 401 })
    expect(checkMetricsAccess(requestFrom('192.0.2.7', `Bearer ${METRICS_TOKEN}`), METRICS_TOKEN)).toEqual({
      ok: true,
    })
    expect(
      checkMetricsAccess(requestFrom('192.0.2.7', `Bearer ${METRICS_TOKEN}x`), METRICS_TOKEN),
    ).toMatchObject({ status: 401 })
  })
})
