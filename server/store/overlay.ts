import type { ChainableCommander, Redis } from 'ioredis'
import { keys } from './keys.ts'
import { jobField, TOTAL } from '../counting/fields.ts'
import type { Job, Stream, StreamStatus } from './types.ts'

/** What every viewer's overlay shows (docs/architecture.md, "The live room"). `version` only grows. */
export type OverlayState = {
  version: number
  status: StreamStatus
  pinned: { jobId: string; at: string } | null
  viewers: number
  jobs: { jobId: string; applications: number; headcountLeft: number }[]
  /**
   * When the newest of the stream's job records was last edited or closed: a page holding older
   * records (one that missed the SSE `jobs` event, or polls, as on Workers) fetches the stream again.
   */
  jobsUpdatedAt: string | null
}

/**
 * Queue "this stream's overlay changed" on a transaction: the version grows and every API
 * process hears about it, in the same MULTI as the change itself.
 */
export function bumpOverlay(tx: ChainableCommander, streamId: string) {
  return tx.hincrby(keys.overlay(streamId), 'version', 1).publish(keys.overlayChannel(), streamId)
}

export async function readOverlay(redis: Redis, streamId: string): Promise<OverlayState | null> {
  const first = await redis.multi().get(keys.stream(streamId)).hgetall(keys.overlay(streamId)).exec()
  const [streamRaw, live] = (first ?? []).map(([, v]) => v) as [string | null, Record<string, string>]
  if (!streamRaw) return null
  const stream = JSON.parse(streamRaw) as Stream
  const { viewers, applications, left, jobsUpdatedAt } = await readCounts(redis, stream)
  return {
    version: Number(live.version ?? 0),
    status: stream.status,
    pinned: live.pinnedJobId ? { jobId: live.pinnedJobId, at: live.pinnedAt ?? '' } : null,
    viewers,
    jobs: stream.jobIds.map((jobId, i) => ({ jobId, applications: applications[i]!, headcountLeft: left.get(jobId) ?? 0 })),
    jobsUpdatedAt,
  }
}

/**
 * The overlay's numbers in one round trip: viewers and applications per job (named fields
 * only: the counters hash may hold more than any viewer needs), and places left per job —
 * headcount minus everyone hired for it, on any stream.
 */
async function readCounts(redis: Redis, stream: Stream) {
  const { jobIds } = stream
  // Two slots (the stream's counters; the jobs in the catalog): two reads, sent together.
  const catalog = async () => {
    if (jobIds.length === 0) return []
    const tx = redis.pipeline().mget(...jobIds.map(keys.job))
    for (const id of jobIds) tx.hget(keys.jobCounters(id), TOTAL.placements)
    return ((await tx.exec()) ?? []).map(([err, v]) => {
      if (err) throw err
      return v
    })
  }
  const [counts, res] = await Promise.all([redis.hmget(keys.streamCounters(stream.id), TOTAL.concurrent, ...jobIds.map((j) => jobField('applications', j))), catalog()])
  const raws = (jobIds.length ? res[0] : []) as (string | null)[]
  const left = new Map<string, number>()
  let jobsUpdatedAt: string | null = null
  jobIds.forEach((id, i) => {
    const job = raws[i] ? (JSON.parse(raws[i]!) as Job) : null
    if (job && (!jobsUpdatedAt || job.updatedAt > jobsUpdatedAt)) jobsUpdatedAt = job.updatedAt
    const placed = Number(res[i + 1] ?? 0)
    left.set(id, job && job.status === 'open' ? Math.max(0, job.headcount - placed) : 0)
  })
  return { viewers: Number(counts[0] ?? 0), applications: jobIds.map((_, i) => Number(counts[i + 1] ?? 0)), left, jobsUpdatedAt }
}

/** Pins a job card over the video, or clears the pin (jobId null). */
export async function setPinned(redis: Redis, streamId: string, jobId: string | null, now = new Date()) {
  const tx = redis.multi()
  if (jobId) tx.hset(keys.overlay(streamId), 'pinnedJobId', jobId, 'pinnedAt', now.toISOString())
  else tx.hdel(keys.overlay(streamId), 'pinnedJobId', 'pinnedAt')
  await bumpOverlay(tx, streamId).exec()
}
