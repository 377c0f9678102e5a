/**
 * The sender as its own process, for the kill -9 test: `npx tsx tests/delivery/crash-worker.ts <dbfile> <apiRoot>
 * [concurrency]`. Opens the store, runs the sender until nothing is due, prints "drained" and exits. The test
 * SIGKILLs it half-way through and starts it again.
 */
import { Api } from 'grammy'
import { openStore } from '../../src/db/index.ts'
import { createSender } from '../../src/delivery/sender.ts'
import { createLogger } from '../../src/logger.ts'

const [dbFile, apiRoot, concurrencyArg] = process.argv.slice(2)
if (!dbFile || !apiRoot) {
  console.error('usage: crash-worker.ts <dbfile> <apiRoot> [concurrency]')
  process.exit(2)
}
const store = openStore(dbFile)
const logger = createLogger({ level: 'warn', destination: process.stderr, pretty: false })
const sender = createSender(
  { api: new Api('123456789:AAFakeTokenForPressbotCrashTest_abcdefgh', { apiRoot }), store, logger },
  {
    ratePerSecond: 100_000,
    paidBroadcast: false,
    concurrency: Number(concurrencyArg ?? 8),
    maxAttempts: 3,
    perChatIntervalMs: 0,
  },
)
sender.start()
console.log('started')
await sender.drain()
await sender.stop()
store.close()
console.log('drained')
