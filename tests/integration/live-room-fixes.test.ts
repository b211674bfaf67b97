import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '../helpers/server.ts'
import { approvedRecruiter, post } from '../helpers/platform-accounts.ts'
import { until } from '../helpers/until.ts'
import { validJob } from '../helpers/app.ts'
import { openSse } from '../helpers/sse.ts'

// What viewers hit in the live room (issue 14), on the real Node platform (SSE included), no LiveKit.

describe('live room fixes (real Node platform)', () => {
  let server: Awaited<ReturnType<typeof startServer>>
  let hr: string
  let streamId: string
  let jobId: string
  let otherJob: string
  const call = async (method: string, path: string, body?: unknown, cookie = hr) => {
    const res = await fetch(`${server.url}${path}`, { method, headers: { 'content-type': 'application/json', cookie }, body: body === undefined ? undefined : JSON.stringify(body) })
    return { status: res.status, json: (await res.json().catch(() => null)) as any }
  }

  beforeAll(async () => {
    server = await startServer()
    hr = await approvedRecruiter(server.url, 'hr-room-fixes@test.local')
    jobId = (await call('POST', '/api/jobs', validJob({ headcount: 30 }))).json.job.id
    otherJob = (await call('POST', '/api/jobs', validJob({ title: '包装工' }))).json.job.id
    streamId = (await call('POST', '/api/streams', { title: '探厂', scheduledAt: new Date(Date.now() + 3600_000).toISOString(), jobIds: [jobId, otherJob] })).json.stream.id
    expect((await call('POST', `/api/streams/${streamId}/start`)).status).toBe(200)
  }, 60_000)
  afterAll(() => server?.stop())

  it('full-width digits, ＋８６, full-width spaces and dashes are a valid phone, stored as 11 ASCII digits', async () => {
    const res = await post(server.url, `/api/streams/${streamId}/applications`, { jobId, name: '李大姐', phone: '＋８６　１３８－００１３－８８０１', consent: true })
    expect(res.status).toBe(201)
    const plain = await post(server.url, `/api/streams/${streamId}/applications`, { jobId: otherJob, name: '李大姐', phone: '１３８００１３８８０１', consent: true })
    expect(plain.status).toBe(201)
    const list = await call('GET', `/api/streams/${streamId}/applications`)
    expect(list.json.items.filter((a: { name: string }) => a.name === '李大姐').map((a: { phone: string }) => a.phone)).toEqual(['13800138801', '13800138801'])
    // The same number typed the other way is the same phone: one application per job.
    expect((await post(server.url, `/api/streams/${streamId}/applications`, { jobId, name: '李大姐', phone: '13800138801', consent: true })).json.error.code).toBe('ALREADY_APPLIED')
  })

  it('a job edit or close reaches viewers already in the room as an SSE `jobs` event', async () => {
    const viewer = openSse(`${server.url}/api/streams/${streamId}/live/events`)
    try {
      await until('the first state', () => viewer.of('live').length > 0)
      expect((await call('PATCH', `/api/jobs/${jobId}`, { pay: { min: 5200, max: 7000, unit: 'month' } })).status).toBe(200)
      await until('the raised pay', () => viewer.of('jobs').some((d) => d.items.some((j: any) => j.id === jobId && j.pay.min === 5200)))
      // Pages that poll (no SSE, as on Workers) learn from the overlay that their records are older.
      const edited = (await call('GET', `/api/jobs/${jobId}`)).json.job
      expect((await call('GET', `/api/streams/${streamId}/live`)).json.jobsUpdatedAt).toBe(edited.updatedAt)
      expect((await call('POST', `/api/jobs/${otherJob}/close`)).status).toBe(200)
      await until('the closed job', () => viewer.of('jobs').some((d) => d.items.some((j: any) => j.id === otherJob && j.status === 'closed')))
    } finally {
      viewer.close()
    }
  })

  it('the stream record says when video is off, and the token refusal is a clear JSON 503', async () => {
    const detail = await call('GET', `/api/streams/${streamId}`, undefined, '')
    expect(detail.json.video).toBe(false)
    const token = await post(server.url, `/api/streams/${streamId}/token`, {})
    expect(token.status).toBe(503)
    expect(token.json.error.code).toBe('LIVEKIT_DISABLED')
  })

  it('ending the stream clears the pin and records the real start and end', async () => {
    expect((await call('POST', `/api/streams/${streamId}/pin`, { jobId })).json.live.pinned.jobId).toBe(jobId)
    const ended = await call('POST', `/api/streams/${streamId}/end`)
    expect(ended.json.stream).toMatchObject({ status: 'ended' })
    expect(Date.parse(ended.json.stream.endedAt)).toBeGreaterThanOrEqual(Date.parse(ended.json.stream.startedAt))
    const live = await call('GET', `/api/streams/${streamId}/live`)
    expect(live.json).toMatchObject({ status: 'ended', pinned: null })
  })
})
