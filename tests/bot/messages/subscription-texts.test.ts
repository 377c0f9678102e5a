import { describe, expect, it } from 'vitest'
import { describeDigest, subscriptionTexts } from '../../../src/bot/messages/subscription-texts.ts'
import { renderDigest } from '../../../src/delivery/messages/digest.ts'
import { translator } from '../../../src/i18n/index.ts'

// 2026-03-07 23:30 UTC is already 8 March in Baku (UTC+4).
const AT = Date.UTC(2026, 2, 7, 23, 30)
const entries = [
  {
    id: 1,
    title: 'Port <works>',
    url: 'https://example.org/1',
    at: AT,
    alert: null,
    topics: [{ slug: 'energy', name: 'Energy', names: '{"ru":"Энергетика","az":"Enerji"}' }],
  },
  { id: 2, title: 'Budget', url: null, at: AT - 3_600_000, alert: 'budget', topics: [] },
]

describe('digests and alerts in the chat’s language', () => {
  it('renders a digest heading with the plural, topic names and dates in Russian, in the chat’s time zone', () => {
    const tr = translator('ru')
    const [html] = renderDigest(
      entries,
      {
        description: describeDigest({ digest: 'daily', minute: 8 * 60 }, 'Asia/Baku', tr),
        timeZone: 'Asia/Baku',
      },
      tr,
    )
    expect(html).toContain('Дайджест: 2 релиза')
    expect(html).toContain('ежедневно в 08:00 (Asia/Baku)')
    expect(html).toContain('<b>Энергетика</b>')
    expect(html).toContain('<b>Другое</b>')
    expect(html).toMatch(/8 мар\S* 2026/)
    expect(html).toContain('Port &lt;works&gt;')
  })

  it('names the weekday of a weekly digest in Azerbaijani and English', () => {
    const weekly = { digest: 'weekly', minute: 9 * 60 + 30, weekday: 1 } as const
    expect(describeDigest(weekly, 'UTC', translator('az'))).toBe('hər bazar ertəsi saat 09:30 (UTC)')
    expect(describeDigest(weekly, 'UTC', translator('en'))).toBe('weekly on Monday at 09:30 (UTC)')
  })

  it('uses the Russian plural forms for a count of alerts and one release', () => {
    const ru = subscriptionTexts(translator('ru'))
    expect(ru.alertLimit(20)).toContain('20 оповещений')
    const [one] = renderDigest([entries[1]!], { description: '', timeZone: 'UTC' }, translator('ru'))
    expect(one).toContain('Дайджест: 1 релиз')
  })

  it('marks a pushed release that came through an alert in the reader’s language, escaped', () => {
    expect(subscriptionTexts(translator('az')).alertNote('a <b>')).toBe('🔔 <i>Bildiriş: a &lt;b&gt;</i>')
    expect(subscriptionTexts(translator('en')).alertNote('wind')).toBe('🔔 <i>Alert: wind</i>')
  })
})
