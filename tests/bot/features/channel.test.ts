import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseChannelRef } from '../../../src/bot/features/channel.ts'
import { apiErrors, FakeApiError } from '../../support/fake-bot-api.ts'
import { seedLirania } from '../../support/lirania.ts'
import { shown } from '../../support/sent-messages.ts'
import { type BotHarness, createBotHarness, GROUP, USER_ID } from '../../support/test-app.ts'

let h: BotHarness
beforeEach(async () => {
  h = await createBotHarness()
  seedLirania(h.store)
})
afterEach(() => h.close())

describe('channels', () => {
  it('/subscribe_channel checks that the requester administers the channel and the bot can post', async () => {
    const channelId = -1001000000000 - 'lirania_news'.length
    h.api.setAdmins() // nobody
    expect(shown((await h.say(USER_ID, '/subscribe_channel @lirania_news')).last)).toBe(
      'Only an admin of lirania_news can do that.',
    )
    h.api.setAdmins(USER_ID)
    expect(shown((await h.say(USER_ID, '/subscribe_channel @lirania_news')).last)).toBe(
      'I’m not allowed to post in lirania_news. Make me an admin there with “Post messages”, then try again.',
    )
    h.api.setAdmins(USER_ID, h.api.botInfo.id)
    const ok = shown((await h.say(USER_ID, '/subscribe_channel https://t.me/lirania_news')).last)
    expect(ok).toMatch(/^✅ lirania_news is subscribed/)
    expect(h.store.chats.get(channelId)).toMatchObject({
      type: 'channel',
      status: 'active',
      title: 'lirania_news',
    })
    expect(shown((await h.say(USER_ID, '/subscribe_channel @lirania_news')).last)).toBe(
      'lirania_news is already subscribed.',
    )

    const off = shown((await h.say(USER_ID, '/unsubscribe_channel @lirania_news')).last)
    expect(off).toBe('lirania_news is unsubscribed: nothing more will be posted there.')
    expect(h.store.chats.get(channelId)?.status).toBe('stopped')
  })

  it('explains bad references, unknown channels, groups, and use outside private chats', async () => {
    expect(shown((await h.say(USER_ID, '/subscribe_channel')).last)).toContain(
      '/subscribe_channel @yourchannel',
    )
    expect(shown((await h.say(USER_ID, '/subscribe_channel lirania')).last)).toContain(
      '/subscribe_channel @yourchannel',
    )
    h.api.failNext('getChat', 1, apiErrors.chatNotFound())
    expect(shown((await h.say(USER_ID, '/subscribe_channel @nosuchchannel')).last)).toContain(
      'I can’t see that channel',
    )
    h.api.setHandler('getChat', () => ({ id: -1001234567, type: 'supergroup', title: 'A group' }))
    expect(shown((await h.say(USER_ID, '/subscribe_channel -1001234567')).last)).toContain(
      'That is not a channel',
    )
    h.api.setHandler('getChat', undefined)
    h.api.setHandler('getChatMember', () => {
      throw new FakeApiError({ error_code: 400, description: 'Bad Request: member list is inaccessible' })
    })
    expect(shown((await h.say(USER_ID, '/subscribe_channel @lirania_news')).last)).toContain(
      'I can’t check the channel’s admins',
    )
    expect(
      shown((await h.say(GROUP, '/subscribe_channel @lirania_news', { chatType: 'supergroup' })).last),
    ).toBe('Please send this command to me in a private chat.')
    expect(h.store.chats.countsByStatus().active).toBe(0)
  })
})

describe('parseChannelRef', () => {
  it('parseChannelRef', () => {
    expect(parseChannelRef('@lirania_news')).toBe('@lirania_news')
    expect(parseChannelRef('https://t.me/lirania_news')).toBe('@lirania_news')
    expect(parseChannelRef('-1001234567890')).toBe(-1001234567890)
    for (const bad of ['', 'lirania', '@ab', '-12345', '@lirania news'])
      expect(parseChannelRef(bad), bad).toBeUndefined()
  })
})
