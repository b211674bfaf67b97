import type { ChainableCommander, Redis } from 'ioredis'
import { bumpOverlay } from './overlay.ts'
import { withFreshCopy, writeIfUnchanged } from './guarded.ts'
import { keys } from './keys.ts'
import { getJson, getManyJson, present, toJson } from './json.ts'
import { newId } from '../lib/ids.ts'
import { publishChat } from '../comments/messages.ts'
import { rangeAfter, encodeCursor, decodeCursor, type Page } from './paging.ts'
import type { Job, JobStatus } from './types.ts'

export type JobInput = Omit<Job, 'id' | 'companyId' | 'status' | 'createdAt' | 'updatedAt' | 'tags'> & { tags?: string[] }

export async function createJob(redis: Redis, companyId: string, input: JobInput, now = new Date()) {
  const job: Job = {
    ...input,
    tags: input.tags ?? [],
    id: newId(now.getTime()),
    companyId,
    status: 'open',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  }
  const score = now.getTime()
  await redis
    .multi()
    .set(keys.job(job.id), toJson(job))
    .zadd(keys.jobs('open'), score, job.id)
    .zadd(keys.jobs('all'), score, job.id)
    .zadd(keys.jobs('open', companyId), score, job.id)
    .zadd(keys.jobs('all', companyId), score, job.id)
    .hincrby(keys.totals(), 'jobsOpen', 1)
    .hincrby(keys.totals(), 'headcountOpen', job.headcount)
    .exec()
  return job
}

export const getJob = (redis: Redis, id: string) => getJson<Job>(redis, keys.job(id))

export async function getJobs(redis: Redis, ids: string[]) {
  return (await getManyJson<Job>(redis, ids.map(keys.job))).filter(present)
}

/**
 * Every stream showing the job card: its overlay (places left, open or not) has changed, and
 * viewers already in the room get the edited record (SSE `jobs`: new pay, closed). Each
 * stream is its own slot, so this follows the job's write rather than joining it: a bump is
 * a notice to re-read, and a lost one is made good by the stream's next change.
 */
async function bumpStreams(redis: Redis, streamIds: string[], job: Job) {
  await Promise.all(streamIds.map((streamId) => bumpOverlay(redis.multi(), streamId).exec()))
  await Promise.all(streamIds.map((streamId) => publishChat(redis, { s: streamId, k: 'job', j: job })))
}

/** Saves an edited open job; CONFLICT (nothing written) if it changed since it was read. */
export async function saveJob(redis: Redis, before: Job, after: Job, now = new Date()) {
  const next = { ...after, updatedAt: now.toISOString() }
  const streams = await redis.smembers(keys.jobStreams(next.id))
  await writeIfUnchanged(redis, keys.job(next.id), JSON.stringify(before), (tx) => {
    tx.set(keys.job(next.id), toJson(next)).hincrby(keys.totals(), 'headcountOpen', next.headcount - before.headcount)
  })
  await bumpStreams(redis, streams, next)
  return next
}

/** Closes an open job (reading it again if it changed meanwhile); a closed one stays as it is. */
export async function closeJob(redis: Redis, job: Job, now = new Date()): Promise<Job> {
  return withFreshCopy(job, () => getJob(redis, job.id), async (current) => {
    if (!current || current.status === 'closed') return current ?? job
    const next: Job = { ...current, status: 'closed', updatedAt: now.toISOString() }
    const score = Date.parse(current.createdAt)
    const streams = await redis.smembers(keys.jobStreams(job.id))
    await writeIfUnchanged(redis, keys.job(job.id), JSON.stringify(current), (tx) => {
      tx.set(keys.job(job.id), toJson(next))
        .zrem(keys.jobs('open'), job.id)
        .zrem(keys.jobs('open', current.companyId), job.id)
        .zadd(keys.jobs('closed'), score, job.id)
        .zadd(keys.jobs('closed', current.companyId), score, job.id)
        .hincrby(keys.totals(), 'jobsOpen', -1)
        .hincrby(keys.totals(), 'headcountOpen', -current.headcount)
    })
    await bumpStreams(redis, streams, next)
    return next
  })
}

/** Newest first. */
export async function listJobs(
  redis: Redis,
  filter: { companyId?: string; status?: JobStatus },
  limit: number,
  cursor?: string,
): Promise<Page<Job>> {
  const key = keys.jobs(filter.status ?? 'all', filter.companyId)
  const positions = await rangeAfter(redis, key, limit, decodeCursor(cursor), 'desc')
  const items = await getJobs(redis, positions.map((p) => p.id))
  const last = positions.at(-1)
  return { items, next: positions.length === limit && last ? encodeCursor(last) : null }
}
