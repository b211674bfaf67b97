import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inHours, startTestApp, validJob, type TestApp } from '../helpers/app.ts'
import { keys } from '../../server/store/keys.ts'

let t: TestApp
let owner: Awaited<ReturnType<TestApp['recruiter']>>
let streamId: string
let jobId: string
let otherJob: string

beforeAll(async () => {
  t = await startTestApp()
  owner = await t.recruiter()
  jobId = (await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob({ headcount: 300 }) })).json.job.id
  otherJob = (await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob({ title: '包装工' }) })).json.job.id
  streamId = (await t.call('POST', '/api/streams', { cookie: owner.cookie, body: { title: '探厂', scheduledAt: inHours(1), jobIds: [jobId, otherJob] } })).json.stream.id
  await t.call('POST', `/api/streams/${streamId}/start`, { cookie: owner.cookie })
})
afterAll(() => t.stop())

let phoneSeq = 13800000000
const nextPhone = () => String(++phoneSeq)
const apply = (body: Record<string, unknown>, headers: Record<string, string> = {}, cookie?: string) =>
  t.call('POST', `/api/streams/${streamId}/applications`, { body: { jobId, name: '张大姐', phone: nextPhone(), consent: true, ...body }, headers, cookie })

describe('apply', () => {
  it('stores an application and answers 201 with its public fields only', async () => {
    const res = await apply({ phone: '138 0013 8000', age: 52, town: '平店乡' })
    expect(res.status).toBe(201)
    expect(res.json.application).toMatchObject({ streamId, jobId, status: 'new' })
    expect(res.json.application.phone).toBeUndefined()
    const list = await t.call('GET', `/api/streams/${streamId}/applications`, { cookie: owner.cookie })
    expect(list.json.items[0]).toMatchObject({ id: res.json.application.id, phone: '13800138000', name: '张大姐', age: 52, town: '商水县平店乡' })
  })

  it('replays the same Idempotency-Key as 200 with the same application, stored once', async () => {
    const phone = nextPhone()
    const first = await apply({ phone }, { 'Idempotency-Key': 'retry-key-0001' })
    const again = await apply({ phone }, { 'Idempotency-Key': 'retry-key-0001' })
    expect(first.status).toBe(201)
    expect(again.status).toBe(200)
    expect(again.json.application.id).toBe(first.json.application.id)
    expect(await t.redis.hget(keys.jobCounters(jobId), 'applications')).toBe('2')
  })

  it('refuses the same phone for the same job with 409 ALREADY_APPLIED (naming the first one to its owner only)', async () => {
    const phone = nextPhone()
    const first = await apply({ phone })
    const dup = await apply({ phone, name: '别人' })
    expect(dup.status).toBe(409)
    expect(dup.json.error.code).toBe('ALREADY_APPLIED')
    expect(dup.text).not.toContain(first.json.application.id)
    const toOwner = await apply({ phone }, {}, owner.cookie)
    expect(toOwner.json.error).toMatchObject({ code: 'ALREADY_APPLIED', details: { applicationId: first.json.application.id } })
    expect((await apply({ phone, jobId: otherJob })).status).toBe(201) // another job is fine
  })

  it.each([
    ['no consent', { consent: false }, 'consent'],
    ['missing consent', { consent: undefined }, 'consent'],
    ['landline', { phone: '0394-1234567' }, 'phone'],
    ['12-digit phone', { phone: '138001380001' }, 'phone'],
    ['phone starting 12', { phone: '12800138000' }, 'phone'],
    ['empty name', { name: '  ' }, 'name'],
    ['child age', { age: 12 }, 'age'],
    ['job not on this stream', { jobId: 'SOMEJOB' }, 'jobId'],
  ])('rejects %s with 400 and writes nothing', async (_n, over, path) => {
    const before = await t.redis.zcard(keys.streamApplications(streamId))
    const res = await apply(over)
    expect(res.status).toBe(400)
    expect(res.json.error.details.map((d: { path: string[] }) => d.path.join('.'))).toContain(path)
    expect(await t.redis.zcard(keys.streamApplications(streamId))).toBe(before)
  })

  it('limits one device to a few applications a minute (429 with Retry-After)', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 12; i++) statuses.push((await apply({ viewerId: 'device-limit-1' })).status)
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true)
    expect(statuses.slice(10)).toEqual([429, 429])
  })

  it('rejects a malformed Idempotency-Key and a closed job', async () => {
    expect((await apply({}, { 'Idempotency-Key': 'bad key!' })).status).toBe(400)
    const closing = (await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob() })).json.job.id
    await t.call('PATCH', `/api/streams/${streamId}`, { cookie: owner.cookie, body: { jobIds: [jobId, otherJob, closing] } })
    await t.call('POST', `/api/jobs/${closing}/close`, { cookie: owner.cookie })
    expect((await apply({ jobId: closing })).json.error.code).toBe('INVALID_STATE')
  })

  it('answers 404 for an unknown stream and 400 for a job the stream does not show, writing nothing', async () => {
    const before = await t.redis.dbsize()
    const lost = await t.call('POST', '/api/streams/NO-SUCH-STREAM/applications', { body: { jobId, name: '张', phone: nextPhone(), consent: true } })
    expect(lost.status).toBe(404)
    expect(lost.json.error.code).toBe('NOT_FOUND')
    const elsewhere = (await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob({ title: '采茶工' }) })).json.job.id
    const before2 = await t.redis.dbsize()
    const wrong = await apply({ jobId: elsewhere })
    expect(wrong.status).toBe(400)
    expect(wrong.json.error.details[0].path).toEqual(['jobId'])
    expect(await t.redis.dbsize()).toBe(before2) // nothing half-written (rate-limit counters aside, which exist already)
    expect(before2).toBeGreaterThan(before)
  })

  it('replays an acknowledged application even after its job closed', async () => {
    const closing = (await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob({ title: '质检员' }) })).json.job.id
    await t.call('PATCH', `/api/streams/${streamId}`, { cookie: owner.cookie, body: { jobIds: [jobId, otherJob, closing] } })
    const phone = nextPhone()
    const first = await apply({ jobId: closing, phone }, { 'Idempotency-Key': 'before-close-01' })
    await t.call('POST', `/api/jobs/${closing}/close`, { cookie: owner.cookie })
    const retry = await apply({ jobId: closing, phone }, { 'Idempotency-Key': 'before-close-01' })
    expect(retry.status).toBe(200)
    expect(retry.json.application.id).toBe(first.json.application.id)
  })

  it('takes the town from the gazetteer (code or name) and the village as free text; splits an older client’s 「平店乡李庄村」', async () => {
    const byCode = await apply({ town: '411623202', village: '李庄村' })
    const oldText = await apply({ town: '平店乡刘庄村' })
    const unknown = await apply({ town: '火星乡' })
    expect([byCode.status, oldText.status]).toEqual([201, 201])
    expect(unknown.status).toBe(400)
    expect(unknown.json.error.details).toEqual([expect.objectContaining({ path: ['town'], rule: 'town.unknown' })])
    const list = await t.call('GET', `/api/streams/${streamId}/applications`, { cookie: owner.cookie })
    const row = (id: string) => list.json.items.find((a: { id: string }) => a.id === id)
    expect(row(byCode.json.application.id)).toMatchObject({ town: '商水县平店乡', village: '李庄村' })
    expect(row(oldText.json.application.id)).toMatchObject({ town: '商水县平店乡', village: '刘庄村' })
  })

  it('records the village station that applied on a villager’s behalf, with its town', async () => {
    const org = await t.organizer()
    await t.call('POST', '/api/admin/stations', { cookie: org, body: { email: 'st@test.local', password: 'station-pass', name: '平店乡服务站', town: '商水县平店乡' } })
    const station = await t.login('st@test.local', 'station-pass')
    const res = await apply({ name: '李大爷' }, {}, station)
    expect(res.status).toBe(201)
    const list = await t.call('GET', `/api/streams/${streamId}/applications`, { cookie: owner.cookie })
    const row = list.json.items.find((a: { id: string }) => a.id === res.json.application.id)
    expect(row.station).toMatchObject({ name: '平店乡服务站' })
    expect(row.town).toBe('商水县平店乡')
  })

  it('stores 200 parallel applications to one job exactly once each and counts them exactly', async () => {
    const job = (await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob({ headcount: 500 }) })).json.job.id
    await t.call('PATCH', `/api/streams/${streamId}`, { cookie: owner.cookie, body: { jobIds: [jobId, otherJob, job] } })
    const before = Number(await t.redis.hget(keys.streamCounters(streamId), 'applications'))
    const phones = Array.from({ length: 200 }, (_, i) => String(15900000000 + i))
    // each phone twice at once, half with the same idempotency key: still one each
    const results = await Promise.all(
      phones.flatMap((phone, i) => [
        apply({ jobId: job, phone }, { 'Idempotency-Key': `par-${i}-abcdef` }),
        apply({ jobId: job, phone }, i % 2 ? { 'Idempotency-Key': `par-${i}-abcdef` } : {}),
      ]),
    )
    const created = results.filter((r) => r.status === 201)
    expect(created).toHaveLength(200)
    expect(results.every((r) => [200, 201, 409].includes(r.status))).toBe(true)
    expect(await t.redis.zcard(keys.jobApplications(job))).toBe(200)
    expect(await t.redis.hlen(keys.jobPhones(job))).toBe(200)
    expect(await t.redis.hget(keys.jobCounters(job), 'applications')).toBe('200')
    expect(Number(await t.redis.hget(keys.streamCounters(streamId), 'applications'))).toBe(before + 200)
    expect(await t.redis.hget(keys.streamCounters(streamId), `apps:${job}`)).toBe('200')
    const live = await t.call('GET', `/api/streams/${streamId}/live`)
    expect(live.json.jobs.find((j: { jobId: string }) => j.jobId === job)).toMatchObject({ applications: 200, headcountLeft: 500 })
  })
})

