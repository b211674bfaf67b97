import { Hono, type Context } from 'hono'
import type { Redis } from 'ioredis'
import type { AppEnv } from '../context.ts'
import { ApiError, notFound } from '../errors.ts'
import { livekitEnabled } from '../env.ts'
import { jsonBody, queryOf, validationError } from '../lib/validate.ts'
import { scheduleProblem, streamCreateBody, streamListQuery, streamPatchBody } from '../../schemas/streams.ts'
import { companyOf, requireApprovedRecruiter } from '../middleware/roles.ts'
import { ownStream } from './owned.ts'
import { createStream, getStream, listStreams, saveStream } from '../store/streams.ts'
import { decorateStreams } from '../store/stream-rows.ts'
import { getJobs } from '../store/jobs.ts'
import { getFair } from '../store/fairs.ts'
import { getCompany } from '../store/companies.ts'
import { pageLimit } from '../store/paging.ts'
import type { Stream } from '../store/types.ts'
import { moveReminders, reminderQueueOf } from '../reminders/queue.ts'
import { endStream, startStream, streamMovesOf } from '../streams/moves.ts'

/** A stream may show only its company's own jobs; newly attached ones must be open. */
async function checkJobs(redis: Redis, companyId: string, jobIds: string[], alreadyAttached: string[] = []) {
  const found = new Map((await getJobs(redis, jobIds)).map((j) => [j.id, j]))
  jobIds.forEach((id, i) => {
    const job = found.get(id)
    if (!job || job.companyId !== companyId) throw validationError(`jobIds.${i}`, 'jobIds.notYours')
    if (job.status !== 'open' && !alreadyAttached.includes(id)) throw validationError(`jobIds.${i}`, 'jobIds.closed')
  })
}

/** Live and upcoming streams, and the ended ones still showing a job that takes applications. */
async function withOpenJobs(redis: Redis, streams: Stream[]) {
  const ended = streams.filter((s) => s.status === 'ended')
  const open = new Set((await getJobs(redis, [...new Set(ended.flatMap((s) => s.jobIds))])).filter((j) => j.status === 'open').map((j) => j.id))
  return streams.filter((s) => s.status !== 'ended' || s.jobIds.some((id) => open.has(id)))
}

async function checkFair(redis: Redis, fairId: string | null | undefined) {
  if (fairId && !(await getFair(redis, fairId))) throw validationError('fairId', 'fairId.unknown')
}

function checkTime(iso: string, now: Date) {
  const problem = scheduleProblem(iso, now)
  if (problem) throw validationError('scheduledAt', problem)
}

const now = (c: Context<AppEnv>) => c.get('deps').now?.() ?? new Date()

export const streams = new Hono<AppEnv>()
  .post('/', requireApprovedRecruiter, jsonBody(streamCreateBody), async (c) => {
    const body = c.req.valid('json')
    const { redis } = c.get('deps')
    checkTime(body.scheduledAt, now(c))
    await checkJobs(redis, companyOf(c), body.jobIds)
    await checkFair(redis, body.fairId)
    const stream = await createStream(redis, companyOf(c), { ...body, fairId: body.fairId ?? null }, now(c))
    return c.json({ stream }, 201)
  })
  .get('/', queryOf(streamListQuery), async (c) => {
    const q = c.req.valid('query')
    const { redis } = c.get('deps')
    const page = await listStreams(redis, q, pageLimit(q.limit), q.cursor)
    // A page may then hold fewer than `limit`; `next` still goes on from where this one stopped.
    const items = q.openJobs ? await withOpenJobs(redis, page.items) : page.items
    return c.json({ items: await decorateStreams(redis, items), next: page.next }, 200)
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
    const video = livekitEnabled(c.get('deps').config) // false: the viewer page asks for no token
    return c.json({ stream, company, jobs, fair: fair ? { id: fair.id, title: fair.title } : null, video }, 200)
  })
  .patch('/:id', requireApprovedRecruiter, jsonBody(streamPatchBody), async (c) => {
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
    const saved = await saveStream(redis, stream, next, now(c))
    // 预约直播: every reservation's SMS reminder follows the new start (a live stream's went out when it started)
    if (saved.status === 'scheduled' && saved.scheduledAt !== stream.scheduledAt) await moveReminders(reminderQueueOf(c.get('deps')), redis, saved, now(c))
    return c.json({ stream: saved }, 200)
  })
  .post('/:id/start', requireApprovedRecruiter, async (c) => {
    // 预约直播: live before the reminders' time (10 minutes before the schedule) → they go out now
    const stream = await ownStream(c) // checked before the reminders' queue is touched: a refused caller writes nothing
    const moved = await startStream(streamMovesOf(c.get('deps')), stream, now(c))
    if (!moved) throw new ApiError('INVALID_STATE', 'This stream has already ended')
    return c.json({ stream: moved }, 200)
  })
  .post('/:id/end', requireApprovedRecruiter, async (c) => {
    const stream = await ownStream(c) // before the reminders' queue, as above
    const moved = await endStream(streamMovesOf(c.get('deps')), stream, now(c)) // no reminder for an ended stream
    return c.json({ stream: moved! }, 200)
  })
