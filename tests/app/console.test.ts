import { sign } from '@telegram-apps/init-data-node'
import { describe, expect, it } from 'vitest'
import { FAKE_TOKEN } from '../support/fake-token.ts'
import { ADMIN_ID, useAppHarness } from '../support/test-app.ts'

describe("the admins' console in the running service", () => {
  const h = useAppHarness()

  it('gives each admin a menu button to it on an http loopback PUBLIC_URL, warning once, and serves it', async () => {
    const running = await h.start({ PUBLIC_URL: 'http://127.0.0.1:8080' })
    const [button] = await h.api.waitForCalls('setChatMenuButton', 1, 5000)
    expect(button!.payload).toEqual({
      chat_id: ADMIN_ID,
      menu_button: { type: 'web_app', text: 'Console', web_app: { url: 'http://127.0.0.1:8080/console' } },
    })
    // Only the admins' chats: everyone else keeps the default button, the commands list.
    expect(h.api.callsOf('setChatMenuButton')).toHaveLength(1)
    expect(h.logs.lines.filter((line) => line.includes('Telegram opens only https'))).toHaveLength(1)

    const port = running.http!.port
    const initData = sign(
      { user: { id: ADMIN_ID, first_name: 'Admin' } } as Parameters<typeof sign>[0],
      FAKE_TOKEN,
      new Date(),
    )
    const sources = await fetch(`http://127.0.0.1:${port}/console/api/sources`, {
      headers: { authorization: `tma ${initData}` },
    })
    expect(sources.status).toBe(200)
    expect((await sources.json()).sources[0].url).toBe(h.feeds.url('/rss'))
    const refused = await fetch(`http://127.0.0.1:${port}/console/api/sources`)
    expect(refused.status).toBe(401)
  })

  it('offers no button without PUBLIC_URL', async () => {
    await h.start()
    await h.api.waitForCalls('setMyCommands', 6, 5000)
    expect(h.api.callsOf('setChatMenuButton')).toEqual([])
  })
})
