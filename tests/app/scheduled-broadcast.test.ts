import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkBroadcast } from '../../src/delivery/broadcast-rules.ts'
import { ADMIN_ID, useAppHarness } from '../support/test-app.ts'
import { openTestStore } from '../support/test-store.ts'

const READERS = [301, 302, 303]

describe('a scheduled broadcast across restarts', () => {
  const h = useAppHarness()

  it('is sent once when the service was down at its time: at the next start, with a note to the admin', async () => {
    const app = await h.start()
    for (const id of READERS) app.store.chats.subscribe({ id, type: 'private', title: null })
    const checked = checkBroadcast(
      { topics: app.store.topics, feeds: app.store.feeds, broadcasts: app.store.broadcasts, now: Date.now() },
      {
        editions: [{ language: 'en', html: 'Press conference at 10:00' }],
        at: { time: '2099-06-01 09:00', timeZone: 'Asia/Baku' },
      },
    )
    if (!checked.ok) throw new Error(checked.problem.kind)
    const { id } = app.store.broadcasts.createPreview({ adminChatId: ADMIN_ID, ...checked.draft })
    expect(app.store.broadcasts.confirmSchedule(id, null)).toBe(true)
    await app.stop()
    h.app = undefined

    // While the service is down, its time comes and goes (the row's time moved back, as the clock would have).
    const offline = openTestStore(join(h.dir, 'pressbot.db'))
    offline.db.$client
      .prepare('UPDATE broadcasts SET scheduled_at = ? WHERE id = ?')
      .run(Date.now() - 600_000, id)
    offline.close()

    const again = await h.start()
    const readerCalls = () =>
      h.api.callsOf('sendMessage').filter((c) => READERS.includes(Number(c.payload.chat_id)))
    await h.api.waitForCalls('sendMessage', 4, 5_000)
    await again.sender.drain()
    // Once to each reader (the sender works on several chats at once: in any order).
    const received = readerCalls().map((c) => [Number(c.payload.chat_id), c.payload.text])
    expect(received.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual(
      READERS.map((chat) => [chat, 'Press conference at 10:00']),
    )
    const note = h.api.callsOf('sendMessage').find((c) => Number(c.payload.chat_id) === ADMIN_ID)
    expect(String(note?.payload.text)).toMatch(
      /^⏰ Broadcast #1 was due at \d{4}-\d\d-\d\d \d\d:\d\d \(Asia\/Baku\), while the bot was not running\. It is going out now, to 3 chats\.$/,
    )
    expect(again.store.broadcasts.get(id)).toMatchObject({ late: true })
    await again.stop()
    h.app = undefined

    // Started once: a third run finds nothing due and sends nothing more.
    const third = await h.start()
    expect(await third.broadcastScheduler.tick()).toBe(0)
    await third.sender.drain()
    expect(readerCalls()).toHaveLength(3)
  })
})
