import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { releaseInput, storeReleases } from '../support/releases.ts'
import { shown } from '../support/sent-messages.ts'
import { ADMIN_ID, createSubscriptionHarness, GROUP_ADMIN } from '../support/test-app.ts'

let h: Awaited<ReturnType<typeof createSubscriptionHarness>>
beforeEach(async () => {
  h = await createSubscriptionHarness()
})
afterEach(async () => {
  await h.close()
})

const FORUM = -1009876543210
const inTopic = (threadId?: number) => ({
  chatType: 'supergroup' as const,
  ...(threadId ? { threadId } : {}),
})

/** Pushes sent (or tried) to the forum: [thread id or 0, text without tags]; replies to commands left out. */
function forumPushes(from = 0): Array<[number, string]> {
  return h.api
    .callsOf('sendMessage')
    .slice(from)
    .filter((c) => Number(c.payload.chat_id) === FORUM && String(c.payload.text).includes('Northvale'))
    .map((c) => [Number(c.payload.message_thread_id ?? 0), String(c.payload.text).replace(/<[^>]+>/g, '')])
}

describe('forum topics', () => {
  it('each topic holds its own subscription; a closed topic pauses alone while the others receive', async () => {
    h.admins(GROUP_ADMIN)
    // Topic 5 takes everything; topic 7 only its alert; the General topic (no thread id) subscribes the whole chat.
    expect(shown((await h.say(FORUM, '/start', inTopic(5))).last)).toContain('will arrive in this topic')
    expect((await h.say(FORUM, '/start', inTopic(5))).last?.message_thread_id).toBe(5)
    await h.say(FORUM, '/start', inTopic(7))
    await h.say(FORUM, '/alert lighthouse', inTopic(7))
    h.store.chats.setMode(FORUM, 'topics', 7)
    await h.say(FORUM, '/start', inTopic())
    h.store.chats.setLanguages(FORUM, ['ru'], 0) // the General topic wants Russian only

    const start = h.api.callsOf('sendMessage').length
    storeReleases(h.store, [
      releaseInput({ title: 'Lighthouse restored at Kessby' }),
      releaseInput({ title: 'Budget approved' }),
    ])
    await h.sender.drain()
    const pushes = forumPushes(start)
    expect(pushes.filter(([t]) => t === 5).map(([, text]) => text.split('\n')[0])).toEqual([
      'Lighthouse restored at Kessby',
      'Budget approved',
    ])
    expect(pushes.filter(([t]) => t === 7).map(([, text]) => text.split('\n').slice(0, 2))).toEqual([
      ['🔔 Alert: lighthouse', 'Lighthouse restored at Kessby'],
    ])
    // Never thread id 1 (General) nor 0 on the wire: the General subscription had nothing in Russian.
    expect(h.api.callsOf('sendMessage').some((c) => c.payload.message_thread_id === 1)).toBe(false)
    expect(pushes.filter(([t]) => t === 0)).toEqual([])

    h.api.setTopic(FORUM, 5, 'closed')
    const second = h.api.callsOf('sendMessage').length
    storeReleases(h.store, [
      releaseInput({ title: 'Lighthouse keeper hired' }),
      releaseInput({ title: 'Ferry fares frozen' }),
    ])
    await h.sender.drain()
    expect(h.store.chats.subscription(FORUM, 5)).toMatchObject({
      status: 'paused',
      pausedReason: 'Bad Request: TOPIC_CLOSED',
    })
    expect(h.store.chats.subscription(FORUM, 7)?.status).toBe('active')
    expect(h.store.chats.get(FORUM)?.status).toBe('active')
    // Topic 5 was tried once (refused), and its second release was not even tried: the pause skipped it. (Pushes
    // through an alert are queued first, so the topics are compared in thread order.)
    const tried = forumPushes(second).map(([t, text]) => [t, text.split('\n')[0]] as const)
    expect(tried.sort((a, b) => a[0] - b[0])).toEqual([
      [5, 'Lighthouse keeper hired'],
      [7, '🔔 Alert: lighthouse'],
    ])
    expect(h.store.deliveries.stats().queued).toBe(0)

    // /stats says why; so do the topic's settings once it is reopened (a closed topic takes no messages).
    h.api.setTopic(FORUM, 5, 'open')
    expect(shown((await h.say(FORUM, '/settings', inTopic(5))).last)).toContain(
      'Pushes to this topic are paused: Telegram said “Bad Request: TOPIC_CLOSED”',
    )
    const stats = shown((await h.say(ADMIN_ID, '/stats')).last)
    expect(stats).toContain('1 paused forum topic')
    expect(stats).toContain('topic 5: Bad Request: TOPIC_CLOSED')

    // /start again: it receives again.
    await h.say(FORUM, '/start', inTopic(5))
    const third = h.api.callsOf('sendMessage').length
    storeReleases(h.store, [releaseInput({ title: 'Harbour reopened' })])
    await h.sender.drain()
    expect(forumPushes(third).map(([t]) => t)).toEqual([5])
  })

  it('a deleted topic ("message thread not found") pauses too, and /stop in a topic stops only it', async () => {
    h.admins(GROUP_ADMIN)
    await h.say(FORUM, '/start', inTopic(5))
    await h.say(FORUM, '/start', inTopic(9))
    await h.say(FORUM, '/stop', inTopic(9))
    expect(h.store.chats.subscription(FORUM, 9)?.status).toBe('stopped')
    h.api.setTopic(FORUM, 5, 'deleted')
    storeReleases(h.store, [releaseInput({ title: 'Pier extended' })])
    await h.sender.drain()
    expect(h.store.chats.subscription(FORUM, 5)).toMatchObject({
      status: 'paused',
      pausedReason: 'Bad Request: message thread not found',
    })
    // One attempt into the deleted topic, none into the stopped one.
    expect(forumPushes().map(([t]) => t)).toEqual([5])
  })
})
