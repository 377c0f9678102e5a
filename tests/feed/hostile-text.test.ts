import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { FEED_CASES, TEXT_CASES } from '../support/hostile-text.ts'

/**
 * A guard against super-linear regular expressions, not a speed test: every case below took well under a second
 * when measured (see the README, Limits); one that takes 20 s has gone quadratic or worse (the patterns fixed for
 * issue 10 took minutes on 1 MB). The cases run in a worker thread so that such a case can be killed.
 */
const BOUND_MS = 20_000

type Report = { name: string; ms?: number; started?: boolean }

function runCases(names: string[]): Promise<Map<string, number>> {
  const worker = new Worker(new URL('../support/hostile-text.worker.mjs', import.meta.url), {
    workerData: { names },
  })
  const done = new Map<string, number>()
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined
    const fail = (error: Error) => {
      clearTimeout(timer)
      void worker.terminate()
      reject(error)
    }
    worker.on('message', (report: Report) => {
      clearTimeout(timer)
      if (report.started) {
        timer = setTimeout(
          () => fail(new Error(`"${report.name}" ran for more than ${BOUND_MS / 1000} s: super-linear`)),
          BOUND_MS,
        )
        return
      }
      done.set(report.name, report.ms!)
      if (done.size === names.length) {
        void worker.terminate()
        resolve(done)
      }
    })
    worker.on('error', fail)
    worker.on('exit', (code) => {
      if (done.size < names.length) fail(new Error(`the worker exited (${code}) before every case ran`))
    })
  })
}

describe('about 1 MB of hostile text through the feed pipeline', () => {
  const timeout = { timeout: 40 * BOUND_MS }

  it('cleans, summarises and tags every release-text case', timeout, async () => {
    const names = Object.keys(TEXT_CASES)
    const times = await runCases(names)
    console.log([...times].map(([name, ms]) => `${ms.toFixed(0).padStart(6)} ms  ${name}`).join('\n'))
    expect([...times.keys()]).toEqual(names)
  })

  it('parses every feed-document case', timeout, async () => {
    const names = Object.keys(FEED_CASES)
    const times = await runCases(names)
    console.log([...times].map(([name, ms]) => `${ms.toFixed(0).padStart(6)} ms  ${name}`).join('\n'))
    expect([...times.keys()]).toEqual(names)
  })
})
