import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createAudienceRepository } from '../../src/db/audience-repository.ts'
import { type Db, openDatabase } from '../../src/db/client.ts'
import { createDeliveriesRepository } from '../../src/db/deliveries-repository.ts'
import { createDeliveryChartRepository } from '../../src/db/delivery-chart-repository.ts'
import { createMetricsRepository } from '../../src/db/metrics-repository.ts'
import { prepareWriterStatements } from '../../src/db/release-writer.ts'

/**
 * The raw prepared statements of the measured hot paths (README, Architecture: query styles) name tables and
 * columns by hand, where the query builder follows the schema. SQLite checks every name when a statement is
 * prepared: preparing each of them here against the migrated schema makes a migration that renames or drops a
 * column they name fail this test, not a poll or a send in production (the writer's are prepared only on the
 * first store).
 */
const PREPARERS: Record<string, (db: Db) => unknown> = {
  'release-writer.ts': prepareWriterStatements,
  'deliveries-repository.ts': createDeliveriesRepository,
  'metrics-repository.ts': createMetricsRepository,
  'audience-repository.ts': createAudienceRepository,
  'delivery-chart-repository.ts': createDeliveryChartRepository,
}
// Statements no migration of ours can break: maintenance.ts's name no table, migrate.ts's read drizzle's own
// journal table (tested by every test that opens a database).
const OUT_OF_REACH = ['maintenance.ts', 'migrate.ts']

const SRC = fileURLToPath(new URL('../../src', import.meta.url))
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  )

describe('the hand-typed raw statements of src/db', () => {
  it('are all known here: every file that prepares SQL text is prepared below', () => {
    // better-sqlite3's prepare takes SQL text (a string, a template, a typed generic call); drizzle's takes none.
    const raw = sourceFiles(SRC)
      .filter((file) => /\.prepare(<[^>]*>)?\(\s*['"`]/s.test(readFileSync(file, 'utf8')))
      .map(
        (file) =>
          file
            .slice(SRC.length + 1)
            .split('/')
            .at(-1)!,
      )
      .sort()
    expect(raw).toEqual([...Object.keys(PREPARERS), ...OUT_OF_REACH].sort())
  })

  it.each(Object.entries(PREPARERS))(
    '%s prepares every statement against the migrated schema',
    (_, prepare) => {
      const db = openDatabase(':memory:')
      expect(() => prepare(db)).not.toThrow()
      db.$client.close()
    },
  )

  it.each([
    ['release-writer.ts', 'releases', 'source_hash'],
    ['release-writer.ts', 'release_topics', 'topic_id'],
    ['deliveries-repository.ts', 'deliveries', 'message_id'],
    ['deliveries-repository.ts', 'subscriptions', 'paused_reason'],
    ['metrics-repository.ts', 'delivery_totals', 'n'],
    ['delivery-chart-repository.ts', 'delivery_hourly', 'n'],
    ['audience-repository.ts', 'chats', 'locale'],
  ])('%s fails to prepare once %s.%s is renamed', (file, table, column) => {
    const db = openDatabase(':memory:')
    db.$client.exec(`ALTER TABLE ${table} RENAME COLUMN ${column} TO renamed_${column}`)
    expect(() => PREPARERS[file]!(db)).toThrow(
      new RegExp(`no such column: (\\w+\\.)?${column}\\b|has no column named ${column}\\b`),
    )
    db.$client.close()
  })
})
