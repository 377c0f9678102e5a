import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseLatestCount } from '../../../src/bot/features/latest.ts'
import { seedLirania } from '../../support/lirania.ts'
import { shown } from '../../support/sent-messages.ts'
import { type BotHarness, createBotHarness, USER_ID } from '../../support/test-app.ts'

let h: BotHarness
beforeEach(async () => {
  h = await createBotHarness()
  seedLirania(h.store)
})
afterEach(() => h.close())

describe('/latest', () => {
  it('shows 5 by default, n when asked, and explains a bad n', async () => {
    const five = shown((await h.say(USER_ID, '/latest')).last)
    expect(five.match(/^\d+\. /gm)).toHaveLength(5)
    expect(five).toMatch(/^🆕 Latest releases\n\n1\. Ferry fares frozen for students/)
    expect(shown((await h.say(USER_ID, '/latest 2')).last).match(/^\d+\. /gm)).toHaveLength(2)
    expect(shown((await h.say(USER_ID, '/latest 10')).last).match(/^\d+\. /gm)).toHaveLength(10)
    for (const bad of ['0', '11', '-1', 'abc', '2.5']) {
      expect(shown((await h.say(USER_ID, `/latest ${bad}`)).last), bad).toBe(
        'Usage: /latest [n] — n is a number from 1 to 10, e.g. /latest 3.',
      )
    }
  })
})

describe('parseLatestCount', () => {
  it('parseLatestCount', () => {
    expect(parseLatestCount('')).toBe(5)
    expect(parseLatestCount(' 7 ')).toBe(7)
    for (const bad of ['0', '11', '-3', '1e1', 'five', '3 4'])
      expect(parseLatestCount(bad), bad).toBeUndefined()
  })
})
