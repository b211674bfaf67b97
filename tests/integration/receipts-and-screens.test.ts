import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../helpers/app.ts'
import { keys } from '../../server/store/keys.ts'
import { responses } from '../../schemas/responses.ts'

// Issue 14/15: 我的报名 (receipt → status, the company's 招聘电话), a station's own list, the
// 大屏 through a revocable link, and ended streams whose jobs still take applications.

let t: TestApp
let owner: Awaited<ReturnType<TestApp['recruiter']>>
let org: string

beforeAll(async () => {
  t = await startTestApp()
  owner = await t.recruiter()
  org = await t.organizer()
})
afterAll(() => t?.stop())

let phoneSeq = 13900000000
const nextPhone = () => String(++phoneSeq)
const apply = (streamId: string, jobId: string, over: Record<string, unknown> = {}, cookie?: string) =>
  t.call('POST', `/api/streams/${streamId}/applications`, { body: { jobId, name: '王秀英', phone: nextPhone(), consent: true, ...over }, cookie })
const statusOf = (id: string, receipt?: string) => t.call('GET', `/api/applications/${id}/status${receipt === undefined ? '' : `?receipt=${encodeURIComponent(receipt)}`}`)

describe('receipt and application status (我的报名)', () => {
  it('the apply answer carries a receipt; with it the status follows the company’s moves; without it 404', async () => {
    const { streamId, jobId } = await t.streamWithJob(owner, { live: true })
    const res = await apply(streamId, jobId)
    expect(res.status, res.text).toBe(201)
    const { id, receipt } = res.json.application
    expect(receipt).toMatch(/^[A-Za-z0-9_-]{20,}$/)
    // a retry with the same key gives the same receipt
    const again = await t.call('POST', `/api/streams/${streamId}/applications`, { body: { jobId, name: '王秀英', phone: nextPhone(), consent: true }, headers: { 'Idempotency-Key': 'receipt-key-1' } })
    const replay = await t.call('POST', `/api/streams/${streamId}/applications`, { body: { jobId, name: '王秀英', phone: nextPhone(), consent: true }, headers: { 'Idempotency-Key': 'receipt-key-1' } })
    expect(replay.status).toBe(200)
    expect(replay.json.application.receipt).toBe(again.json.application.receipt)

    const first = await statusOf(id, receipt)
    expect(first.status, first.text).toBe(200)
    expect(responses.applicationProgress.safeParse(first.json).success).toBe(true)
    expect(first.json).toMatchObject({ status: 'new', job: { id: jobId, title: '缝纫工' }, company: { name: expect.stringContaining('测试公司') } })
    expect(first.json.company.hiringPhone).toBeUndefined()
    expect(first.text).not.toContain('王秀英')
    expect(first.headers.get('cache-control')).toContain('no-store')

    for (const status of ['contacted', 'interview', 'hired', 'rejected'] as const) {
      const moved = await t.call('PATCH', `/api/applications/${id}`, { cookie: owner.cookie, body: { status } })
      expect(moved.status, moved.text).toBe(200)
      expect((await statusOf(id, receipt)).json.status).toBe(status)
    }

    // wrong, missing, other application's, unknown id: all the same 404
    const other = (await apply(streamId, jobId)).json.application
    for (const r of [await statusOf(id, `${receipt.slice(0, -1)}${receipt.endsWith('A') ? 'B' : 'A'}`), await statusOf(id), await statusOf(id, ''), await statusOf(id, other.receipt), await statusOf(`${streamId}.NOPE`, receipt)]) {
      expect({ status: r.status, code: r.json?.error?.code }, r.text).toEqual({ status: 404, code: 'NOT_FOUND' })
      expect(r.json.error.message).toBe('Application not found')
    }
    // the receipt is never in the company's view of its applicants
    const list = await t.call('GET', `/api/streams/${streamId}/applications`, { cookie: owner.cookie })
    expect(list.text).not.toContain(receipt)
  })

  it('shows the company’s 招聘电话 once it sets one, and never the applicant’s phone', async () => {
    const hr = await t.recruiter()
    const { streamId, jobId } = await t.streamWithJob(hr, { live: true })
    const phone = nextPhone()
    const { id, receipt } = (await apply(streamId, jobId, { phone })).json.application

    const bad = await t.call('PATCH', '/api/company', { cookie: hr.cookie, body: { hiringPhone: '12345' } })
    expect(bad.status).toBe(400)
    expect(bad.json.error.details[0]).toMatchObject({ path: ['hiringPhone'], rule: 'hiringPhone.invalid' })
    expect((await t.call('GET', '/api/company', { cookie: hr.cookie })).json.company.hiringPhone).toBeNull()

    const set = await t.call('PATCH', '/api/company', { cookie: hr.cookie, body: { hiringPhone: '(0394) 8123456' } })
    expect(set.status, set.text).toBe(200)
    expect(set.json.company).toMatchObject({ id: hr.companyId, hiringPhone: '0394-8123456' })
    expect(responses.companyProfile.safeParse(set.json).success).toBe(true)
    let s = await statusOf(id, receipt)
    expect(s.json.company.hiringPhone).toBe('0394-8123456')
    expect(s.text).not.toContain(phone)

    expect((await t.call('PATCH', '/api/company', { cookie: hr.cookie, body: { hiringPhone: '+86 139-0000-1234' } })).json.company.hiringPhone).toBe('13900001234')
    expect((await statusOf(id, receipt)).json.company.hiringPhone).toBe('13900001234')
    // public answers carry the company, never its 招聘电话
    expect((await t.call('GET', `/api/streams/${streamId}`)).text).not.toContain('13900001234')
    expect((await t.call('GET', `/api/jobs/${jobId}`)).text).not.toContain('13900001234')

    expect((await t.call('PATCH', '/api/company', { cookie: hr.cookie, body: { hiringPhone: null } })).json.company.hiringPhone).toBeNull()
    s = await statusOf(id, receipt)
    expect(s.json.company).not.toHaveProperty('hiringPhone')
  })
})

