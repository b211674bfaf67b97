import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inHours, startTestApp, validJob, type TestApp } from '../helpers/app.ts'
import { audience, chunk } from '../helpers/events.ts'
import { startWorkers, type Workers } from '../../workers/main.ts'
import { keys } from '../../server/store/keys.ts'
import { eventsQueue } from '../../server/beacons/queue.ts'
import { finalizeReports, REPORT_GRACE_MS } from '../../workers/finalize-reports.ts'

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
  await workers.close()
  await t.stop()
})

async function liveStream() {
  const id = (await t.call('POST', '/api/streams', { cookie: owner.cookie, body: { title: '直播', scheduledAt: inHours(1), jobIds: [jobId] } })).json.stream.id
  await t.call('POST', `/api/streams/${id}/start`, { cookie: owner.cookie })
  return id as string
}

const send = (events: unknown[], headers: Record<string, string> = {}) => t.call('POST', '/api/events', { body: { events }, headers })
const stats = async (id: string, cookie = owner.cookie) => (await t.call('GET', `/api/streams/${id}/stats`, { cookie })).json

async function until(check: () => Promise<boolean>, ms: number) {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await check()) return Date.now()
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('condition not met in time')
}

describe('POST /api/events', () => {
  it('rejects more than 100 events, unknown types and bad ids with 400', async () => {
    const id = await liveStream()
    const one = { id: 'evt-00000001', type: 'join', streamId: id, viewerId: 'viewer-0001', sessionId: 'session-0001' }
    expect((await send(Array.from({ length: 101 }, (_, i) => ({ ...one, id: `evt-many-${i}-x` })))).status).toBe(400)
    expect((await send([{ ...one, type: 'dislike' }])).status).toBe(400)
    expect((await send([{ ...one, viewerId: 'x' }])).status).toBe(400)
    expect((await send([])).status).toBe(400)
    const malformed = await t.call('POST', '/api/events', { raw: '{"events": [', headers: { 'content-type': 'application/json' } })
    expect(malformed.json.error.code).toBe('MALFORMED_JSON')
  })

  it('accepts sendBeacon’s text/plain, drops events for unknown streams, and answers 202', async () => {
    const id = await liveStream()
    const body = JSON.stringify({ events: [
      { id: 'evt-plain-0001', type: 'join', streamId: id, viewerId: 'viewer-plain-1', sessionId: 'session-plain-1' },
      { id: 'evt-plain-0002', type: 'join', streamId: 'NO-SUCH-STREAM', viewerId: 'viewer-plain-1', sessionId: 'session-plain-1' },
    ] })
    const res = await t.call('POST', '/api/events', { raw: body, headers: { 'content-type': 'text/plain;charset=UTF-8' } })
    expect(res.status).toBe(202)
    expect(res.json).toEqual({ accepted: 1 })
    expect(await t.redis.exists(keys.streamCounters('NO-SUCH-STREAM'))).toBe(0)
  })

  it('refuses a body over 64 KiB with 413', async () => {
    const res = await t.call('POST', '/api/events', { raw: JSON.stringify({ events: [], pad: 'x'.repeat(70_000) }), headers: { 'content-type': 'text/plain' } })
    expect(res.status).toBe(413)
  })
})

