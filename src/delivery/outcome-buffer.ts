import type { DeliveryOutcome } from '../db/deliveries-repository.ts'
import type { Logger } from '../logger.ts'

export type OutcomeBufferOptions = {
  /** Most rows that may be sent but not yet recorded at once: the crash-duplicate bound (the concurrency). */
  capacity: number
  /** Writes outcomes in one transaction; throws if the database refuses them. */
  commit: (outcomes: readonly DeliveryOutcome[]) => void
  /** After the flush of one event-loop turn's answers (false: the database refused them, they are kept). */
  onFlushed: (ok: boolean) => void
  logger: Logger
}

/**
 * Delivery outcomes on their way to the database, and the rule the crash-duplicate bound rests on.
 *
 * A row handed to Telegram takes one of `capacity` slots (`beginSend`), and its slot is freed only once its
 * outcome is committed: not when Telegram answers. So at any moment at most `capacity` rows are "sent but not
 * yet recorded". After a crash the next start puts every row still 'sending' back to pending: of those, only
 * these can have reached their chat already, so at most `capacity` messages go out twice (the other 'sending' rows
 * were claimed but never handed over). If a commit fails (a locked or full disk), the outcomes are kept and their
 * slots stay taken: sending stops until the database takes them, and the bound holds even then.
 *
 * Outcomes reached without a request (a skip, a requeue) take no slot: they cannot repeat a message. Answers are
 * committed in one transaction per turn of the event loop.
 */
export function createOutcomeBuffer(options: OutcomeBufferOptions) {
  const { capacity, commit, logger } = options
  let outcomes: DeliveryOutcome[] = []
  /** How many of `outcomes` are answers from Telegram: each holds a slot until committed. */
  let answers = 0
  /** Slots taken: requests in flight plus answers not committed yet. */
  let unrecorded = 0
  let inFlight = 0
  let closed = false
  let flushQueued = false

  function flush(): boolean {
    if (outcomes.length === 0) return true
    const batch = outcomes
    const freed = answers
    outcomes = []
    answers = 0
    try {
      commit(batch)
    } catch (error) {
      outcomes = batch.concat(outcomes)
      answers += freed
      logger.error({ err: error, rows: batch.length }, 'could not record delivery outcomes; will retry')
      return false
    }
    unrecorded -= freed
    return true
  }

  function queueFlush(): void {
    if (flushQueued) return
    flushQueued = true
    // One transaction for every answer that arrived in this turn of the event loop.
    setImmediate(() => {
      flushQueued = false
      if (!closed) options.onFlushed(flush())
    })
  }

  return {
    /** A slot is free: one more row may be handed to Telegram. */
    hasRoom(): boolean {
      return unrecorded < capacity
    },

    /** A row is being handed to Telegram: it holds a slot until its outcome is committed. */
    beginSend(): void {
      if (unrecorded >= capacity) throw new Error('no free send slot: the duplicate bound would not hold')
      unrecorded++
      inFlight++
    },

    /**
     * Telegram answered (or the request failed): the outcome is committed on the next turn of the event loop,
     * its slot held until then. After close() the answer is dropped instead and this returns false: the row
     * stays 'sending' and goes back to pending at the next start.
     */
    answered(outcome: DeliveryOutcome): boolean {
      inFlight--
      if (closed) {
        unrecorded--
        return false
      }
      outcomes.push(outcome)
      answers++
      queueFlush()
      return true
    },

    /** An outcome reached without a request (skipped, requeued): no slot, committed with the next flush. */
    add(outcome: DeliveryOutcome): void {
      outcomes.push(outcome)
    },

    /** Commits every outcome gathered so far and frees their slots; false (outcomes kept) if the write failed. */
    flush,

    /** Stops recording answers (the sender stopped waiting for them). */
    close(): void {
      closed = true
    },

    /** Records answers again (the sender started again). */
    open(): void {
      closed = false
    },

    /** Requests sent and not answered yet. */
    inFlight(): number {
      return inFlight
    },

    /** Rows sent whose outcome is not committed yet (in flight or answered): these may repeat after a crash. */
    unrecorded(): number {
      return unrecorded
    },

    /** A flush of this turn's answers is queued. */
    flushQueued(): boolean {
      return flushQueued
    },
  }
}
