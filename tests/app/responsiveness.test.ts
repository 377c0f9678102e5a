import { describe, expect, it } from 'vitest'
import { manyReleases, rssDocument } from '../support/northvale.ts'
import { useAppHarness } from '../support/test-app.ts'

describe('the bot while a big feed is ingested', () => {
  const h = useAppHarness()

  it('answers /help before the ingest is over: the feed is processed off the bot’s event loop', {
    timeout: 180_000,
  }, async () => {
    const total = 2_000
    h.feeds.route('/rss', {
      body: rssDocument(manyReleases(total)),
      headers: { 'content-type': 'application/rss+xml' },
    })
    const running = await h.start({ FEED_MAX_BYTES: String(50_000_000) })
    let ingested = false
    const ingest = running.poller.pollDue().then((reports) => {
      ingested = true
      return reports
    })
    // The worker commits in batches: a first batch in the database means the ingest is under way.
    await expect
      .poll(() => running.store.releases.count(), { timeout: 60_000, interval: 5 })
      .toBeGreaterThan(0)
    const before = h.api.callsOf('sendMessage').length
    h.api.pushUpdate(h.api.message(6001, '/help'))
    const answer = (await h.api.waitForCalls('sendMessage', before + 1, 60_000))[before]!
    expect(String(answer.payload.text)).toMatch(/<b>Commands<\/b>/)
    expect(ingested).toBe(false)
    expect(running.store.releases.count()).toBeLessThan(total)

    const [report] = await ingest
    expect(report!.outcome).toMatchObject({ kind: 'stored', added: total, backfill: true })
  })
})
