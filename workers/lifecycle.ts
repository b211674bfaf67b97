import type { Job, Queue } from 'bullmq'
import type { Redis } from 'ioredis'
import type { ReminderJob } from '../server/reminders/queue.ts'
import { sampleLive } from '../server/counting/sample.ts'
import { endStaleStreams } from './end-stale-streams.ts'
import { finalizeReports } from './finalize-reports.ts'

/** The lifecycle queue's repeatable jobs, by name, and how often each runs. */
export const LIFECYCLE_SCHEDULES = [
  { id: 'sample-live', every: 1000 }, // concurrency, peak, per-minute series; overlay viewers
  { id: 'finalize-reports', every: 10_000 },
  { id: 'end-stale-streams', every: 60_000 },
] as const

/** Processor of the lifecycle queue; `reminders` for the streams it ends (their reminders are dropped). */
export const lifecycleProcessor = (redis: Redis, reminders: Queue<ReminderJob>) => (job: Job) => {
  if (job.name === 'sample-live') return sampleLive(redis)
  if (job.name === 'finalize-reports') return finalizeReports(redis)
  if (job.name === 'end-stale-streams') return endStaleStreams({ redis, reminders })
  throw new Error(`Unknown lifecycle job ${job.name}`)
}
