import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inHours, startTestApp, validJob, type TestApp } from '../helpers/app.ts'
import { until } from '../helpers/until.ts'
import { startWorkers, type Workers } from '../../workers/main.ts'
import { acceptedOf, batchOf, type CountedEvent } from '../../server/counting/rows.ts'
import { countEvents } from '../../server/counting/fold.ts'
import { eventsQueue } from '../../server/beacons/queue.ts'
import { countComment } from '../../server/counting/comments.ts'
import { epochMinute } from '../../server/counting/fields.ts'
import { finalizeReports, REPORT_GRACE_MS } from '../../workers/finalize-reports.ts'

// The live room's conversation in the numbers (docs/counting.md): likes are beacons counted
// once per id from admitted sessions; comments and commenters are counted where comments are
// stored (countComment); stream stats, per-minute series and fair rollups carry all three.

let t: TestApp
let workers: Workers
let owner: Awaited<ReturnType<TestApp['recruiter']>>
let jobId: string

beforeAll(async () => {
  t = await startTestApp()
  workers = await startWorkers(t.server.url, () => {})
  owner = await t.recruiter()
  jobId = (await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob() })).json.job.id
})
afterAll(async () => {
  await workers?.close()
  await t?.stop()
})

async function liveStream(fairId?: string) {
  const res = await t.call('POST', '/api/streams', { cookie: owner.cookie, body: { title: '直播', scheduledAt: inHours(1), jobIds: [jobId], ...(fairId ? { fairId } : {}) } })
  expect(res.status, res.text).toBe(201)
  await t.call('POST', `/api/streams/${res.json.stream.id}/start`, { cookie: owner.cookie })
  return res.json.stream.id as string
}
const stats = async (id: string) => (await t.call('GET', `/api/streams/${id}/stats`, { cookie: owner.cookie })).json
const send = (events: unknown[]) => t.call('POST', '/api/events', { body: { events } })

describe('likes', () => {
  it('counts each like id once through POST /api/events, per minute too', async () => {
    const id = await liveStream()
    const base = { streamId: id, viewerId: 'like-viewer-1', sessionId: 'like-session-1' }
    const likes = Array.from({ length: 30 }, (_, i) => ({ ...base, id: `like-ev-${String(i).padStart(4, '0')}`, type: 'like' }))
    expect((await send([{ ...base, id: 'like-join-0001', type: 'join' }, ...likes])).status).toBe(202)
    // the same 30 ids again (a weak network resending), plus 5 new ones
    expect((await send([...likes, ...likes.slice(0, 5).map((e) => ({ ...e, id: `${e.id}-new` }))])).status).toBe(202)
    const s = await until('35 likes counted', async () => {
      const got = await stats(id)
      return got.likes === 35 && got.entries === 1 ? got : false
    })
    expect(s.suspectEvents).toBe(0)
    expect(s.series.reduce((n: number, p: { likes: number }) => n + p.likes, 0)).toBe(35)
    // no extra count arrives later: every accepted event is folded once the queue is drained
    await until('the events queue drained', async () => {
      const c = await eventsQueue(t.redis).getJobCounts('waiting', 'active', 'delayed')
      return (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) === 0
    })
    expect((await stats(id)).likes).toBe(35)
  })

  it('a session over the address budget has its likes refused as suspect, the admitted session’s count', async () => {
    const id = await liveStream()
    const now = Date.now()
    const session = (n: number): CountedEvent[] => {
      const base = { streamId: id, viewerId: `budget-viewer-${n}`, sessionId: `budget-session-${n}`, t: now, who: 'one-address' }
      return [{ ...base, id: `budget-join-${n}`, type: 'join' }, ...Array.from({ length: 4 }, (_, i) => ({ ...base, id: `budget-like-${n}-${i}`, type: 'like' as const }))]
    }
    await countEvents(t.redis, batchOf(acceptedOf([...session(1), ...session(2)], 1)))
    expect(await stats(id)).toMatchObject({ entries: 1, likes: 4, suspectEvents: 5 })
  })
})

describe('comments and commenters', () => {
  it('countComment counts every stored comment and each commenting viewer once, per minute too; the final report freezes them', async () => {
    const id = await liveStream()
    const at = Date.now()
    for (const viewer of ['c-viewer-1', 'c-viewer-2', 'c-viewer-1']) expect(await countComment(t.redis, id, viewer, at)).toBe(true)
    const s = await stats(id)
    expect(s).toMatchObject({ comments: 3, commenters: 2, likes: 0 })
    expect(s.series.find((p: { t: string }) => p.t === new Date(epochMinute(at) * 60_000).toISOString())).toMatchObject({ comments: 3 })

    expect((await t.call('POST', `/api/streams/${id}/end`, { cookie: owner.cookie })).status).toBe(200)
    await finalizeReports(t.redis, Date.now() + REPORT_GRACE_MS + 1000)
    expect(await countComment(t.redis, id, 'c-viewer-3', Date.now())).toBe(false)
    expect(await stats(id)).toMatchObject({ final: true, comments: 3, commenters: 2 })
  })

  it('fairs sum their streams’ likes, comments and commenters, and their per-minute comments', async () => {
    const org = await t.organizer()
    const fair = (await t.call('POST', '/api/fairs', { cookie: org, body: { title: `会话统计 ${Date.now()}`, startsAt: inHours(-1), endsAt: inHours(30) } })).json.fair
    const a = await liveStream(fair.id)
    const b = await liveStream(fair.id)
    const at = Date.now()
    await countComment(t.redis, a, 'f-viewer-1', at)
    await countComment(t.redis, b, 'f-viewer-1', at)
    await countComment(t.redis, b, 'f-viewer-2', at)
    const now = Date.now()
    const liker = (streamId: string, n: number): CountedEvent[] => {
      const base = { streamId, viewerId: `f-liker-${streamId}`, sessionId: `f-liker-session-${streamId}`, t: now }
      return [{ ...base, id: `f-join-${streamId}`, type: 'join' }, ...Array.from({ length: n }, (_, i) => ({ ...base, id: `f-like-${streamId}-${i}`, type: 'like' as const }))]
    }
    await countEvents(t.redis, batchOf(acceptedOf([...liker(a, 2), ...liker(b, 3)])))
    const res = await t.call('GET', `/api/fairs/${fair.id}/stats`, { cookie: org })
    expect(res.status, res.text).toBe(200)
    expect(res.json).toMatchObject({ comments: 3, commenters: 3, likes: 5 })
    expect(res.json.series.reduce((n: number, p: { comments: number }) => n + p.comments, 0)).toBe(3)
    expect(res.json.series.reduce((n: number, p: { likes: number }) => n + p.likes, 0)).toBe(5)
    expect(res.json.companies.find((c: { companyId: string }) => c.companyId === owner.companyId)).toMatchObject({ comments: 3, likes: 5 })
    const overview = await t.call('GET', '/api/stats/overview', { cookie: org })
    expect(overview.json.comments).toBeGreaterThanOrEqual(3)
    expect(overview.json.likes).toBeGreaterThanOrEqual(5)
  })
})