describe('applicants: a live feed', () => {
  it('lists what came since the newest row seen, page by page, so a surge skips nobody', async () => {
    const feedJob = (await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob({ headcount: 50 }) })).json.job.id
    const feed = (await t.call('POST', '/api/streams', { cookie: owner.cookie, body: { title: '探厂二', scheduledAt: inHours(1), jobIds: [feedJob] } })).json.stream.id
    const applyTo = async (n: number) => {
      const ids: string[] = []
      for (let i = 0; i < n; i++) ids.push((await t.call('POST', `/api/streams/${feed}/applications`, { body: { jobId: feedJob, name: '李', phone: nextPhone(), consent: true } })).json.application.id)
      return ids
    }
    const list = (q: string) => t.call('GET', `/api/streams/${feed}/applications?${q}`, { cookie: owner.cookie })
    const first = await applyTo(3)
    const page = await list('limit=2')
    expect(page.json.items.map((a: { id: string }) => a.id)).toEqual([first[2], first[1]])
    const later = await applyTo(5)
    const seen: string[] = []
    let since = page.json.newest as string
    for (let round = 0; ; round++) {
      const res = await list(`since=${encodeURIComponent(since)}&limit=2`)
      expect(res.status).toBe(200)
      seen.unshift(...res.json.items.map((a: { id: string }) => a.id)) // each page newest first, like the feed
      since = res.json.newest
      if (!res.json.more) break
      expect(round).toBeLessThan(5)
    }
    expect(seen).toEqual([...later].reverse())
    // nothing new: no items, the same place
    const idle = await list(`since=${encodeURIComponent(since)}`)
    expect(idle.json).toMatchObject({ items: [], newest: since, more: false })
    expect((await list(`since=${encodeURIComponent(since)}&cursor=${encodeURIComponent(since)}`)).status).toBe(400)
    expect((await list('since=not-a-cursor')).status).toBe(400)
  })
})

