import { describe, expect, it } from 'vitest'
import { NORTHVALE_LATE_RELEASE, NORTHVALE_RELEASES, rssDocument } from '../support/northvale.ts'
import { useAppHarness } from '../support/test-app.ts'

const USER = 5002
const PUBLIC_URL = 'https://press.northvale.example'

describe('the web archive in the composed app', () => {
  const h = useAppHarness()

  it('serves the pushed release’s page on PORT, and the push links to it with "Open in archive"', async () => {
    const running = await h.start({ PUBLIC_URL })
    await running.poller.pollDue() // joins the start-up poll: the feed's releases, as backfill
    h.api.pushUpdate(h.api.message(USER, '/start'))
    await h.api.waitForCalls('sendMessage', 1, 5000)

    h.feeds.route('/rss', {
      body: rssDocument([...NORTHVALE_RELEASES, NORTHVALE_LATE_RELEASE]),
      headers: { 'content-type': 'application/rss+xml' },
    })
    await running.poller.pollDue()
    const push = (await h.api.waitForCalls('sendMessage', 2, 10_000))[1]!
    const [row] = (
      push.payload.reply_markup as { inline_keyboard: Array<Array<{ text: string; url: string }>> }
    ).inline_keyboard
    expect(row!.map((button) => button.text)).toEqual(['Read the full release', '🌐 Open in archive', '⋯'])
    const archived = new URL(row![1]!.url)
    expect(archived.origin).toBe(PUBLIC_URL)
    expect(archived.pathname).toMatch(/^\/releases\/\d+$/)

    // The same path on the service itself (PUBLIC_URL is the proxy in front of it) is the release's page.
    const page = await fetch(`http://127.0.0.1:${running.http!.port}${archived.pathname}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain(`<h1>${NORTHVALE_LATE_RELEASE.title}</h1>`)
    expect(html).toContain(`<link rel="canonical" href="${archived.href}">`)
  })

  it('with WEB_ARCHIVE=false: no pages and no archive button, the feeds stay', async () => {
    const running = await h.start({ PUBLIC_URL, WEB_ARCHIVE: 'false' })
    await running.poller.pollDue()
    h.api.pushUpdate(h.api.message(USER, '/start'))
    await h.api.waitForCalls('sendMessage', 1, 5000)
    h.feeds.route('/rss', {
      body: rssDocument([...NORTHVALE_RELEASES, NORTHVALE_LATE_RELEASE]),
      headers: { 'content-type': 'application/rss+xml' },
    })
    await running.poller.pollDue()
    const push = (await h.api.waitForCalls('sendMessage', 2, 10_000))[1]!
    expect(JSON.stringify(push.payload.reply_markup)).not.toContain('archive')
    const base = `http://127.0.0.1:${running.http!.port}`
    expect((await fetch(`${base}/`)).status).toBe(404)
    expect((await fetch(`${base}/feeds/all.atom`)).status).toBe(200)
  })
})
