import { join } from 'node:path'
import type { Transformer } from 'grammy'
import { describe, expect, it } from 'vitest'
import type { App } from '../../src/app.ts'
import { openStore } from '../../src/db/index.ts'
import type { ApiErrorShape } from '../support/fake-bot-api.ts'
import { FAKE_TOKEN } from '../support/fake-token.ts'
import { NORTHVALE_RELEASES } from '../support/northvale.ts'
import { type AppHarness, useAppHarness } from '../support/test-app.ts'

const GROUP = -4001
const GROUP_ADMIN = 7001
const HOOK = 'https://bot.northvale.example/telegram/hook'
const SECRET = 'northvale-secret'

/**
 * Holds the bot's getChatMember calls (made by /start in a group, before it subscribes the chat) until
 * `release()`, so a test can stop the app while an update is being handled. The fake answers "administrator".
 */
function holdGetChatMember(h: AppHarness, app: App) {
  h.api.setHandler('getChatMember', (payload) => ({
    status: 'administrator',
    user: { id: Number(payload.user_id), is_bot: false, first_name: 'Admin' },
  }))
  let entered!: () => void
  let release!: () => void
  const held = new Promise<void>((resolve) => {
    entered = resolve
  })
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  const gate: Transformer = async (prev, method, payload, signal) => {
    if (method === 'getChatMember') {
      entered()
      await released
    }
    return prev(method, payload, signal)
  }
  app.bot.api.config.use(gate)
  return { held, release }
}

/** What a later run would find in the database: the group's subscription. */
function groupStatus(h: AppHarness) {
  const store = openStore(join(h.dir, 'pressbot.db'))
  try {
    return store.chats.get(GROUP)?.status
  } finally {
    store.close()
  }
}

const welcomed = (h: AppHarness) =>
  h.api.callsOf('sendMessage').filter((call) => call.payload.chat_id === GROUP)

describe('the app stopping and failing', () => {
  const h = useAppHarness()

  it('lets an update being handled (long polling) finish before the database closes', async () => {
    const running = await h.start()
    await running.poller.pollDue() // joins the start-up poll
    expect(running.store.releases.count()).toBe(NORTHVALE_RELEASES.length)
    const gate = holdGetChatMember(h, running)
    h.api.pushUpdate(h.api.message(GROUP, '/start', { chatType: 'group', from: { id: GROUP_ADMIN } }))
    await gate.held

    const polls = h.api.counts.getUpdates ?? 0
    const stopped = running.stop()
    h.app = undefined
    // bot.stop() confirms the offset with one more getUpdates; the handler goes on a little later.
    await h.api.waitForCalls('getUpdates', polls + 1)
    setTimeout(gate.release, 200)
    await stopped

    expect(welcomed(h)).toHaveLength(1)
    expect(groupStatus(h)).toBe('active')
    expect(h.logs.lines.filter((line) => JSON.parse(line).level >= 50)).toEqual([])
  })

  it('closes the webhook server gracefully: no new connections, the request in progress is answered', async () => {
    const running = await h.start(
      { BOT_MODE: 'webhook', WEBHOOK_URL: HOOK, WEBHOOK_SECRET: SECRET, PORT: '8443' },
      { port: 0 },
    )
    const base = `http://127.0.0.1:${running.http!.port}`
    const gate = holdGetChatMember(h, running)
    const answer = fetch(`${base}/telegram/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify(h.api.message(GROUP, '/start', { chatType: 'group', from: { id: GROUP_ADMIN } })),
    })
    await gate.held

    const stopped = running.stop()
    h.app = undefined
    await expect(fetch(`${base}/healthz`)).rejects.toThrow()
    gate.release()
    expect((await answer).status).toBe(200)
    await stopped

    expect(welcomed(h)).toHaveLength(1)
    expect(groupStatus(h)).toBe('active')
  })

  it.each<[string, ApiErrorShape, RegExp]>([
    [
      '409 (another instance polling)',
      {
        error_code: 409,
        description:
          'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      },
      /^long polling stopped: 409 Conflict: terminated by other getUpdates request.* \(another process is taking updates with this BOT_TOKEN/,
    ],
    [
      '401 (token revoked)',
      { error_code: 401, description: 'Unauthorized' },
      /^long polling stopped: 401 Unauthorized \(Telegram no longer accepts BOT_TOKEN/,
    ],
  ])(
    'when getUpdates is refused with %s: one clear log line, reported as fatal, /healthz 503',
    async (_what, error, line) => {
      h.api.failNext('getUpdates', 1, error)
      const fatal: unknown[] = []
      const running = await h.start({}, {}, { onFatal: (e) => fatal.push(e) })
      await expect.poll(() => fatal.length).toBe(1)

      const errors = h.logs.lines.map((l) => JSON.parse(l)).filter((entry) => entry.level >= 50)
      expect(errors).toHaveLength(1)
      expect(errors[0].msg).toMatch(line)
      for (const l of h.logs.lines) expect(l).not.toContain(FAKE_TOKEN.split(':')[1])

      const health = await fetch(`http://127.0.0.1:${running.http!.port}/healthz`)
      expect(health.status).toBe(503)
      expect(((await health.json()) as { status: string }).status).toMatch(line)
      // Polling has ended: the bot's loop is not running and no long poll is open, so nothing more is asked of
      // getUpdates.
      expect(running.bot.isRunning()).toBe(false)
      expect(h.api.pollWaiting()).toBe(false)
      expect(h.api.counts.sendMessage ?? 0).toBe(0)
    },
  )

  it('answers /metrics and /healthz with 503 when the database cannot be read', async () => {
    const running = await h.start()
    await running.poller.pollDue() // joins the start-up poll
    expect(running.store.releases.count()).toBe(NORTHVALE_RELEASES.length)
    const base = `http://127.0.0.1:${running.http!.port}`
    expect((await fetch(`${base}/metrics`)).status).toBe(200)

    running.store.close()
    const metrics = await fetch(`${base}/metrics`)
    expect(metrics.status).toBe(503)
    expect(await metrics.text()).toBe('metrics unavailable\n')
    const health = await fetch(`${base}/healthz`)
    expect(health.status).toBe(503)
    expect(await health.json()).toEqual({ status: 'database unavailable' })
  })
})
