import type { Update } from 'grammy/types'
import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { createBot, notifyAdmins, registerCommands } from '../../src/bot/index.ts'
import { apiErrors } from '../support/fake-bot-api.ts'
import { FAKE_TOKEN } from '../support/fake-token.ts'
import { seedLirania } from '../support/lirania.ts'
import { shown } from '../support/sent-messages.ts'
import { type BotHarness, createBotHarness, USER_ID } from '../support/test-app.ts'

let h: BotHarness
afterEach(() => h.close())

describe('end to end over long polling', () => {
  it('takes updates from getUpdates and answers them', async () => {
    h = await createBotHarness()
    seedLirania(h.store)
    void h.bot.start({ drop_pending_updates: false })
    h.api.pushUpdate(h.api.message(USER_ID, '/start'))
    h.api.pushUpdate(h.api.message(USER_ID, '/search tidal'))
    const calls = await h.api.waitForCalls('sendMessage', 2, 5_000)
    expect(shown(calls[0]?.payload)).toContain('Subscribed!')
    expect(shown(calls[1]?.payload)).toMatch(/^🔎 1–1 of 1 for “tidal”/)
    await h.bot.stop()
    expect(h.store.chats.get(USER_ID)?.status).toBe('active')
    // The token travels only in the request path, never in what we log.
    expect(h.api.tokens.has(FAKE_TOKEN)).toBe(true)
    expect(h.logs.join('\n')).not.toContain(FAKE_TOKEN)
  })
})

describe('registerCommands and notifyAdmins', () => {
  it('publishes public commands for everyone and admin commands for each admin, in every language', async () => {
    h = await createBotHarness()
    await registerCommands(h.bot.api, [900, 901])
    const calls = h.api.callsOf('setMyCommands').map((c) => c.payload)
    // English (no language_code), Russian, Azerbaijani: for everyone, then for each admin.
    expect(calls).toHaveLength(9)
    expect(calls.map((c) => c.language_code)).toEqual(
      ['', 'ru', 'az', '', 'ru', 'az', '', 'ru', 'az'].map((c) => c || undefined),
    )
    const names = (payload: Record<string, unknown> | undefined) =>
      ((payload?.commands ?? []) as Array<{ command: string }>).map((c) => c.command)
    expect(calls[0]?.scope).toEqual({ type: 'default' })
    expect(names(calls[0])).toContain('search')
    expect(names(calls[0])).not.toContain('stats')
    expect(calls[3]?.scope).toEqual({ type: 'chat', chat_id: 900 })
    expect(names(calls[3])).toEqual(expect.arrayContaining(['search', 'stats', 'broadcast', 'feed_add']))
    expect(names(calls[4])).toEqual(names(calls[3]))
    expect(calls[6]?.scope).toEqual({ type: 'chat', chat_id: 901 })
  })

  it('still sets the menu of the other admins when one admin’s chat is unknown', async () => {
    h = await createBotHarness()
    h.api.failWhen((method, payload) =>
      method === 'setMyCommands' && (payload.scope as { chat_id?: number })?.chat_id === 900
        ? apiErrors.chatNotFound()
        : undefined,
    )
    await expect(registerCommands(h.bot.api, [900, 901])).rejects.toThrow(
      'could not set the admin command menu for 900 (Bad Request: chat not found)',
    )
    // 900's first menu fails and its other languages are not tried; 901 gets all three.
    expect(h.api.callsOf('setMyCommands').map((c) => (c.payload.scope as { type: string }).type)).toEqual([
      'default',
      'default',
      'default',
      'chat',
      'chat',
      'chat',
      'chat',
    ])
  })

  it('notifies every admin and survives one who blocked the bot', async () => {
    h = await createBotHarness()
    h.api.failWhen((method, payload) =>
      method === 'sendMessage' && payload.chat_id === 900 ? apiErrors.blocked() : undefined,
    )
    const admins = { ids: [900, 901], localeOf: (id: number) => (id === 901 ? 'ru' : null) }
    await notifyAdmins(
      h.bot.api,
      admins,
      (locale) => `⚠️ Feed <b>x</b> is failing (${locale})`,
      pino({ level: 'silent' }),
    )
    const sent = h.api.callsOf('sendMessage').map((c) => c.payload)
    expect(sent.map((p) => p.chat_id)).toEqual([900, 901])
    // Each admin in their chat's language: 901 chose Russian.
    expect(shown(sent[1])).toBe('⚠️ Feed x is failing (ru)')
  })

  it('createBot works without botInfo until init (getMe) is called', async () => {
    h = await createBotHarness()
    const bot = createBot(FAKE_TOKEN, {
      store: h.store,
      adminIds: [],
      logger: pino({ level: 'silent' }),
      apiRoot: h.api.apiRoot,
      wakeSender: () => {},
      senderStats: () => ({ ratePerSecond: 1 }),
    })
    await bot.init()
    expect(bot.botInfo.username).toBe('pressbot_test_bot')
  })
})

describe('channel posts', () => {
  it('are ignored, commands included', async () => {
    h = await createBotHarness()
    seedLirania(h.store)
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
