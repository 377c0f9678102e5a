import { defineConfig } from 'drizzle-kit'

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './migrations',
  // FTS5 tables and their shadow tables live in a custom migration; drizzle-kit must not touch them.
  tablesFilter: ['!releases_fts*'],
})
