import type { ChainableCommander, Redis } from 'ioredis'
import { bumpLive } from './live.ts'
import { keys } from './keys.ts'
import { getJson, getManyJson, present } from './json.ts'
import { newId } from '../lib/ids.ts'
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
    .set(keys.job(job.id), JSON.stringify(job))
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

/** Every stream showing the job card: its overlay (places left, open or not) has changed. */
async function bumpStreamsOf(redis: Redis, tx: ChainableCommander, jobId: string) {
  for (const streamId of await redis.smembers(keys.jobStreams(jobId))) bumpLive(tx, streamId)
}

/** Saves an edited open job; the platform's open headcount follows its headcount. */
export async function saveJob(redis: Redis, before: Job, after: Job, now = new Date()) {
  const next = { ...after, updatedAt: now.toISOString() }
  const tx = redis.multi().set(keys.job(next.id), JSON.stringify(next)).hincrby(keys.totals(), 'headcountOpen', next.headcount - before.headcount)
  await bumpStreamsOf(redis, tx, next.id)
  await tx.exec()
  return next
}

export async function closeJob(redis: Redis, job: Job, now = new Date()) {
  const next: Job = { ...job, status: 'closed', updatedAt: now.toISOString() }
  const score = Date.parse(job.createdAt)
  const tx = redis
    .multi()
    .set(keys.job(job.id), JSON.stringify(next))
    .zrem(keys.jobs('open'), job.id)
    .zrem(keys.jobs('open', job.companyId), job.id)
    .zadd(keys.jobs('closed'), score, job.id)
    .zadd(keys.jobs('closed', job.companyId), score, job.id)
    .hincrby(keys.totals(), 'jobsOpen', -1)
    .hincrby(keys.totals(), 'headcountOpen', -job.headcount)
  await bumpStreamsOf(redis, tx, job.id)
  await tx.exec()
  return next
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
