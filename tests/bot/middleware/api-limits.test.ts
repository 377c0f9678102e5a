import { afterEach, describe, expect, it } from 'vitest'
import { apiErrors } from '../../support/fake-bot-api.ts'
import { type BotHarness, createBotHarness, USER_ID } from '../../support/test-app.ts'

let h: BotHarness
afterEach(() => h.close())

describe('bounded reply retries on 429', () => {
  it('retries a reply after a short 429 (bounded auto-retry on replies)', async () => {
    h = await createBotHarness()
    h.api.failNext('sendMessage', 1, apiErrors.tooManyRequests(1))
    await h.say(USER_ID, '/help')
    // The user gets the reply itself, not the apology, sent again once retry_after had passed.
    const [refused, retried] = h.api.callsOf('sendMessage')
    expect(h.api.callsOf('sendMessage')).toHaveLength(2)
    expect(retried!.payload.text).toBe(refused!.payload.text)
    expect(retried!.payload.text).not.toBe('Sorry, something went wrong. Please try again later.')
    expect(retried!.at - refused!.at).toBeGreaterThanOrEqual(900)
  })

  it('gives up on a reply after a long retry_after instead of hanging', async () => {
    h = await createBotHarness()
    h.api.failNext('sendMessage', 1, apiErrors.tooManyRequests(3600))
    await h.say(USER_ID, '/help')
    // retry_after is past maxDelaySeconds: no waiting, the refused reply fails and the user gets the apology.
    const sent = h.api.callsOf('sendMessage').map((c) => c.payload.text)
    expect(sent).toHaveLength(2)
    expect(sent[1]).toBe('Sorry, something went wrong. Please try again later.')
    expect(h.logs.join('\n')).toContain('handler failed')
  })
})

describe('bounded reply retries on network errors and timeouts', () => {
  const APOLOGY = 'Sorry, something went wrong. Please try again later.'
  const texts = () => h.api.callsOf('sendMessage').map((c) => c.payload.text)

  it('sends the reply again after a dropped connection', async () => {
    h = await createBotHarness()
    h.api.dropNext('sendMessage', 1)
    await h.say(USER_ID, '/help')
    const sent = texts()
    expect(sent).toHaveLength(2)
    expect(sent[1]).toBe(sent[0])
    expect(sent[1]).not.toBe(APOLOGY)
  })

  it('gives up after 3 attempts when the network keeps failing, instead of retrying forever', async () => {
    h = await createBotHarness()
    h.api.dropNext('sendMessage', 100)
    await h.say(USER_ID, '/help')
    // 3 attempts at the reply, then 3 at the apology; the handler is done, nothing more is tried.
    expect(h.api.counts.sendMessage).toBe(6)
    expect(h.logs.join('\n')).toContain('handler failed')
  })

  it('does not repeat a reply that timed out (Telegram may have sent it), and the handler ends', async () => {
    h = await createBotHarness({ requestTimeoutSeconds: 1 })
    const release = h.api.holdWhen((method) => method === 'sendMessage')
    await h.say(USER_ID, '/help')
    release()
    // One attempt at the reply and one at the apology, each abandoned after the timeout.
    expect(texts()).toHaveLength(2)
    expect(texts()[1]).toBe(APOLOGY)
    expect(h.logs.join('\n')).toMatch(/Network request for 'sendMessage' failed/)
  })
})
