import type { Update } from 'grammy/types'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { translate } from '../../../src/i18n/index.ts'
import { NIGHT_FERRY, seedLirania } from '../../support/lirania.ts'
import { type BotHarness, createBotHarness, GROUP_ADMIN, USER_ID } from '../../support/test-app.ts'

let h: BotHarness
beforeEach(async () => {
  h = await createBotHarness()
})
afterEach(() => h.close())

describe('/start and /stop', () => {
  it('subscribes once, says so on the second /start, and /stop is idempotent', async () => {
    const first = await h.say(USER_ID, '/start')
    expect(first.last?.text).toContain('Subscribed!')
    expect(first.last?.parse_mode).toBe('HTML')
    expect(h.store.chats.get(USER_ID)?.status).toBe('active')

    const second = await h.say(USER_ID, '/start')
    expect(second.last?.text).toBe(translate('en', 'start-already'))

    const stop = await h.say(USER_ID, '/stop')
    expect(stop.last?.text).toBe(translate('en', 'stop-done'))
    expect(h.store.chats.get(USER_ID)?.status).toBe('stopped')

    const again = await h.say(USER_ID, '/stop')
    expect(again.last?.text).toBe(translate('en', 'stop-already'))
    expect(h.store.chats.get(USER_ID)?.status).toBe('stopped')

    expect((await h.say(USER_ID, '/start')).last?.text).toContain('Subscribed!')
    expect(h.store.chats.get(USER_ID)?.status).toBe('active')
  })
})

describe('/stop', () => {
  it('stops what was queued for the chat from going out, and new releases skip it', async () => {
    const { feedId } = seedLirania(h.store)
    await h.say(USER_ID, '/start')
    await h.say(USER_ID + 1, '/start')
    const fresh = (guid: string) => ({ ...NIGHT_FERRY, guid, contentHash: guid })
    h.store.releases.storeFeedItems(feedId, [fresh('new-1')], { backfill: false, now: Date.now() })
    const queued = (chatId: number) =>
      h.store.db.$client
        .prepare<[number], { id: number }>(
          `SELECT id FROM deliveries WHERE chat_id = ? AND status = 'pending'`,
        )
        .all(chatId)
    expect(queued(USER_ID)).toHaveLength(1)

    await h.say(USER_ID, '/stop')
    h.store.releases.storeFeedItems(feedId, [fresh('new-2')], { backfill: false, now: Date.now() })
    expect(queued(USER_ID)).toHaveLength(1) // new-2 was not queued for it
    expect(queued(USER_ID + 1)).toHaveLength(2)
    // The row queued before /stop stays until the sender's turn, whose check before each send refuses it.
    const verdicts = h.store.deliveries
      .claimDue(Date.now(), 10)
      .map((row) => [row.chatId, h.store.deliveries.checkBeforeSend(row.id)] as const)
    expect(verdicts).toEqual([
      [USER_ID, { go: false, reason: 'chat unsubscribed' }],
      [USER_ID + 1, expect.objectContaining({ go: true })],
      [USER_ID + 1, expect.objectContaining({ go: true })],
    ])
  })
})

describe('chat changes', () => {
  beforeEach(() => seedLirania(h.store))

  it('follows a group upgraded to a supergroup, and stops a chat that removed the bot', async () => {
    await h.say(USER_ID, '/start')
    await h.bot.handleUpdate({
      update_id: 0,
      my_chat_member: {
        chat: { id: USER_ID, type: 'private', first_name: 'U' },
        from: { id: USER_ID, is_bot: false, first_name: 'U' },
        date: 0,
        old_chat_member: { status: 'member', user: { ...h.api.botInfo } },
        new_chat_member: { status: 'kicked', user: { ...h.api.botInfo }, until_date: 0 },
      },
    } as Update)
    expect(h.store.chats.get(USER_ID)?.status).toBe('blocked')

    h.api.setAdmins(GROUP_ADMIN)
    await h.say(-5000, '/start', { chatType: 'group', from: { id: GROUP_ADMIN } })
    const migrate = h.api.message(-5000, 'x', { chatType: 'group' }) as Update & {
      message: Record<string, unknown>
    }
    delete migrate.message.text
    migrate.message.migrate_to_chat_id = -100555
    await h.bot.handleUpdate(migrate)
    expect(h.store.chats.get(-5000)).toBeUndefined()
    expect(h.store.chats.get(-100555)?.status).toBe('active')
  })
})
