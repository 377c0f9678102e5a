import { describe, expect, it } from 'vitest'
import { isSubstantialChange } from '../../src/util/substantial-change.ts'

const before = {
  title: 'Port Authority opens berth 4 at Kessby harbour',
  summary: 'The berth cost 12,500,000 manat. Ferries to Grey Sound will call twice a day.',
}
const changed = (title: string, summary = before.summary) => isSubstantialChange(before, { title, summary })
const summaryChanged = (summary: string) => isSubstantialChange(before, { title: before.title, summary })

describe('a substantial correction', () => {
  it('is a new sentence, a changed number or a changed name', () => {
    expect(summaryChanged(`${before.summary} The minister attended the opening.`)).toBe(true)
    expect(changed('Port Authority opens berth 5 at Kessby harbour')).toBe(true)
    expect(
      summaryChanged('The berth cost 12,600,000 manat. Ferries to Grey Sound will call twice a day.'),
    ).toBe(true)
    expect(changed('Port Authority opens berth 4 at Arnholm harbour')).toBe(true)
    expect(
      summaryChanged('The berth cost 12,500,000 manat. Ferries to Grey Sound will call once a day.'),
    ).toBe(true)
    expect(summaryChanged('')).toBe(true)
  })

  it('is not whitespace, punctuation, case, quotes or digit grouping', () => {
    expect(changed('Port Authority opens berth 4 at Kessby harbour.')).toBe(false)
    expect(changed('Port Authority opens berth 4, at Kessby harbour')).toBe(false)
    expect(changed('  Port  Authority opens berth 4 at Kessby\u00a0harbour ')).toBe(false)
    expect(changed('PORT AUTHORITY opens berth 4 at Kessby harbour')).toBe(false)
    expect(changed('Port Authority opens “berth 4” at Kessby harbour')).toBe(false)
    expect(
      summaryChanged('The berth cost 12 500 000 manat; ferries to Grey Sound will call twice a day!'),
    ).toBe(false)
    expect(
      summaryChanged('The berth cost 12500000 manat. Ferries to Grey Sound will call twice a day.'),
    ).toBe(false)
    expect(isSubstantialChange(before, { ...before })).toBe(false)
  })

  it('reads Cyrillic and Azerbaijani letters as letters', () => {
    const ru = { title: 'Президент принял посла', summary: 'Встреча прошла в Баку.' }
    expect(isSubstantialChange(ru, { ...ru, summary: 'Встреча прошла в Баку!' })).toBe(false)
    expect(isSubstantialChange(ru, { ...ru, summary: 'Встреча прошла в Гяндже.' })).toBe(true)
    const az = { title: 'Prezident səfiri qəbul edib', summary: 'Görüş Bakıda keçirilib.' }
    expect(isSubstantialChange(az, { ...az, title: 'Prezident  səfiri qəbul edib.' })).toBe(false)
    expect(isSubstantialChange(az, { ...az, title: 'Prezident səfirləri qəbul edib' })).toBe(true)
  })
})
