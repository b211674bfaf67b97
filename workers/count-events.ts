import type { Job } from 'bullmq'
import type { Redis } from 'ioredis'
import { countEvents } from '../server/counting/fold.ts'
import type { EventBatch } from '../server/counting/rows.ts'

/** Processor of the events queue: folds one micro-batch of beacons into the counters. */
export const countEventsProcessor = (redis: Redis, log: (msg: string) => void) => (job: Job<EventBatch>) => countEvents(redis, job.data, log)
