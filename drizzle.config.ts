import { defineConfig } from 'drizzle-kit'

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './migrations',
  // FTS5 tables, their shadow tables and the re-index bookkeeping live in custom migrations; drizzle-kit must not
  // touch them.
  tablesFilter: ['!releases_fts*', '!releases_search*', '!search_reindex'],
})
