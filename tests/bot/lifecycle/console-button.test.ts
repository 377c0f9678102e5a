import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { consoleUrlOf, registerConsoleButtons } from '../../../src/bot/lifecycle/console-button.ts'
import { type FakeBotApi, startFakeBotApi } from '../../support/fake-bot-api.ts'
import { rawApi } from '../../support/test-app.ts'

function warnings() {
  const lines: string[] = []
  const warn = (_fields: unknown, message?: string) => void lines.push(message ?? '')
  return { lines, logger: { warn } as unknown as Parameters<typeof consoleUrlOf>[1] }
}

describe('consoleUrlOf', () => {
  it('offers https as is, and http only on loopback, with one warning', () => {
    const quiet = warnings()
    expect(consoleUrlOf({ publicUrl: 'https://press.example', httpServed: true }, quiet.logger)).toBe(
      'https://press.example/console',
    )
    expect(quiet.lines).toEqual([])
    for (const local of ['http://127.0.0.1:8080', 'http://localhost:3000', 'http://[::1]:8080']) {
      const log = warnings()
      expect(consoleUrlOf({ publicUrl: local, httpServed: true }, log.logger)).toBe(`${local}/console`)
      expect(log.lines).toHaveLength(1)
      expect(log.lines[0]).toMatch(/Telegram opens only https/)
    }
    const remote = warnings()
    expect(
      consoleUrlOf({ publicUrl: 'http://press.example', httpServed: true }, remote.logger),
    ).toBeUndefined()
    expect(remote.lines).toHaveLength(1)
  })

  it('offers nothing without PUBLIC_URL or without the HTTP server to serve it', () => {
    const log = warnings()
    expect(consoleUrlOf({ publicUrl: undefined, httpServed: true }, log.logger)).toBeUndefined()
    expect(
      consoleUrlOf({ publicUrl: 'https://press.example', httpServed: false }, log.logger),
    ).toBeUndefined()
  })
})

describe('registerConsoleButtons', () => {
  let api: FakeBotApi
  beforeEach(async () => {
    api = await startFakeBotApi()
  })
  afterEach(() => api.close())

  it("sets a web_app menu button in each admin's chat only, labelled in the admin's language", async () => {
    const client = rawApi(api.apiRoot)
    const url = 'https://press.example/console'
    await registerConsoleButtons(
      client,
      { ids: [900, 901], localeOf: (id) => (id === 901 ? 'az' : null) },
      url,
    )
    expect(api.callsOf('setChatMenuButton').map((c) => c.payload)).toEqual([
      { chat_id: 900, menu_button: { type: 'web_app', text: 'Console', web_app: { url } } },
      { chat_id: 901, menu_button: { type: 'web_app', text: 'Konsol', web_app: { url } } },
    ])
  })

  it("still sets the other admins' buttons when one admin never started the bot, and names that one", async () => {
    const client = rawApi(api.apiRoot)
    api.failNext('setChatMenuButton', 1, { error_code: 400, description: 'Bad Request: chat not found' })
    await expect(
      registerConsoleButtons(
        client,
        { ids: [900, 901], localeOf: () => null },
        'https://press.example/console',
      ),
    ).rejects.toThrow(/900 \(Bad Request: chat not found\)/)
    expect(api.callsOf('setChatMenuButton').map((c) => c.payload.chat_id)).toEqual([900, 901])
  })
})
