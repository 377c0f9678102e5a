import { describe, expect, it } from 'vitest'
import { formatTable } from '../../src/cli/output.ts'

describe('formatTable', () => {
  it('cuts long cells between emoji, never through one', () => {
    const table = formatTable([{ id: 1, title: `Flags ${'🇦🇿'.repeat(20)}` }], ['id', 'title'], 16)
    expect(table.split('\n')).toEqual(['id  title', '--  ---------------', `1   Flags ${'🇦🇿'.repeat(2)}…`])
  })
})
