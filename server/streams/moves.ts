import type { Queue } from 'bullmq'
import type { Redis } from 'ioredis'
import { moveStream } from '../store/streams.ts'
import type { Stream } from '../store/types.ts'
import type { Deps } from '../context.ts'
import { cancelReminders, promoteReminders, reminderQueueOf, remindAt, type ReminderJob } from '../reminders/queue.ts'

/** What starting or ending a stream touches: the store and the 预约直播 reminders' queue. */
export type StreamMoveDeps = { redis: Redis; reminders: Queue<ReminderJob> }

/** A request's: its Redis and the entry's reminders queue. */
export const streamMovesOf = (deps: Deps): StreamMoveDeps => ({ redis: deps.redis, reminders: reminderQueueOf(deps) })

// Every way a stream starts or ends goes through here — the recruiter's POST …/start and
// …/end, LiveKit's room_started / room_finished webhooks, the stale-stream worker — so what
// follows a move (today: the reminders) happens whichever way it came.

/**
 * scheduled → live (moveStream's answer: the stream, or null when it has ended). Live before
 * its reminders' time (10 minutes before the schedule): they go out now. Run again (a retried
 * request, a redelivered webhook) it promotes whatever is still waiting.
 */
export async function startStream(d: StreamMoveDeps, stream: Stream, now = new Date()): Promise<Stream | null> {
  const moved = await moveStream(d.redis, stream, 'live', now)
  if (moved?.status === 'live' && now.getTime() < remindAt(moved)) await promoteReminders(d.reminders, d.redis, moved.id)
  return moved
}

/**
 * → ended: the stream's reminders not yet sent are dropped (the processor also checks the
 * stream when a job runs, for one taken by a worker meanwhile or a drop that failed).
 */
export async function endStream(d: StreamMoveDeps, stream: Stream, now = new Date()): Promise<Stream | null> {
  const moved = await moveStream(d.redis, stream, 'ended', now)
  if (moved) await cancelReminders(d.reminders, d.redis, moved.id)
  return moved
}
