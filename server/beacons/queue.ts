import { Queue } from 'bullmq'
import type { Redis } from 'ioredis'
import { keys, queues } from '../store/keys.ts'
import { batchOf, type Accepted, type EventBatch, type EventRows, ROW } from '../counting/rows.ts'

// BullMQ's production guide: retries with backoff, bounded completed/failed lists.
export const EVENT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 250 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 10_000 },
} as const

export function eventsQueue(connection: Redis) {
  return new Queue<EventBatch>(queues.events, { connection, prefix: keys.queuePrefix(), defaultJobOptions: EVENT_JOB_OPTIONS })
}

export type EventSink = (accepted: Accepted) => Promise<void>

/** One BullMQ job per call: the Workers path, where no process outlives the request. */
export const directSink = (queue: Queue<EventBatch>): EventSink => async (accepted) => {
  await queue.add('count', batchOf(accepted))
}

/**
 * Micro-batching for long-lived processes: events from many requests share one BullMQ job
 * (flushed at `maxEvents` or after `maxWaitMs`). Each request's promise resolves only once
 * its job is in Redis, so a 202 always means "durably queued".
 */
export function batchingSink(queue: Queue<EventBatch>, maxEvents = 500, maxWaitMs = 50): EventSink & { flush(): Promise<void> } {
  let buffer: Accepted = { t: 0, streams: new Map(), admit: 0 }
  let count = 0
  let waiters: { resolve(): void; reject(e: unknown): void }[] = []
  let timer: NodeJS.Timeout | null = null

  async function flush() {
    if (timer) clearTimeout(timer)
    timer = null
    if (count === 0) return
    const batch = batchOf(buffer)
    const mine = waiters
    buffer = { t: 0, streams: new Map(), admit: 0 }
    count = 0
    waiters = []
    try {
      await queue.add('count', batch)
      for (const w of mine) w.resolve()
    } catch (err) {
      for (const w of mine) w.reject(err)
    }
  }

  const sink = (accepted: Accepted) =>
    new Promise<void>((resolve, reject) => {
      if (count === 0) buffer.t = accepted.t // the batch's dedupe bucket: its first receive time
      buffer.admit = accepted.admit // one process, one configuration
      for (const [id, rows] of accepted.streams) {
        let into: EventRows | undefined = buffer.streams.get(id)
        if (!into) buffer.streams.set(id, (into = []))
        for (const x of rows) into.push(x)
        count += rows.length / ROW
      }
      waiters.push({ resolve, reject })
      if (count >= maxEvents) void flush()
      else timer ??= setTimeout(() => void flush(), maxWaitMs)
    })
  return Object.assign(sink, { flush })
}
