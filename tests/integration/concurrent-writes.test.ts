// Two writers on one record at once (a recruiter's edit and a LiveKit webhook, a close and an
// edit): whoever read a record before the other wrote it must not write the old state back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, validJob, inHours, type TestApp } from '../helpers/app.ts'
import { keys } from '../../server/store/keys.ts'
import { closeJob, createJob, getJob, saveJob } from '../../server/store/jobs.ts'
import { createStream, getStream, moveStream, saveStream } from '../../server/store/streams.ts'
import type { Job } from '../../server/store/types.ts'

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.stop())

const totals = async () => {
  const h = await t.redis.hgetall(keys.totals())
  return { jobsOpen: Number(h.jobsOpen ?? 0), headcountOpen: Number(h.headcountOpen ?? 0) }
}
const newStream = async (jobIds: string[] = []) => createStream(t.redis, 'C-race', { title: '直播', scheduledAt: inHours(1), jobIds, fairId: null })

describe('streams', () => {
  it('an edit read before the stream ended is refused with CONFLICT, and the stream stays ended', async () => {
    const live = (await moveStream(t.redis, await newStream(), 'live'))!
    const ended = (await moveStream(t.redis, live, 'ended'))! // e.g. LiveKit's room_finished
    await expect(saveStream(t.redis, live, { ...live, title: '改个标题' })).rejects.toMatchObject({ name: 'StoreError', kind: 'conflict' })
    expect(await getStream(t.redis, live.id)).toEqual(ended)
    expect(await t.redis.zscore(keys.streams('live'), live.id)).toBeNull()
    expect(await t.redis.zscore(keys.streams('ended'), live.id)).not.toBeNull()
  })

  it('a move made from a stale copy reads again and keeps the other writer’s change', async () => {
    const stream = await newStream()
    const edited = await saveStream(t.redis, stream, { ...stream, title: '新标题' })
    const moved = await moveStream(t.redis, stream, 'live') // `stream` predates the edit
    expect(moved).toMatchObject({ status: 'live', title: '新标题' })
    expect(await getStream(t.redis, stream.id)).toMatchObject({ status: 'live', title: '新标题', createdAt: edited.createdAt })
  })

  it('twenty starts and twenty ends at once leave one consistent stream', async () => {
    const stream = await newStream()
    await Promise.all([...Array.from({ length: 20 }, () => moveStream(t.redis, stream, 'live')), ...Array.from({ length: 20 }, () => moveStream(t.redis, stream, 'ended'))])
    const final = (await getStream(t.redis, stream.id))!
    const indexed = await Promise.all((['scheduled', 'live', 'ended'] as const).map(async (s) => [s, await t.redis.zscore(keys.streams(s), stream.id)] as const))
    expect(indexed.filter(([, score]) => score !== null).map(([s]) => s)).toEqual([final.status]) // in exactly its own index
  })
})

describe('jobs', () => {
  const job = () => createJob(t.redis, 'C-race', validJob({ headcount: 10 }) as never)

  it('closing a job edited meanwhile closes the edited job and takes its headcount off the totals', async () => {
    const stale = await job()
    const before = await totals()
    await saveJob(t.redis, stale, { ...stale, headcount: 25 } as Job) // +15 open places
    await closeJob(t.redis, stale) // from the copy read before the edit
    expect(await getJob(t.redis, stale.id)).toMatchObject({ status: 'closed', headcount: 25 })
    expect(await totals()).toEqual({ jobsOpen: before.jobsOpen - 1, headcountOpen: before.headcountOpen - 10 })
  })

  it('an edit read before the job closed is refused and does not reopen it or move the totals', async () => {
    const open = await job()
    await closeJob(t.redis, open)
    const before = await totals()
    await expect(saveJob(t.redis, open, { ...open, headcount: 40 } as Job)).rejects.toMatchObject({ name: 'StoreError', kind: 'conflict' })
    expect(await getJob(t.redis, open.id)).toMatchObject({ status: 'closed', headcount: 10 })
    expect(await totals()).toEqual(before)
  })

  it('over HTTP, a conflicting edit answers 409 CONFLICT in the error shape', async () => {
    const owner = await t.recruiter()
    const created = (await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob() })).json.job
    // Two edits sent together: both read the same job; each succeeds or says CONFLICT, none is lost silently.
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => t.call('PATCH', `/api/jobs/${created.id}`, { cookie: owner.cookie, body: { headcount: 11 + i } })))
    expect(results.every((r) => r.status === 200 || (r.status === 409 && r.json.error.code === 'CONFLICT'))).toBe(true)
    const stored = (await getJob(t.redis, created.id))!
    const winners = results.filter((r) => r.status === 200).map((r) => r.json.job.headcount)
    expect(winners).toContain(stored.headcount)
    // The platform's running total still equals the open jobs' headcounts: no stale delta applied twice.
    const open = await t.redis.zrange(keys.jobs('open'), '0', '-1')
    const jobs = await Promise.all(open.map((id) => getJob(t.redis, id)))
    expect((await totals()).headcountOpen).toBe(jobs.reduce((n, j) => n + j!.headcount, 0))
  })
})
