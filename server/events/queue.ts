import { Queue } from 'bullmq'
import type { Redis } from 'ioredis'
import { keys, queues } from '../store/keys.ts'
import type { CountedEvent, EventBatch } from './types.ts'

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

export type EventSink = (events: CountedEvent[]) => Promise<void>

/** One BullMQ job per call: the Workers path, where no process outlives the request. */
export const directSink = (queue: Queue<EventBatch>): EventSink => async (events) => {
  await queue.add('count', { events })
}

/**
 * Micro-batching for long-lived processes: events from many requests share one BullMQ job
 * (flushed at `maxEvents` or after `maxWaitMs`). Each request's promise resolves only once
 * its job is in Redis, so a 202 always means "durably queued".
 */
export function batchingSink(queue: Queue<EventBatch>, maxEvents = 500, maxWaitMs = 50): EventSink & { flush(): Promise<void> } {
  let buffer: CountedEvent[] = []
  let waiters: { resolve(): void; reject(e: unknown): void }[] = []
  let timer: NodeJS.Timeout | null = null

  async function flush() {
    if (timer) clearTimeout(timer)
    timer = null
    if (buffer.length === 0) return
    const events = buffer
    const mine = waiters
    buffer = []
    waiters = []
    try {
      await queue.add('count', { events })
      for (const w of mine) w.resolve()
    } catch (err) {
      for (const w of mine) w.reject(err)
    }
  }

  const sink = (events: CountedEvent[]) =>
    new Promise<void>((resolve, reject) => {
      buffer.push(...events)
      waiters.push({ resolve, reject })
      if (buffer.length >= maxEvents) void flush()
      else timer ??= setTimeout(() => void flush(), maxWaitMs)
    })
  return Object.assign(sink, { flush })
}