describe('applicants: who sees what', () => {
  it('masks phone and name for organizers; other recruiters and anonymous see nothing', async () => {
    const org = await t.call('GET', `/api/streams/${streamId}/applications`, { cookie: await t.organizer() })
    expect(org.status).toBe(200)
    expect(org.json.items.length).toBeGreaterThan(0)
    for (const a of org.json.items) {
      expect(a.phone).toMatch(/^1\d{2}\*{4}\d{4}$/)
      expect(a.name).toMatch(/^.\*+$/)
    }
    const other = await t.recruiter()
    expect((await t.call('GET', `/api/streams/${streamId}/applications`, { cookie: other.cookie })).status).toBe(403)
    expect((await t.call('GET', `/api/streams/${streamId}/applications.csv`, { cookie: other.cookie })).status).toBe(403)
    expect((await t.call('GET', `/api/streams/${streamId}/applications`)).status).toBe(401)
  })

  it('moves an applicant through the workflow; hired counts a placement and un-hiring un-counts it', async () => {
    const id = (await apply({})).json.application.id
    const patch = (status: string, cookie = owner.cookie) => t.call('PATCH', `/api/applications/${id}`, { cookie, body: { status } })
    const placements = async () => Number((await t.redis.hget(keys.streamCounters(streamId), 'placements')) ?? 0)
    const left = async () => (await t.call('GET', `/api/streams/${streamId}/live`)).json.jobs.find((j: { jobId: string }) => j.jobId === jobId).headcountLeft
    const start = await placements()
    const leftBefore = await left()
    expect((await patch('contacted')).json.application.status).toBe('contacted')
    await patch('hired')
    await patch('hired') // twice is still one placement
    expect(await placements()).toBe(start + 1)
    expect(await left()).toBe(leftBefore - 1)
    await patch('rejected')
    expect(await placements()).toBe(start)
    expect(await left()).toBe(leftBefore)
    expect((await patch('new')).status).toBe(400)
    const other = await t.recruiter()
    expect((await patch('hired', other.cookie)).status).toBe(404)
    expect((await patch('hired', await t.organizer())).status).toBe(403)
  })

  it('exports CSV with a BOM and Chinese headers; masked for organizers; formulas neutralised', async () => {
    await apply({ name: '=HYPERLINK("x")', phone: '13912345678' })
    const own = await t.call('GET', `/api/streams/${streamId}/applications.csv`, { cookie: owner.cookie })
    expect(own.status).toBe(200)
    expect(own.headers.get('content-type')).toMatch(/^text\/csv/)
    const raw = await t.app.request(`/api/streams/${streamId}/applications.csv`, { headers: { cookie: owner.cookie } })
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // UTF-8 BOM
    const lines = own.text.split('\r\n')
    expect(lines[0]).toBe('报名时间,姓名,手机号,岗位,状态,年龄,乡镇,代报服务站,备注')
    expect(own.text).toContain('13912345678')
    expect(own.text).toContain(`"'=HYPERLINK(""x"")"`)
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,/)
    const org = await t.call('GET', `/api/streams/${streamId}/applications.csv`, { cookie: await t.organizer() })
    expect(org.text).toContain('139****5678')
    expect(org.text).not.toContain('13912345678')
  })
})

describe('a phone whose application was lost', () => {
  it('may apply again: an entry naming an application its stream no longer has (a write lost in a failover) does not lock the phone out', async () => {
    const own = await startTestApp()
    try {
      const owner = await own.recruiter()
      const { jobId, streamId } = await own.streamWithJob(owner, { live: true })
      await own.redis.hset(keys.jobPhones(jobId), '13900001111', `${streamId}.01LOSTLOSTLOSTLOSTLOSTLOST`)
      const res = await own.call('POST', `/api/streams/${streamId}/applications`, { body: { jobId, name: '王', phone: '13900001111', consent: true } })
      expect(res.status).toBe(201)
      expect(await own.redis.hget(keys.jobPhones(jobId), '13900001111')).toBe(res.json.application.id)
    } finally {
      await own.stop()
    }
  })
})
