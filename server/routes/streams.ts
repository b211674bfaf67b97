import { Hono, type Context } from 'hono'
import type { Redis } from 'ioredis'
import { z } from 'zod'
import type { AppEnv } from '../context.ts'
import { ApiError, notFound } from '../errors.ts'
import { isoDate, jsonBody, queryOf } from '../lib/validate.ts'
import { companyOf, requireApprovedRecruiter } from '../middleware/roles.ts'
import { ownStream } from './owned.ts'
import { createStream, getStream, listStreams, moveStream, saveStream } from '../store/streams.ts'
import { decorateStreams } from '../store/stream-rows.ts'
import { getJobs } from '../store/jobs.ts'
import { getFair } from '../store/fairs.ts'
import { getCompany } from '../store/companies.ts'
import { pageLimit } from '../store/paging.ts'
import type { Stream } from '../store/types.ts'

const HOUR = 3600_000
const fields = {
  title: z.string().trim().min(2, 'At least 2 characters').max(80),
  scheduledAt: isoDate.transform((d) => new Date(d).toISOString()),
  jobIds: z
    .array(z.string().min(1).max(64))
    .min(1, 'Pick at least one job')
    .max(30, 'At most 30 jobs per stream')
    .refine((ids) => new Set(ids).size === ids.length, 'A job is listed twice'),
  fairId: z.string().min(1).max(64),
  description: z.string().trim().max(2000),
}
const createSchema = z
  .object({ title: fields.title, scheduledAt: fields.scheduledAt, jobIds: fields.jobIds, fairId: fields.fairId.nullish(), description: fields.description.optional() })
  .strict()
const patchSchema = z
  .object({ title: fields.title, scheduledAt: fields.scheduledAt, jobIds: fields.jobIds, fairId: fields.fairId.nullable(), description: fields.description.nullable() })
  .partial()
  .strict()
const listQuery = z.object({
  status: z.enum(['live', 'scheduled', 'ended']).optional(),
  fairId: z.string().max(64).optional(),
  companyId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().max(512).optional(),
})

const invalid = (path: (string | number)[], message: string) =>
  new ApiError('VALIDATION_FAILED', `${path.join('.')}: ${message}`, [{ path: path.map(String), message }])

/** A stream may show only its company's own jobs; newly attached ones must be open. */
async function checkJobs(redis: Redis, companyId: string, jobIds: string[], alreadyAttached: string[] = []) {
  const found = new Map((await getJobs(redis, jobIds)).map((j) => [j.id, j]))
  jobIds.forEach((id, i) => {
    const job = found.get(id)
    if (!job || job.companyId !== companyId) throw invalid(['jobIds', i], 'Not one of your jobs')
    if (job.status !== 'open' && !alreadyAttached.includes(id)) throw invalid(['jobIds', i], 'This job is closed')
  })
}

async function checkFair(redis: Redis, fairId: string | null | undefined) {
  if (fairId && !(await getFair(redis, fairId))) throw invalid(['fairId'], 'No such fair')
}

function checkTime(iso: string, now: Date) {
  const t = Date.parse(iso)
  if (t < now.getTime() - HOUR) throw invalid(['scheduledAt'], 'This time has already passed')
  if (t > now.getTime() + 366 * 24 * HOUR) throw invalid(['scheduledAt'], 'Schedule at most a year ahead')
}


const now = (c: Context<AppEnv>) => c.get('deps').now?.() ?? new Date()

export const streams = new Hono<AppEnv>()
  .post('/', requireApprovedRecruiter, jsonBody(createSchema), async (c) => {
    const body = c.req.valid('json')
    const { redis } = c.get('deps')
    checkTime(body.scheduledAt, now(c))
    await checkJobs(redis, companyOf(c), body.jobIds)
    await checkFair(redis, body.fairId)
    const stream = await createStream(redis, companyOf(c), { ...body, fairId: body.fairId ?? null }, now(c))
    return c.json({ stream }, 201)
  })
  .get('/', queryOf(listQuery), async (c) => {
    const q = c.req.valid('query')
    const { redis } = c.get('deps')
    const page = await listStreams(redis, q, pageLimit(q.limit), q.cursor)
    return c.json({ items: await decorateStreams(redis, page.items), next: page.next }, 200)
  })
  .get('/:id', async (c) => {
    const { redis } = c.get('deps')
    const stream = await getStream(redis, c.req.param('id'))
    if (!stream) throw notFound('Stream')
    const [company, jobs, fair] = await Promise.all([
      getCompany(redis, stream.companyId),
      getJobs(redis, stream.jobIds),
      stream.fairId ? getFair(redis, stream.fairId) : null,
    ])
    return c.json({ stream, company, jobs, fair: fair ? { id: fair.id, title: fair.title } : null }, 200)
  })
  .patch('/:id', requireApprovedRecruiter, jsonBody(patchSchema), async (c) => {
    const stream = await ownStream(c)
    const patch = c.req.valid('json')
    const { redis } = c.get('deps')
    if (stream.status === 'ended') throw new ApiError('INVALID_STATE', 'An ended stream cannot be edited')
    if (patch.scheduledAt && patch.scheduledAt !== stream.scheduledAt) checkTime(patch.scheduledAt, now(c))
    if (patch.jobIds) await checkJobs(redis, stream.companyId, patch.jobIds, stream.jobIds)
    if (patch.fairId !== undefined) await checkFair(redis, patch.fairId)
    const next: Stream = { ...stream }
    if (patch.title !== undefined) next.title = patch.title
    if (patch.scheduledAt !== undefined) next.scheduledAt = patch.scheduledAt
    if (patch.jobIds !== undefined) next.jobIds = patch.jobIds
    if (patch.fairId !== undefined) next.fairId = patch.fairId
    if (patch.description === null) delete next.description
    else if (patch.description !== undefined) next.description = patch.description
    return c.json({ stream: await saveStream(redis, stream, next, now(c)) }, 200)
  })
  .post('/:id/start', requireApprovedRecruiter, async (c) => {
    const moved = await moveStream(c.get('deps').redis, await ownStream(c), 'live', now(c))
    if (!moved) throw new ApiError('INVALID_STATE', 'This stream has already ended')
    return c.json({ stream: moved }, 200)
  })
  .post('/:id/end', requireApprovedRecruiter, async (c) => {
    const moved = await moveStream(c.get('deps').redis, await ownStream(c), 'ended', now(c))
    return c.json({ stream: moved! }, 200)
  })