describe('a station’s own applications', () => {
  it('lists what this station filed, newest first, masked; not another station’s, not the public’s', async () => {
    const { streamId, jobId } = await t.streamWithJob(owner, { live: true })
    const made = async (name: string, town: string) => {
      const email = `st-${Math.random().toString(36).slice(2, 10)}@test.local`
      expect((await t.call('POST', '/api/admin/stations', { cookie: org, body: { email, password: 'station-pass-1', name, town } })).status).toBe(201)
      return t.login(email, 'station-pass-1')
    }
    const pingdian = await made('平店服务站', '商水县平店乡')
    const lianji = await made('练集服务站', '商水县练集镇')
    const p1 = nextPhone()
    const p2 = nextPhone()
    const a1 = await apply(streamId, jobId, { name: '李桂兰', phone: p1 }, pingdian)
    const a2 = await apply(streamId, jobId, { name: '赵大山', phone: p2 }, pingdian)
    await apply(streamId, jobId, { name: '孙兰' }, lianji)
    await apply(streamId, jobId, { name: '周强' })
    expect(a1.status).toBe(201)
    await t.call('PATCH', `/api/applications/${a1.json.application.id}`, { cookie: owner.cookie, body: { status: 'interview' } })

    const list = await t.call('GET', '/api/station/applications', { cookie: pingdian })
    expect(list.status, list.text).toBe(200)
    expect(responses.stationApplications.safeParse(list.json).success).toBe(true)
    expect(list.json.items.map((a: { id: string }) => a.id)).toEqual([a2.json.application.id, a1.json.application.id])
    expect(list.json.items[1]).toMatchObject({ jobTitle: '缝纫工', status: 'interview', name: '李**', phone: `${p1.slice(0, 3)}****${p1.slice(-4)}` })
    expect(list.text).not.toContain(p1)
    expect(list.text).not.toContain('李桂兰')
    expect((await t.call('GET', '/api/station/applications', { cookie: lianji })).json.items).toHaveLength(1)
    expect((await t.call('GET', '/api/station/applications')).status).toBe(401)
    expect((await t.call('GET', '/api/station/applications', { cookie: owner.cookie })).status).toBe(403)
    // paging
    const one = await t.call('GET', '/api/station/applications?limit=1', { cookie: pingdian })
    const two = await t.call('GET', `/api/station/applications?limit=1&cursor=${one.json.next}`, { cookie: pingdian })
    expect([...one.json.items, ...two.json.items].map((a: { id: string }) => a.id)).toEqual([a2.json.application.id, a1.json.application.id])
  })
})

