import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inHours, startTestApp, validJob, type TestApp } from '../helpers/app.ts'

let t: TestApp
let owner: Awaited<ReturnType<TestApp['recruiter']>>
let jobA: string
let jobB: string
let fairId: string

beforeAll(async () => {
  t = await startTestApp()
  owner = await t.recruiter()
  jobA = (await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob() })).json.job.id
  jobB = (await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob({ title: '叉车工' }) })).json.job.id
  fairId = (await t.call('POST', '/api/fairs', { cookie: await t.organizer(), body: { title: '2026春风行动', startsAt: inHours(-24), endsAt: inHours(24 * 30) } })).json.fair.id
})
afterAll(() => t.stop())

const schedule = (body: Record<string, unknown>, cookie = owner.cookie) =>
  t.call('POST', '/api/streams', { cookie, body: { title: '探厂直播', scheduledAt: inHours(2), jobIds: [jobA], ...body } })

describe('streams', () => {
  it('schedules a stream with its own open jobs in a fair', async () => {
    const res = await schedule({ jobIds: [jobA, jobB], fairId })
    expect(res.status).toBe(201)
    expect(res.json.stream).toMatchObject({ companyId: owner.companyId, status: 'scheduled', jobIds: [jobA, jobB], fairId, title: '探厂直播' })
    const got = await t.call('GET', `/api/streams/${res.json.stream.id}`)
    expect(got.json.company.id).toBe(owner.companyId)
    expect(got.json.jobs.map((j: { id: string }) => j.id)).toEqual([jobA, jobB])
    expect(got.json.fair).toEqual({ id: fairId, title: '2026春风行动' })
  })

  it('refuses another company’s job, a closed job, an unknown fair and a bad date', async () => {
    const other = await t.recruiter()
    const foreign = (await t.call('POST', '/api/jobs', { cookie: other.cookie, body: validJob() })).json.job.id
    const closed = (await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob() })).json.job.id
    await t.call('POST', `/api/jobs/${closed}/close`, { cookie: owner.cookie })
    const cases: [Record<string, unknown>, string][] = [
      [{ jobIds: [foreign] }, 'jobIds.0'],
      [{ jobIds: [jobA, closed] }, 'jobIds.1'],
      [{ jobIds: [] }, 'jobIds'],
      [{ jobIds: [jobA, jobA] }, 'jobIds'],
      [{ fairId: 'NO-SUCH-FAIR' }, 'fairId'],
      [{ scheduledAt: '2026-13-45 25:00' }, 'scheduledAt'],
      [{ scheduledAt: inHours(-5) }, 'scheduledAt'],
      [{ scheduledAt: inHours(24 * 400) }, 'scheduledAt'],
    ]
    const before = (await t.call('GET', `/api/streams?companyId=${owner.companyId}&limit=100`)).json.items.length
    for (const [body, path] of cases) {
      const res = await schedule(body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.json.error.details.map((d: { path: string[] }) => d.path.join('.'))).toContain(path)
    }
    expect((await t.call('GET', `/api/streams?companyId=${owner.companyId}&limit=100`)).json.items.length).toBe(before)
  })

  it('lists live first, then upcoming by time, then ended; items carry company, jobCount and viewers', async () => {
    const r = await t.recruiter()
    const job = (await t.call('POST', '/api/jobs', { cookie: r.cookie, body: validJob() })).json.job.id
    const later = (await schedule({ title: '后天', scheduledAt: inHours(48), jobIds: [job] }, r.cookie)).json.stream.id
    const sooner = (await schedule({ title: '明天', scheduledAt: inHours(24), jobIds: [job] }, r.cookie)).json.stream.id
    const live = (await schedule({ title: '正在直播', scheduledAt: inHours(72), jobIds: [job] }, r.cookie)).json.stream.id
    const ended = (await schedule({ title: '已结束', scheduledAt: inHours(1), jobIds: [job] }, r.cookie)).json.stream.id
    expect((await t.call('POST', `/api/streams/${live}/start`, { cookie: r.cookie })).json.stream.status).toBe('live')
    await t.call('POST', `/api/streams/${ended}/start`, { cookie: r.cookie })
    expect((await t.call('POST', `/api/streams/${ended}/end`, { cookie: r.cookie })).json.stream.status).toBe('ended')

    const all = await t.call('GET', `/api/streams?companyId=${r.companyId}`)
    expect(all.json.items.map((s: { id: string }) => s.id)).toEqual([live, sooner, later, ended])
    expect(all.json.items[0]).toMatchObject({ company: { id: r.companyId }, jobCount: 1, viewers: 0 })
    const onlyLive = await t.call('GET', `/api/streams?status=live&companyId=${r.companyId}`)
    expect(onlyLive.json.items.map((s: { id: string }) => s.id)).toEqual([live])

    // paging across the live → scheduled → ended boundary gives the same order
    expect(await t.allIds(`/api/streams?companyId=${r.companyId}&limit=1`)).toEqual([live, sooner, later, ended])
  })

  it('edits title, time, jobs and fair; moves the stream between fair indexes', async () => {
    const id = (await schedule({ fairId })).json.stream.id
    expect((await t.call('GET', `/api/fairs/${fairId}`)).json.streams.map((s: { id: string }) => s.id)).toContain(id)
    const res = await t.call('PATCH', `/api/streams/${id}`, { cookie: owner.cookie, body: { title: '改了标题', scheduledAt: inHours(5), jobIds: [jobB], fairId: null } })
    expect(res.status).toBe(200)
    expect(res.json.stream).toMatchObject({ title: '改了标题', jobIds: [jobB], fairId: null })
    expect((await t.call('GET', `/api/fairs/${fairId}`)).json.streams.map((s: { id: string }) => s.id)).not.toContain(id)
  })

  it('an ended stream cannot be started or edited; ending twice is harmless', async () => {
    const id = (await schedule({})).json.stream.id
    await t.call('POST', `/api/streams/${id}/end`, { cookie: owner.cookie })
    expect((await t.call('POST', `/api/streams/${id}/end`, { cookie: owner.cookie })).status).toBe(200)
    expect((await t.call('POST', `/api/streams/${id}/start`, { cookie: owner.cookie })).json.error.code).toBe('INVALID_STATE')
    expect((await t.call('PATCH', `/api/streams/${id}`, { cookie: owner.cookie, body: { title: '再改' } })).status).toBe(409)
  })

  it('unknown stream is 404; bad status filter is 400', async () => {
    expect((await t.call('GET', '/api/streams/NOPE')).status).toBe(404)
    expect((await t.call('GET', '/api/streams?status=paused')).status).toBe(400)
  })
})

describe('fairs', () => {
  it('organizer creates a fair; anyone lists and opens it with its streams', async () => {
    const res = await t.call('POST', '/api/fairs', { cookie: await t.organizer(), body: { title: '2026 春风行动 · 直播带岗', startsAt: '2026-03-01T09:00:00+08:00', endsAt: '2026-03-31T18:00:00+08:00' } })
    expect(res.status).toBe(201)
    expect(res.json.fair.startsAt).toBe('2026-03-01T01:00:00.000Z')
    const list = await t.call('GET', '/api/fairs')
    expect(list.json.items.map((f: { id: string }) => f.id)).toContain(res.json.fair.id)
    const one = await t.call('GET', `/api/fairs/${res.json.fair.id}`)
    expect(one.json).toMatchObject({ fair: { title: '2026 春风行动 · 直播带岗' }, streams: [] })
  })

  it('refuses a fair that ends before it starts', async () => {
    const res = await t.call('POST', '/api/fairs', { cookie: await t.organizer(), body: { title: '倒着的', startsAt: inHours(10), endsAt: inHours(1) } })
    expect(res.status).toBe(400)
    expect(res.json.error.details[0].path).toEqual(['endsAt'])
  })
})