describe('counting', () => {
  it('counts a known audience exactly, duplicates once, within 2 s of the last accepted event', async () => {
    const id = await liveStream()
    const { events, expected } = audience(id, jobId, 120)
    for (const part of chunk(events, 50)) expect((await send(part)).status).toBe(202)
    const dupes = events.filter((_, i) => i % 4 === 0)
    for (const part of chunk(dupes, 50)) await send(part) // re-sent beacons: same ids
    const sentAt = Date.now()
    const doneAt = await until(async () => {
      const s = await stats(id)
      return s.entries === expected.entries && s.views === expected.views && s.impressions === expected.impressions && s.concurrent === expected.concurrent
    }, 5000)
    expect(doneAt - sentAt).toBeLessThan(2000)
    const s = await stats(id)
    expect(s).toMatchObject({ ...expected, peakConcurrent: expected.concurrent, applications: 0, placements: 0 })
    expect(s.jobs).toEqual([{ jobId, impressions: expected.impressions, clicks: expected.clicks, applications: 0, placements: 0 }])
    expect(s.series.at(-1)).toMatchObject({ concurrent: expected.concurrent })
    // the overlay's viewer count follows
    expect((await t.call('GET', `/api/streams/${id}/live`)).json.viewers).toBe(expected.concurrent)
  })

  it('a beat delivered late (queued while offline) counts its watch time but not as watching now', async () => {
    const id = await liveStream()
    // The phone's clock runs an hour fast: only the difference between `at` and `sentAt` is used.
    const phoneNow = Date.now() + 3600_000
    const session = (n: string, ageMs: number) => [
      { id: `late-${n}-join-1`, type: 'join', streamId: id, viewerId: `viewer-late-${n}`, sessionId: `session-late-${n}`, at: phoneNow - ageMs - 15_000 },
      { id: `late-${n}-beat-2`, type: 'beat', streamId: id, viewerId: `viewer-late-${n}`, sessionId: `session-late-${n}`, watchedMs: 15_000, at: phoneNow - ageMs },
    ]
    // `at` may be an ISO string too; one that claims to be newer than sentAt is simply "now".
    const iso = session('iso', 5 * 60_000).map((e) => ({ ...e, at: new Date(e.at).toISOString() }))
    const future = session('future', -60_000)
    const res = await t.call('POST', '/api/events', { body: { events: [...session('old', 10 * 60_000), ...session('new', 2000), ...iso, ...future], sentAt: phoneNow } })
    expect(res.json).toEqual({ accepted: 8 })
    await until(async () => (await stats(id)).views === 4 && (await stats(id)).concurrent === 2, 4000)
    expect(await stats(id)).toMatchObject({ entries: 4, views: 4, watchSeconds: 60, concurrent: 2 })
    expect((await t.redis.zrange(keys.streamActive(id), '0', '-1')).sort()).toEqual(['session-late-future', 'session-late-new'])
  })

  it('counts a view once, when a session’s watch time crosses 10 s, however its beats are batched', async () => {
    const id = await liveStream()
    const beat = (session: string, n: number, watchedMs: number) => ({ id: `${session}-beat-${n}-xyz`, type: 'beat', streamId: id, viewerId: `viewer-${session}`, sessionId: `${session}-session`, watchedMs })
    // a: 4 s + 4 s (no view yet) … + 4 s (view); b: 12 s (view) then more; c: 9.9 s (never).
    // Each session's total stays within the wall clock since it began (+ one beat's slack).
    expect((await send([beat('a', 1, 4000), beat('b', 1, 12_000), beat('c', 1, 9900)])).status).toBe(202)
    const watchMs = async () => Number(await t.redis.hget(keys.streamCounters(id), 'watchMs'))
    await until(async () => (await watchMs()) === 25_900, 3000)
    expect((await stats(id)).views).toBe(1)
    expect((await send([beat('a', 2, 4000), beat('b', 2, 2000)])).status).toBe(202)
    await until(async () => (await watchMs()) === 31_900, 3000)
    expect((await stats(id)).views).toBe(1)
    expect((await send([beat('a', 3, 4000), beat('b', 3, 2000), beat('a', 3, 4000)])).status).toBe(202) // a's repeat id counts once
    await until(async () => (await watchMs()) === 37_900, 3000)
    expect((await stats(id)).views).toBe(2)
    expect(await t.redis.hgetall(keys.streamWatch(id))).toEqual({ 'a-session': '12000', 'b-session': '16000', 'c-session': '9900' })
    expect((await stats(id)).suspectEvents).toBe(0)
  })

  it('still counts a job queued in the older one-object-per-event format', async () => {
    const id = await liveStream()
    const { events, expected } = audience(id, jobId, 10, 'legacy')
    const queue = eventsQueue(t.redis)
    await queue.add('count', { events: events.map((e) => ({ ...e, t: Date.now() })) } as never)
    await queue.close()
    await until(async () => (await stats(id)).clicks === expected.clicks, 4000)
    expect(await stats(id)).toMatchObject({ entries: expected.entries, views: expected.views, impressions: expected.impressions, clicks: expected.clicks, watchSeconds: expected.watchSeconds })
  })

  it('counts applications and placements from the records, not from beacons', async () => {
    const id = await liveStream()
    const app = await t.call('POST', `/api/streams/${id}/applications`, { body: { jobId, name: '张', phone: '13600000001', consent: true } })
    await t.call('PATCH', `/api/applications/${app.json.application.id}`, { cookie: owner.cookie, body: { status: 'hired' } })
    const s = await stats(id)
    expect(s).toMatchObject({ applications: 1, placements: 1 })
    expect(s.jobs[0]).toMatchObject({ applications: 1, placements: 1 })
    expect(s.series.reduce((n: number, p: { applications: number }) => n + p.applications, 0)).toBe(1)
    await t.call('PATCH', `/api/applications/${app.json.application.id}`, { cookie: owner.cookie, body: { status: 'rejected' } })
    expect((await stats(id)).placements).toBe(0)
  })

  it('a failed batch retried by BullMQ counts every event exactly once', async () => {
    const a = await liveStream()
    const b = await liveStream()
    const first = audience(a, jobId, 30, 'fa')
    const second = audience(b, jobId, 30, 'fb')
    // Make stream b's fold fail: its counters key holds a string, so HINCRBY errors (WRONGTYPE)
    // after stream a's events were already folded in the same job.
    await t.redis.set(keys.streamCounters(b), 'not-a-hash')
    const mixed = [...first.events.slice(0, 50), ...second.events.slice(0, 50)]
    expect((await send(mixed)).status).toBe(202)
    await until(async () => (await stats(a)).entries > 0, 3000)
    const failing = eventsQueue(t.redis)
    await until(async () => (await failing.getDelayedCount()) > 0, 5000) // the job failed once and waits for its retry
    await failing.close()
    await t.redis.del(keys.streamCounters(b)) // the fault clears; the retry goes through
    await until(async () => Number(await t.redis.hget(keys.streamCounters(b), 'entries')) > 0, 10_000)
    const queue = eventsQueue(t.redis)
    const retried = (await queue.getCompleted(0, 100)).filter((j) => j.attemptsMade > 1)
    await queue.close()
    expect(retried.length).toBeGreaterThan(0) // the fault really failed a job, which then succeeded
    for (const part of chunk([...first.events.slice(50), ...second.events.slice(50)], 50)) await send(part)
    await until(async () => (await stats(a)).impressions === first.expected.impressions && (await stats(b)).impressions === second.expected.impressions, 5000)
    for (const [id, { expected }] of [[a, first], [b, second]] as const) {
      expect(await stats(id)).toMatchObject({ entries: expected.entries, views: expected.views, uniqueViewers: expected.uniqueViewers, watchSeconds: expected.watchSeconds, impressions: expected.impressions, clicks: expected.clicks })
    }
  })

  it('freezes a final report after the stream ends', async () => {
    const id = await liveStream()
    const { events, expected } = audience(id, jobId, 10, 'fin')
    await send(events)
    await until(async () => (await stats(id)).entries === expected.entries, 3000)
    await t.call('POST', `/api/streams/${id}/end`, { cookie: owner.cookie })
    expect(await finalizeReports(t.redis, Date.now())).not.toContain(id) // still in the grace period
    expect(await finalizeReports(t.redis, Date.now() + REPORT_GRACE_MS + 1)).toContain(id)
    const report = await stats(id)
    expect(report).toMatchObject({ final: true, entries: expected.entries, views: expected.views, concurrent: 0, placements: 0 })
    // hiring goes on after the show: the frozen report still shows today's placements
    const app = await t.call('POST', `/api/streams/${id}/applications`, { body: { jobId, name: '王', phone: '13611112222', consent: true } })
    await t.call('PATCH', `/api/applications/${app.json.application.id}`, { cookie: owner.cookie, body: { status: 'hired' } })
    expect(await stats(id)).toMatchObject({ final: true, entries: expected.entries, applications: 1, placements: 1 })
    // Counting is over: the per-session sets are gone (the HyperLogLog for fair rollups stays)…
    for (const key of [keys.streamSessions(id), keys.streamViewers(id), keys.streamPairs(id), keys.streamLeft(id), keys.streamViewed(id)]) expect(await t.redis.exists(key)).toBe(0)
    expect(await t.redis.pfcount(keys.streamViewersHll(id))).toBe(expected.uniqueViewers)
    // …and a late beacon (a phone back online) changes no number, here or in any rollup.
    const counters = await t.redis.hgetall(keys.streamCounters(id))
    const late = audience(id, jobId, 5, 'late-after-final').events
    expect((await send(late)).json).toEqual({ accepted: late.length })
    const queue = eventsQueue(t.redis)
    await until(async () => {
      const n = await queue.getJobCounts('waiting', 'active', 'delayed')
      return (n.waiting ?? 0) + (n.active ?? 0) + (n.delayed ?? 0) === 0
    }, 3000)
    await queue.close()
    expect(await t.redis.hgetall(keys.streamCounters(id))).toEqual(counters)
    expect(await stats(id)).toMatchObject({ entries: expected.entries, impressions: expected.impressions })
  })

  it('shows stats to the stream’s company and organizers only', async () => {
    const id = await liveStream()
    expect((await t.call('GET', `/api/streams/${id}/stats`, { cookie: await t.organizer() })).status).toBe(200)
    expect((await t.call('GET', `/api/streams/${id}/stats`, { cookie: (await t.recruiter()).cookie })).status).toBe(403)
    expect((await t.call('GET', `/api/streams/${id}/stats`)).status).toBe(401)
  })
})
