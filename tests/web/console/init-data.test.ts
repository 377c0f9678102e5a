import { sign } from '@telegram-apps/init-data-node'
import { describe, expect, it } from 'vitest'
import { checkInitData } from '../../../src/web/console/init-data.ts'
import { FAKE_TOKEN } from '../../support/fake-token.ts'

const NOW = Date.parse('2026-12-07T12:00:00Z')
const rules = { botToken: FAKE_TOKEN, adminIds: [42], sessionSeconds: 3600, now: () => NOW }

/** initData as Telegram would sign it for this user, `ageSeconds` before NOW. */
function signed(userId: number, ageSeconds = 10, token = FAKE_TOKEN): string {
  return sign(
    { user: { id: userId, first_name: 'Ada', language_code: 'ru' } } as Parameters<typeof sign>[0],
    token,
    new Date(NOW - ageSeconds * 1000),
  )
}

describe('checkInitData', () => {
  it('accepts data Telegram signed for an admin within the session', () => {
    expect(checkInitData(signed(42), rules)).toEqual({
      ok: true,
      admin: { userId: 42, languageCode: 'ru' },
    })
  })

  it('refuses data signed with another token, or altered after signing, as forged (401)', () => {
    // A well-formed token that is not the bot's: what a forger would sign with.
    expect(checkInitData(signed(42, 10, '999:another-token-abcdefghijklmnopq'), rules)).toMatchObject({
      ok: false,
      status: 401,
      reason: 'forged',
    })
    // The same signature over a different user id: an attempt to pass for the admin.
    const altered = signed(7).replace('%22id%22%3A7', '%22id%22%3A42')
    expect(altered).not.toBe(signed(7))
    expect(checkInitData(altered, rules)).toMatchObject({ status: 401, reason: 'forged' })
    expect(checkInitData('user=%7B%22id%22%3A42%7D&auth_date=1', rules)).toMatchObject({ status: 401 })
  })

  it('refuses data older than the session (a replay) and data dated ahead of the clock', () => {
    expect(checkInitData(signed(42, 3599), rules).ok).toBe(true)
    expect(checkInitData(signed(42, 3601), rules)).toMatchObject({ status: 401, reason: 'stale' })
    expect(checkInitData(signed(42, -600), rules)).toMatchObject({ status: 401, reason: 'stale' })
    expect(checkInitData(signed(42, 7000), { ...rules, sessionSeconds: 7200 }).ok).toBe(true)
  })

  it('refuses a genuine user who is not an admin with 403, and no data at all with 401', () => {
    expect(checkInitData(signed(7), rules)).toEqual({ ok: false, status: 403, reason: 'not-admin' })
    expect(checkInitData(undefined, rules)).toMatchObject({ status: 401, reason: 'missing' })
    expect(checkInitData('', rules)).toMatchObject({ status: 401, reason: 'missing' })
    expect(checkInitData('a'.repeat(10_000), rules)).toMatchObject({ status: 401, reason: 'missing' })
  })
})
