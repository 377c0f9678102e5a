// Loads one URL pattern with autocannon from its own process (so the load generator's work does not count
// against the server's event loop) and prints autocannon's result as JSON on stdout.
// Usage: node bench/web-load.mjs <base> <seconds> <connections> <maxId>
import autocannon from 'autocannon'

const [base, seconds, connections, maxId] = process.argv.slice(2)
const result = await autocannon({
  url: base,
  duration: Number(seconds),
  connections: Number(connections),
  requests: [
    {
      // Every request asks for another release, as readers do.
      setupRequest: (request) => ({
        ...request,
        path: `/releases/${1 + Math.floor(Math.random() * Number(maxId))}`,
      }),
    },
  ],
})
process.stdout.write(
  JSON.stringify({
    requests: result.requests,
    latency: result.latency,
    non2xx: result.non2xx,
    errors: result.errors,
  }),
)
