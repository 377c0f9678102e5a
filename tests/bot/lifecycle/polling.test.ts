import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { type Polling, startPolling } from '../../../src/bot/lifecycle/polling.ts'
import { apiErrors } from '../../support/fake-bot-api.ts'
import { type BotHarness, createBotHarness, USER_ID } from '../../support/test-app.ts'

let h: BotHarness
let polling: Polling | undefined
afterEach(async () => {
  await polling?.stop(1_000)
  polling = undefined
  await h.close()
})

function pollingLogger() {
  const lines: string[] = []
  return { lines, logger: pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) }) }
}

describe('startPolling (@grammyjs/runner)', () => {
  it('removes a webhook first, retries a failing getUpdates with one warning, and answers', async () => {
    h = await createBotHarness()
    const log = pollingLogger()
    h.api.failNext('deleteWebhook', 1, apiErrors.serverError(502))
    h.api.failNext('getUpdates', 3, apiErrors.serverError(502))
    polling = startPolling(h.bot, { concurrency: 4, logger: log.logger, retryIntervalMs: 20 })
    h.api.pushUpdate(h.api.message(USER_ID, '/help'))
    await h.api.waitForCalls('sendMessage', 1, 10_000)
    expect(h.api.counts.deleteWebhook).toBe(2)
    expect(h.api.counts.getUpdates).toBeGreaterThanOrEqual(4)
    // An outage is worth a line a minute, not one per retry.
    const warnings = log.lines.filter((line) => line.includes('failed; retrying'))
    expect(warnings).toHaveLength(1)
  })

  it('ends with the error on 401, without retrying', async () => {
    h = await createBotHarness()
    const log = pollingLogger()
    h.api.failNext('getUpdates', 1, { error_code: 401, description: 'Unauthorized' })
    polling = startPolling(h.bot, { concurrency: 4, logger: log.logger, retryIntervalMs: 20 })
    await expect(polling.ended).rejects.toMatchObject({ error_code: 401 })
    expect(h.api.counts.getUpdates).toBe(1)
  })

  it('after a 409 stops without another getUpdates (it would cut off the other instance)', async () => {
    h = await createBotHarness()
    const log = pollingLogger()
    polling = startPolling(h.bot, { concurrency: 4, logger: log.logger })
    h.api.pushUpdate(h.api.message(USER_ID, '/help'))
    await h.api.waitForCalls('sendMessage', 1, 10_000)
    h.api.failNext('getUpdates', 1, {
      error_code: 409,
      description: 'Conflict: terminated by other getUpdates request',
    })
    h.api.pushUpdate(h.api.message(USER_ID, '/help'))
    await expect(polling.ended).rejects.toMatchObject({ error_code: 409 })
    const polls = h.api.counts.getUpdates
    await polling.stop(1_000)
    polling = undefined
    expect(h.api.counts.getUpdates).toBe(polls)
  })

  it('confirms the updates it took when stopped, so a restart does not get them again', async () => {
    h = await createBotHarness()
    const log = pollingLogger()
    // Hold the reply so the update is still being handled when polling stops.
    const release = h.api.holdWhen((method) => method === 'sendMessage')
    // One slot: while the update is handled the runner fetches nothing, so nothing has confirmed it yet.
    // The bot learns that Telegram confirmed the offset when the confirming getUpdates (timeout 0) returns.
    let confirmed: () => void = () => {}
    const confirmation = new Promise<void>((resolve) => {
      confirmed = resolve
    })
    h.bot.api.config.use(async (prev, method, payload, signal) => {
      const response = await prev(method, payload, signal)
      if (method === 'getUpdates' && (payload as { timeout?: number }).timeout === 0) confirmed()
      return response
    })
    polling = startPolling(h.bot, { concurrency: 1, logger: log.logger })
    h.api.pushUpdate(h.api.message(USER_ID, '/help'))
    await h.api.waitForCalls('sendMessage', 1, 10_000)
    expect(h.api.pendingUpdates()).toBe(1)
    const stopped = polling.stop(5_000)
    polling = undefined
    await confirmation
    expect(h.api.pendingUpdates()).toBe(0)
    // stop() waits for the update being handled: once the confirmation is in and every callback queued behind it
    // has run (setImmediate), a stop() that did not wait would have returned.
    let done = false
    void stopped.then(() => {
      done = true
    })
    await new Promise((resolve) => setImmediate(resolve))
    expect(done).toBe(false)
    release()
    await stopped
    expect(h.api.lastPayload('getUpdates')).toMatchObject({ timeout: 0, limit: 1 })
  })
})
