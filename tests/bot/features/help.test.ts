import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { seedLirania } from '../../support/lirania.ts'
import { shown } from '../../support/sent-messages.ts'
import { ADMIN_ID, type BotHarness, createBotHarness, USER_ID } from '../../support/test-app.ts'

let h: BotHarness
beforeEach(async () => {
  h = await createBotHarness()
  seedLirania(h.store)
})
afterEach(() => h.close())

describe('/help', () => {
  it('lists every command with filters; admins also see the admin commands', async () => {
    const user = shown((await h.say(USER_ID, '/help')).last)
    for (const command of [
      '/start',
      '/stop',
      '/search',
      '/latest',
      '/topics',
      '/topic',
      '/settings',
      '/help',
    ]) {
      expect(user).toContain(`${command} `)
    }
    expect(user).toContain('topic:<slug>')
    expect(user).toContain('from:YYYY-MM-DD')
    expect(user).not.toContain('/stats')

    const admin = shown((await h.say(ADMIN_ID, '/help')).last)
    for (const command of [
      '/stats',
      '/feeds',
      '/feed_add',
      '/feed_remove',
      '/broadcast',
      '/broadcast_cancel',
    ]) {
      expect(admin).toContain(`${command} `)
    }
    expect(admin).toContain('/feed_remove <id|url> — Admin: remove a feed (its releases stay)')
    expect(admin).toContain(
      '/broadcast_cancel [id] — Admin: cancel a running broadcast; without an id, all of them',
    )
  })
})
