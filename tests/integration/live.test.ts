import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inHours, startTestApp, validJob, cookieFrom, type TestApp } from '../helpers/app.ts'
import { startServer } from '../helpers/server.ts'
import { openSse } from '../helpers/sse.ts'

describe('overlay state and pin (app.request)', () => {
  let t: TestApp
  let owner: Awaited<ReturnType<TestApp['recruiter']>>
  let streamId: string
  let jobA: string
  let jobB: string
  beforeAll(async () => {
    t = await startTestApp()
    owner = await t.recruiter()
    jobA = (await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob({ headcount: 40 }) })).json.job.id
    jobB = (await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob({ headcount: 5 }) })).json.job.id
    streamId = (await t.call('POST', '/api/streams', { cookie: owner.cookie, body: { title: '探厂', scheduledAt: inHours(1), jobIds: [jobA, jobB] } })).json.stream.id
  })
  afterAll(() => t.stop())

  it('describes the stream: status, no pin, per-job counts and places left', async () => {
    const res = await t.call('GET', `/api/streams/${streamId}/live`)
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({ status: 'scheduled', pinned: null, viewers: 0, jobs: [{ jobId: jobA, applications: 0, headcountLeft: 40 }, { jobId: jobB, applications: 0, headcountLeft: 5 }] })
    expect(res.headers.get('etag')).toBe(`"v${res.json.version}"`)
    expect(res.headers.get('cache-control')).toBe('public, max-age=1')
  })

  it('pins and unpins; every change raises the version; If-None-Match gives 304 until then', async () => {
    const before = await t.call('GET', `/api/streams/${streamId}/live`)
    const etag = before.headers.get('etag')!
    expect((await t.call('GET', `/api/streams/${streamId}/live`, { headers: { 'if-none-match': etag } })).status).toBe(304)
    await t.call('POST', `/api/streams/${streamId}/start`, { cookie: owner.cookie })
    const pinned = await t.call('POST', `/api/streams/${streamId}/pin`, { cookie: owner.cookie, body: { jobId: jobB } })
    expect(pinned.status).toBe(200)
    expect(pinned.json.live).toMatchObject({ status: 'live', pinned: { jobId: jobB } })
    expect(pinned.json.live.version).toBeGreaterThan(before.json.version)
    expect((await t.call('GET', `/api/streams/${streamId}/live`, { headers: { 'if-none-match': etag } })).status).toBe(200)
    const unpinned = await t.call('POST', `/api/streams/${streamId}/pin`, { cookie: owner.cookie, body: { jobId: null } })
    expect(unpinned.json.live.pinned).toBeNull()
    expect(unpinned.json.live.version).toBeGreaterThan(pinned.json.live.version)
  })

  it('a job edit or close reaches the overlay of every stream showing it', async () => {
    const before = (await t.call('GET', `/api/streams/${streamId}/live`)).json
    await t.call('PATCH', `/api/jobs/${jobA}`, { cookie: owner.cookie, body: { headcount: 25 } })
    const edited = (await t.call('GET', `/api/streams/${streamId}/live`)).json
    expect(edited.version).toBeGreaterThan(before.version)
    expect(edited.jobs.find((j: { jobId: string }) => j.jobId === jobA).headcountLeft).toBe(25)
    await t.call('POST', `/api/jobs/${jobA}/close`, { cookie: owner.cookie })
    const closed = (await t.call('GET', `/api/streams/${streamId}/live`)).json
    expect(closed.version).toBeGreaterThan(edited.version)
    expect(closed.jobs.find((j: { jobId: string }) => j.jobId === jobA).headcountLeft).toBe(0)
  })

  it('refuses a job that is not on the stream, another company, and anonymous', async () => {
    const bad = await t.call('POST', `/api/streams/${streamId}/pin`, { cookie: owner.cookie, body: { jobId: 'NOT-HERE' } })
    expect(bad.status).toBe(400)
    const other = await t.recruiter()
    expect((await t.call('POST', `/api/streams/${streamId}/pin`, { cookie: other.cookie, body: { jobId: jobA } })).status).toBe(403)
    expect((await t.call('POST', `/api/streams/${streamId}/pin`, { body: { jobId: jobA } })).status).toBe(401)
    expect((await t.call('GET', '/api/streams/NOPE/live')).status).toBe(404)
  })

  it('SSE is unavailable without the Node hub (the Workers path polls instead)', async () => {
    const res = await t.call('GET', `/api/streams/${streamId}/live/events`)
    expect(res.status).toBe(503)
    expect(res.json.error.code).toBe('LIVE_EVENTS_UNAVAILABLE')
  })
})

/** The `live` events (overlay states) a viewer's SSE connection got so far. */
const liveOf = (v: ReturnType<typeof openSse>): { version: number; pinned: { jobId: string } | null; jobs: { jobId: string; applications: number }[] }[] => v.of('live')

async function until<T>(fn: () => T | undefined, ms = 3000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = fn()
    if (v) return v
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('SSE on the Node server', () => {
  let server: Awaited<ReturnType<typeof startServer>>
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(() => server.stop())

  async function post(path: string, body: unknown, cookie?: string) {
    const res = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) })
    return { status: res.status, json: await res.json(), cookie: cookieFrom(res.headers) }
  }

  it('sends the current state first, then a pin and new applications to every open connection', async () => {
    const reg = await post('/api/auth/register', { email: 'sse@test.local', password: 'password-1', name: '王', companyName: '恒达' })
    const org = (await post('/api/auth/login', { email: 'organizer@test.local', password: 'organizer-pass-1' })).cookie
    await post(`/api/admin/recruiters/${reg.json.user.id}/approve`, {}, org)
    const hr = (await post('/api/auth/login', { email: 'sse@test.local', password: 'password-1' })).cookie
    const job = (await post('/api/jobs', validJob(), hr)).json.job.id
    const id = (await post('/api/streams', { title: '直播', scheduledAt: inHours(1), jobIds: [job] }, hr)).json.stream.id
    await post(`/api/streams/${id}/start`, {}, hr)

    const viewers = Array.from({ length: 20 }, () => openSse(`${server.url}/api/streams/${id}/live/events`))
    try {
      await until(() => viewers.every((v) => liveOf(v).length >= 1))
      expect(viewers[0]!.headers()['content-type']).toMatch(/^text\/event-stream/)
      const first = liveOf(viewers[0]!)[0]!
      expect(first.pinned).toBeNull()

      // How fast a pin reaches every viewer is measured in `npm run bench sse`, not here.
      await post(`/api/streams/${id}/pin`, { jobId: job }, hr)
      await until(() => viewers.every((v) => liveOf(v).some((e) => e.pinned?.jobId === job)))

      const applied = await post(`/api/streams/${id}/applications`, { jobId: job, name: '李', phone: '13700000001', consent: true })
      expect(applied.status).toBe(201)
      await until(() => viewers.every((v) => liveOf(v).some((e) => e.jobs[0]!.applications === 1)))
      for (const v of viewers) {
        const versions = liveOf(v).map((e) => e.version)
        expect(versions).toEqual([...versions].sort((a, b) => a - b)) // never goes backwards on one connection
      }
    } finally {
      for (const v of viewers) v.close()
    }
  })

  it('answers 404 for an unknown stream instead of opening a stream', async () => {
    const res = await fetch(`${server.url}/api/streams/NOPE/live/events`)
    expect(res.status).toBe(404)
    expect((await res.json()).error.code).toBe('NOT_FOUND')
  })
})
