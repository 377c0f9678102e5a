import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { texts } from '../../src/bot/texts.ts'
import { createHarness, type Harness, USER_ID } from './harness.ts'

let h: Harness
beforeEach(async () => {
  h = await createHarness()
})
afterEach(() => h.close())

describe('/start and /stop', () => {
  it('subscribes once, says so on the second /start, and /stop is idempotent', async () => {
    const first = await h.say(USER_ID, '/start')
    expect(first.last?.text).toContain('Subscribed!')
    expect(first.last?.parse_mode).toBe('HTML')
    expect(h.store.chats.get(USER_ID)?.status).toBe('active')

    const second = await h.say(USER_ID, '/start')
    expect(second.last?.text).toBe(texts.alreadySubscribed)

    const stop = await h.say(USER_ID, '/stop')
    expect(stop.last?.text).toBe(texts.stopped)
    expect(h.store.chats.get(USER_ID)?.status).toBe('stopped')

    const again = await h.say(USER_ID, '/stop')
    expect(again.last?.text).toBe(texts.alreadyStopped)
    expect(h.store.chats.get(USER_ID)?.status).toBe('stopped')

    expect((await h.say(USER_ID, '/start')).last?.text).toContain('Subscribed!')
    expect(h.store.chats.get(USER_ID)?.status).toBe('active')
  })
})