describe('大屏 screen links', () => {
  it('an organizer makes a link; its token reads the fair’s numbers without a session and without personal data; revoked → 404', async () => {
    const fair = (await t.call('POST', '/api/fairs', { cookie: org, body: { title: '春风行动大屏', startsAt: new Date(Date.now() - 3600_000).toISOString(), endsAt: new Date(Date.now() + 86400_000).toISOString() } })).json.fair
    const jobId = (await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: { title: '电子厂普工', pay: { min: 4000, max: 6000, unit: 'month' }, headcount: 10, location: { town: '平店乡' } } })).json.job.id
    const streamId = (await t.call('POST', '/api/streams', { cookie: owner.cookie, body: { title: '大屏直播', scheduledAt: new Date(Date.now() + 600_000).toISOString(), jobIds: [jobId], fairId: fair.id } })).json.stream.id
    const phone = nextPhone()
    expect((await apply(streamId, jobId, { name: '钱多多', phone })).status).toBe(201)

    const made = await t.call('POST', `/api/fairs/${fair.id}/screen-links`, { cookie: org, body: { label: '县人社局大厅' } })
    expect(made.status, made.text).toBe(201)
    expect(responses.screenLinkMade.safeParse(made.json).success).toBe(true)
    const { id, token, url } = made.json
    expect(url).toContain(`/screen/s/${token}`)
    // only the token's digest is stored
    const dump = JSON.stringify(await t.redis.get(keys.screenLink(id)))
    expect(dump).not.toContain(token)

    const stats = await t.call('GET', `/api/screen/${token}/stats`)
    expect(stats.status, stats.text).toBe(200)
    expect(responses.fairStats.safeParse(stats.json).success).toBe(true)
    expect(stats.json).toMatchObject({ fair: { id: fair.id }, applications: 1 })
    expect(stats.text).not.toContain(phone)
    expect(stats.text).not.toContain('钱多多')

    const listed = await t.call('GET', `/api/fairs/${fair.id}/screen-links`, { cookie: org })
    expect(listed.json.items).toEqual([{ id, fairId: fair.id, label: '县人社局大厅', createdAt: expect.any(String) }])
    expect(listed.text).not.toContain(token)

    // not the organizer: refused, still readable
    expect((await t.call('POST', `/api/fairs/${fair.id}/screen-links`, { cookie: owner.cookie, body: {} })).status).toBe(403)
    expect((await t.call('DELETE', `/api/screen-links/${id}`, { cookie: owner.cookie })).status).toBe(403)
    expect((await t.call('DELETE', `/api/screen-links/${id}`)).status).toBe(401)
    expect((await t.call('GET', `/api/screen/${token}/stats`)).status).toBe(200)

    expect((await t.call('DELETE', `/api/screen-links/${id}`, { cookie: org })).status).toBe(204)
    const gone = await t.call('GET', `/api/screen/${token}/stats`)
    expect({ status: gone.status, code: gone.json.error.code }).toEqual({ status: 404, code: 'NOT_FOUND' })
    expect((await t.call('DELETE', `/api/screen-links/${id}`, { cookie: org })).status).toBe(404)
    expect((await t.call('GET', `/api/fairs/${fair.id}/screen-links`, { cookie: org })).json.items).toEqual([])
    expect((await t.call('GET', '/api/screen/not-a-token/stats')).status).toBe(404)
  })
})

describe('ended streams whose jobs still take applications', () => {
  it('?status=ended&openJobs=true lists them (not those whose jobs all closed), and they still take applications', async () => {
    const hr = await t.recruiter()
    const open = await t.streamWithJob(hr, { live: true, title: '结束了但岗位还在' })
    const closed = await t.streamWithJob(hr, { live: true, title: '岗位都招满了' })
    for (const s of [open, closed]) expect((await t.call('POST', `/api/streams/${s.streamId}/end`, { cookie: hr.cookie })).status).toBe(200)
    expect((await t.call('POST', `/api/jobs/${closed.jobId}/close`, { cookie: hr.cookie })).status).toBe(200)

    const res = await t.call('GET', `/api/streams?status=ended&openJobs=true&companyId=${hr.companyId}`)
    expect(res.status, res.text).toBe(200)
    expect(res.json.items.map((s: { id: string }) => s.id)).toEqual([open.streamId])
    const all = await t.call('GET', `/api/streams?status=ended&companyId=${hr.companyId}`)
    expect(all.json.items).toHaveLength(2)
    // without a status (the home page's one request): live and upcoming stay, whatever their jobs
    const live = await t.streamWithJob(hr, { live: true, title: '正在直播' })
    expect((await t.call('POST', `/api/jobs/${live.jobId}/close`, { cookie: hr.cookie })).status).toBe(200)
    const home = await t.call('GET', `/api/streams?openJobs=true&companyId=${hr.companyId}`)
    expect(home.json.items.map((s: { id: string }) => s.id)).toEqual([live.streamId, open.streamId])

    const applied = await apply(open.streamId, open.jobId)
    expect(applied.status, applied.text).toBe(201)
    expect((await apply(closed.streamId, closed.jobId)).status).toBe(409)
  })
})
