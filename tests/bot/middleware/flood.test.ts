import { afterEach, describe, expect, it, vi } from 'vitest'
import { WARNING_QUIET_MS } from '../../../src/bot/middleware/flood.ts'
import { translate } from '../../../src/i18n/index.ts'
import { type BotHarness, createBotHarness } from '../../support/test-app.ts'

let h: BotHarness | undefined
afterEach(() => h?.close())

describe('flood limit', () => {
  it('warns a flooding user once, drops the rest, and keeps answering others', async () => {
    h = await createBotHarness({ floodLimit: { limit: 5, timeFrameMs: 60_000 } })
    const flooder = 700
    for (let n = 0; n < 12; n++) await h.bot.handleUpdate(h.api.message(flooder, '/latest 1'))
    const toFlooder = h.api.callsOf('sendMessage').filter((c) => c.payload.chat_id === flooder)
    expect(toFlooder).toHaveLength(6) // five answers and one warning
    expect(toFlooder.filter((c) => c.payload.text === translate('en', 'flood-warning'))).toHaveLength(1)
    expect(toFlooder[5]?.payload.text).toBe(translate('en', 'flood-warning'))

    const other = await h.say(701, '/help')
    expect(other.last?.text).toContain('Commands')
  })

  it('counts again after the time frame', async () => {
    // The limiter resets its counters on a setInterval: fake only that, so the window is ours to end.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    try {
      h = await createBotHarness({ floodLimit: { limit: 2, timeFrameMs: 2_000 } })
      for (let n = 0; n < 4; n++) await h.bot.handleUpdate(h.api.message(702, '/help'))
      expect(h.api.callsOf('sendMessage')).toHaveLength(3)
      vi.advanceTimersByTime(2_000)
      await h.say(702, '/help')
      expect(h.api.callsOf('sendMessage')).toHaveLength(4)
    } finally {
      vi.useRealTimers()
    }
  })

  it('stays silent through a flood that outlasts many windows, and warns again only after a quiet minute', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    try {
      h = await createBotHarness({ floodLimit: { limit: 2, timeFrameMs: 2_000 } })
      const warnings = () =>
        h!.api.callsOf('sendMessage').filter((c) => c.payload.text === translate('en', 'flood-warning'))
          .length
      // Ten windows of four updates each: two answered per window, one warning in all.
      for (let window = 0; window < 10; window++) {
        for (let n = 0; n < 4; n++) await h.bot.handleUpdate(h.api.message(704, '/help'))
        vi.advanceTimersByTime(2_000)
      }
      expect(warnings()).toBe(1)
      expect(h.api.callsOf('sendMessage')).toHaveLength(10 * 2 + 1)

      vi.advanceTimersByTime(WARNING_QUIET_MS)
      for (let n = 0; n < 4; n++) await h.bot.handleUpdate(h.api.message(704, '/help'))
      expect(warnings()).toBe(2)
    } finally {
      vi.useRealTimers()
    }
  })

  it('counts anonymous group admins per group, not as one user across all groups', async () => {
    h = await createBotHarness({ floodLimit: { limit: 2, timeFrameMs: 60_000 } })
    const anonymous = { id: 1087968824, is_bot: true, first_name: 'Group' }
    for (const group of [-1001, -1002, -1003]) {
      const update = h.api.message(group, '/help', { chatType: 'supergroup' })
      await h.bot.handleUpdate({ ...update, message: { ...update.message!, from: anonymous } })
    }
    // Three groups, one message each: nobody is over the limit.
    expect(h.api.callsOf('sendMessage').map((c) => c.payload.text)).not.toContain(
      translate('en', 'flood-warning'),
    )
    expect(h.api.callsOf('sendMessage')).toHaveLength(3)
  })

  it('answers flooded button taps with a short callback notice', async () => {
    h = await createBotHarness({ floodLimit: { limit: 1, timeFrameMs: 60_000 } })
    await h.bot.handleUpdate(h.api.message(703, '/help'))
    const tap = await h.tap(703, 'tt:1')
    expect(tap.answer?.text).toBe(translate('en', 'flood-warning-short'))
  })
})
