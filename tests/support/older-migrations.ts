import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { migrationsFolder } from '../../src/db/client.ts'

/**
 * A copy of the migrations folder under `dir` as an older pressbot shipped it: every migration before `tag`
 * (e.g. '0014' for a database as round 2 left it). Open a database with it, fill it, then open it normally to
 * migrate it the rest of the way.
 */
export function migrationsBefore(dir: string, tag: string): string {
  const folder = join(dir, `migrations-before-${tag}`)
  cpSync(migrationsFolder, folder, { recursive: true })
  const journalPath = join(folder, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> }
  journal.entries = journal.entries.filter((entry) => entry.tag < tag)
  writeFileSync(journalPath, JSON.stringify(journal))
  return folder
}
