import type { Update } from 'grammy/types'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { translate } from '../../src/i18n/index.ts'
import { apiErrors, FakeApiError } from '../support/fake-bot-api.ts'
import { buttons, createHarness, dataOf, type Harness, shown, USER_ID } from './harness.ts'
import { seed } from './seed.ts'

let h: Harness
beforeEach(async () => {
  h = await createHarness()
  seed(h.store)
})
afterEach(() => h.close())

const GROUP = -100777
const GROUP_ADMIN = 1001
const MEMBER = 1002

/** Makes the fake Bot API report `admins` as administrators of every chat, everyone else as members. */
function admins(...ids: number[]) {
  h.api.setHandler('getChatMember', (payload) => {
    const id = Number(payload.user_id)
    const user = { id, is_bot: id === h.api.botInfo.id, first_name: `User ${id}` }
    return ids.includes(id)
      ? { status: 'administrator', user, can_post_messages: true }
      : { status: 'member', user }
  })
}

describe('groups', () => {
  it('only group admins may /start or /stop', async () => {
    admins(GROUP_ADMIN)
    const refused = await h.say(GROUP, '/start', { chatType: 'supergroup', from: { id: MEMBER } })
    expect(shown(refused.last)).toBe(translate('en', 'group-admins-only'))
    expect(h.store.chats.get(GROUP)).toBeUndefined()

    const ok = await h.say(GROUP, '/start@pressbot_test_bot', {
      chatType: 'supergroup',
      from: { id: GROUP_ADMIN },
    })
    expect(shown(ok.last)).toContain('Subscribed!')
    expect(h.store.chats.get(GROUP)).toMatchObject({
      type: 'supergroup',
      title: `Test supergroup ${GROUP}`,
      status: 'active',
    })

    expect(shown((await h.say(GROUP, '/stop', { chatType: 'supergroup', from: { id: MEMBER } })).last)).toBe(
      translate('en', 'group-admins-only'),
    )
    expect(h.store.chats.get(GROUP)?.status).toBe('active')
    expect(
      shown((await h.say(GROUP, '/stop', { chatType: 'supergroup', from: { id: GROUP_ADMIN } })).last),
    ).toBe(translate('en', 'stop-done'))
  })

  it('only group admins may change the group’s language, which then holds for every member', async () => {
    admins(GROUP_ADMIN)
    await h.say(GROUP, '/start', { chatType: 'supergroup', from: { id: GROUP_ADMIN } })
    const { last } = await h.say(GROUP, '/settings', { chatType: 'supergroup', from: { id: MEMBER } })
    const russian = dataOf(last, '🗣 Русский')
    expect((await h.tap(GROUP, russian, { from: { id: MEMBER } })).answer?.text).toBe(
      translate('en', 'group-admins-only'),
    )
    expect(h.store.chats.get(GROUP)?.locale).toBe('en')
    expect((await h.tap(GROUP, russian, { from: { id: GROUP_ADMIN } })).answer?.text).toBe(
      translate('ru', 'settings-done-bot-language'),
    )
    expect(h.store.chats.get(GROUP)?.locale).toBe('ru')
    // A member whose Telegram is in Azerbaijani reads the group's language.
    const help = await h.say(GROUP, '/help', {
      chatType: 'supergroup',
      from: { id: MEMBER, language_code: 'az' },
    })
    expect(shown(help.last)).toMatch(/^Команды\n/)
    // The group's menu follows, so members see the commands described in Russian.
    const menu = h.api.lastPayload('setMyCommands')
    expect(menu?.scope).toEqual({ type: 'chat', chat_id: GROUP })
  })

  it('accepts an anonymous admin speaking as the group', async () => {
    admins()
    const update = h.api.message(GROUP, '/start', {
      chatType: 'supergroup',
      from: { id: 1087968824, is_bot: true },
    })
    const message = (update as Update & { message: Record<string, unknown> }).message
    message.sender_chat = message.chat
    await h.bot.handleUpdate(update)
    expect(h.store.chats.get(GROUP)?.status).toBe('active')
  })

  it('only group admins may toggle the group’s topics', async () => {
    admins(GROUP_ADMIN)
    await h.say(GROUP, '/start', { chatType: 'supergroup', from: { id: GROUP_ADMIN } })
    const { last } = await h.say(GROUP, '/topics', { chatType: 'supergroup', from: { id: MEMBER } })
    const data = dataOf(last, 'Ports')
    expect((await h.tap(GROUP, data, { from: { id: MEMBER } })).answer?.text).toBe(
      translate('en', 'group-admins-only'),
    )
    expect(h.store.chats.topicSlugs(GROUP)).toEqual([])
    expect((await h.tap(GROUP, data, { from: { id: GROUP_ADMIN } })).answer?.text).toBe('Following Ports')
    expect(h.store.chats.topicSlugs(GROUP)).toEqual(['ports'])
  })

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

    admins(GROUP_ADMIN)
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

describe('channels', () => {
  it('/subscribe_channel checks that the requester administers the channel and the bot can post', async () => {
    const channelId = -1001000000000 - 'lirania_news'.length
    admins() // nobody
    expect(shown((await h.say(USER_ID, '/subscribe_channel @lirania_news')).last)).toBe(
      'Only an admin of lirania_news can do that.',
    )
    admins(USER_ID)
    expect(shown((await h.say(USER_ID, '/subscribe_channel @lirania_news')).last)).toBe(
      'I’m not allowed to post in lirania_news. Make me an admin there with “Post messages”, then try again.',
    )
    admins(USER_ID, h.api.botInfo.id)
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

describe('channel posts', () => {
  it('are ignored, commands included', async () => {
    await h.bot.handleUpdate({
      update_id: 0,
      channel_post: {
        message_id: 1,
        date: 0,
        chat: { id: -100999, type: 'channel', title: 'A channel' },
        text: '/start',
        entities: [{ type: 'bot_command', offset: 0, length: 6 }],
      },
    } as Update)
    expect(h.api.calls.filter((c) => c.method !== 'getUpdates')).toHaveLength(0)
    expect(h.store.chats.get(-100999)).toBeUndefined()
  })
})

describe('fallback', () => {
  it('answers unknown commands with a hint, in groups only when addressed to the bot', async () => {
    expect(shown((await h.say(USER_ID, '/foo')).last)).toBe("I don't know /foo. Try /help.")
    expect(shown((await h.say(USER_ID, '/foo@pressbot_test_bot bar')).last)).toBe(
      "I don't know /foo. Try /help.",
    )
    expect((await h.say(GROUP, '/foo', { chatType: 'supergroup' })).sent).toHaveLength(0)
    expect((await h.say(GROUP, '/start@another_bot', { chatType: 'supergroup' })).sent).toHaveLength(0)
    expect(shown((await h.say(GROUP, '/foo@pressbot_test_bot', { chatType: 'supergroup' })).last)).toBe(
      "I don't know /foo. Try /help.",
    )
  })

  it('answers plain text in private with a search hint whose button runs the search', async () => {
    const { last } = await h.say(USER_ID, 'tidal   turbines')
    expect(shown(last)).toBe(
      'To search releases, send /search <words>, or tap the button to search for “tidal turbines”. /help lists every command.',
    )
    expect(buttons(last).map(([label]) => label)).toEqual(['🔎 Search “tidal turbines”'])
    const tapped = await h.tap(USER_ID, dataOf(last, 'Search'))
    expect(shown(tapped.edit)).toMatch(/^🔎 1–1 of 1 for “tidal turbines”\n\n1\. Tidal energy pilot/)
    expect((await h.say(GROUP, 'hello group', { chatType: 'supergroup' })).sent).toHaveLength(0)
  })

  it('cuts a long plain-text preview between emoji, never through one', async () => {
    const { last } = await h.say(USER_ID, `ferry ${'😀'.repeat(50)}`)
    // 100 and 40 UTF-16 units at most; a cut through a surrogate pair would show as U+FFFD or fail the request.
    expect(shown(last)).toBe(
      `To search releases, send /search <words>, or tap the button to search for “ferry ${'😀'.repeat(46)}…”. /help lists every command.`,
    )
    expect(buttons(last).map(([label]) => label)).toEqual([`🔎 Search “ferry ${'😀'.repeat(16)}…”`])
  })

  it('tells a user who sends a sticker what the bot understands', async () => {
    const update = h.api.message(USER_ID, 'x') as Update & { message: Record<string, unknown> }
    delete update.message.text
    update.message.sticker = {
      file_id: 's',
      file_unique_id: 's',
      type: 'regular',
      width: 1,
      height: 1,
      is_animated: false,
      is_video: false,
    }
    await h.bot.handleUpdate(update)
    expect(h.api.lastPayload('sendMessage')?.text).toBe(
      'I understand text commands only. Send /help to see them.',
    )
  })

  it('apologises instead of staying silent when a handler fails', async () => {
    h.api.failNext('sendMessage', 1, { error_code: 400, description: 'Bad Request: something odd' })
    await h.say(USER_ID, '/latest')
    expect(h.api.lastPayload('sendMessage')?.text).toBe(
      'Sorry, something went wrong. Please try again later.',
    )
    expect(h.logs.join('\n')).toContain('handler failed')
    expect(h.logs.join('\n')).not.toContain('TEST_token')
  })
})
