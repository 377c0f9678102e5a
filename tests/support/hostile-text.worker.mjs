// Runs hostile cases in a worker thread (see tests/feed/hostile-text.test.ts), so that a case that never ends can be
// killed. Worker threads get no TypeScript loader from tsx or vitest: register one, then import the cases.
import { parentPort, workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
const { runHostileCase } = await import('./hostile-text.ts')
for (const name of workerData.names) {
  parentPort.postMessage({ name, started: true })
  const started = performance.now()
  await runHostileCase(name)
  parentPort.postMessage({ name, ms: performance.now() - started })
}
