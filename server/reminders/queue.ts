import { Queue, type Job } from 'bullmq'
import type { Redis } from 'ioredis'
import { keys, queues } from '../store/keys.ts'
import type { Stream } from '../store/types.ts'
import type { Deps } from '../context.ts'
import { REMIND_BEFORE_MS } from './text.ts'
import { activeReservationIds } from './store.ts'

export type ReminderJob = { reservationId: string }

// The job's id is the reservation's, so a retried or doubled request queues one reminder; a
// finished job is kept a week so that id keeps deduplicating (the processor also skips a
// reservation already reminded for this start time).
export const REMINDER_JOB_OPTIONS = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 10_000 },
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const

export function remindersQueue(connection: Redis) {
  return new Queue<ReminderJob>(queues.reminders, { connection, prefix: keys.queuePrefix(), defaultJobOptions: REMINDER_JOB_OPTIONS })
}

// Without a queue from the entry (Workers), one per request's connection, as for beacons.
const fallbackQueues = new WeakMap<Deps, Queue<ReminderJob>>()
export function reminderQueueOf(deps: Deps): Queue<ReminderJob> {
  if (deps.reminderQueue) return deps.reminderQueue
  let queue = fallbackQueues.get(deps)
  if (!queue) fallbackQueues.set(deps, (queue = remindersQueue(deps.redis)))
  return queue
}

/** When a stream's reminder goes out: REMIND_BEFORE_MS before its scheduled start. */
export const remindAt = (stream: Pick<Stream, 'scheduledAt'>) => Date.parse(stream.scheduledAt) - REMIND_BEFORE_MS

// A stream already live (started early) is worth the reminder now, as its start sends the others.
const delayOf = (stream: Stream, now: Date) => (stream.status === 'live' ? 0 : Math.max(0, remindAt(stream) - now.getTime()))

/** Queues a reservation's reminder (at once when its time has passed or the stream is live); a second call adds nothing. */
export async function scheduleReminder(queue: Queue<ReminderJob>, reservationId: string, stream: Stream, now = new Date()) {
  await queue.add('remind', { reservationId }, { jobId: reservationId, delay: delayOf(stream, now) })
}

/**
 * The stream's start moved: every reservation's reminder moves with it. A waiting reminder is
 * re-delayed; one already done (sent for the old time, or failed) is queued afresh; one being
 * sent right now is left to the processor, which checks the time again.
 */
export async function moveReminders(queue: Queue<ReminderJob>, redis: Redis, stream: Stream, now = new Date()) {
  await inBatches(await activeReservationIds(redis, stream.id), async (id) => {
    const job: Job<ReminderJob> | undefined = await queue.getJob(id)
    const state = job ? await job.getState() : 'missing'
    if (job && state === 'delayed') await job.changeDelay(delayOf(stream, now))
    else if (job && state === 'active') return
    else {
      if (job) await job.remove()
      await scheduleReminder(queue, id, stream, now)
    }
  })
}

/** The stream ended: its reminders not yet sent are dropped (the processor checks too). */
export async function cancelReminders(queue: Queue<ReminderJob>, redis: Redis, streamId: string) {
  await inBatches(await activeReservationIds(redis, streamId), async (id) => {
    const job = await queue.getJob(id)
    if (!job) return
    const state = await job.getState()
    if (state === 'delayed' || state === 'waiting' || state === 'prioritized') await job.remove().catch(() => {}) // taken by a worker meanwhile: it re-checks the stream
  })
}

/** The stream went live before its reminders' time: they go out now. */
export async function promoteReminders(queue: Queue<ReminderJob>, redis: Redis, streamId: string) {
  await inBatches(await activeReservationIds(redis, streamId), async (id) => {
    const job = await queue.getJob(id)
    if (job && (await job.isDelayed())) await job.promote().catch(() => {}) // moved meanwhile: the processor decides
  })
}

/** A popular stream has thousands of reservations: their jobs are handled 50 at a time, not one by one. */
async function inBatches(ids: string[], each: (id: string) => Promise<void>) {
  for (let i = 0; i < ids.length; i += 50) await Promise.all(ids.slice(i, i + 50).map(each))
}
