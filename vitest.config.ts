import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Child-process tests run the compiled CLI: compile it first if the sources changed since the last build.
    globalSetup: ['tests/support/build-cli.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests start servers and child processes; two cores, so keep parallelism modest.
    maxWorkers: 2,
  },
})
