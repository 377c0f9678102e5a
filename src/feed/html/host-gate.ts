/**
 * Politeness towards sites read as HTML: one request at a time per host, and `delayMs` between the end of one
 * and the start of the next. Shared by every HTML source of a poller, so three language editions of one site,
 * polled side by side, still take turns.
 */
export type HostGate = {
  /** Runs `work` when the host of `url` is free and rested; resolves with its result. */
  run<T>(url: string, work: () => Promise<T>): Promise<T>
}

export function createHostGate(delayMs: number): HostGate {
  /** Per host: when the last queued request (and its rest) is over. */
  const tails = new Map<string, Promise<void>>()
  const rest = () => (delayMs > 0 ? new Promise<void>((resolve) => setTimeout(resolve, delayMs)) : undefined)
  return {
    run<T>(url: string, work: () => Promise<T>): Promise<T> {
      let host: string
      try {
        host = new URL(url).host
      } catch {
        // Dropped: the TypeError of an unparsable URL: fetchFeed turns the bad URL into an error outcome.
        return work() // fetchFeed turns the bad URL into an error outcome
      }
      const previous = tails.get(host) ?? Promise.resolve()
      const result = previous.then(work)
      const tail = result.then(rest, rest).then(() => {
        // The last in line cleans up, so the map holds only hosts with requests under way.
        if (tails.get(host) === tail) tails.delete(host)
      })
      tails.set(host, tail)
      return result
    },
  }
}
