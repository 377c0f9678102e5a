// Starts the TypeScript worker when pressbot runs from its sources. Module loaders are per thread: neither tsx
// (`npm start`) nor vitest makes a worker thread understand TypeScript, so this registers tsx's loader in the
// worker, then imports the worker itself. A build to JavaScript runs ingest-worker.js directly instead.
import { register } from 'tsx/esm/api'

register()
await import('./ingest-worker.ts')
