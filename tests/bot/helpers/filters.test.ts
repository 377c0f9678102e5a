import type { Update } from 'grammy/types'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { translate } from '../../../src/i18n/index.ts'
import { seedLirania } from '../../support/lirania.ts'
import { dataOf, shown } from '../../support/sent-messages.ts'
import { type BotHarness, createBotHarness, GROUP, GROUP_ADMIN, MEMBER } from '../../support/test-app.ts'

let h: BotHarness
beforeEach(async () => {
  h = await createBotHarness()
  seedLirania(h.store)
})
afterEach(() => h.close())

describe('groups', () => {
  it('only group admins may /start or /stop', async () => {
    h.api.setAdmins(GROUP_ADMIN)
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
    h.api.setAdmins(GROUP_ADMIN)
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
    h.api.setAdmins()
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
    h.api.setAdmins(GROUP_ADMIN)
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
})
