import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inHours, startTestApp, validJob, type TestApp } from '../helpers/app.ts'
import { audience } from '../helpers/events.ts'
import { countEvents } from '../../server/counting/fold.ts'
import { sampleLive } from '../../server/counting/sample.ts'
import { finalizeReports, REPORT_GRACE_MS } from '../../workers/finalize-reports.ts'
import { keys } from '../../server/store/keys.ts'

let t: TestApp
let fairId: string
const streams: string[] = []
let companyA: string
let companyB: string

/** The same 40 people watch every stream (tag 'same'), so fair-wide unique viewers stay 40. */
async function watch(streamId: string, jobId: string, viewers: number) {
  const { events, expected } = audience(streamId, jobId, viewers, 'same')
  // ids must differ per stream; viewer ids stay the same people
  await countEvents(t.redis, { events: events.map((e) => ({ ...e, id: `${streamId}-${e.id}`, sessionId: `${streamId}-${e.sessionId}`, t: Date.now() })) })
  return expected
}

beforeAll(async () => {
  t = await startTestApp()
  const org = await t.organizer()
  fairId = (await t.call('POST', '/api/fairs', { cookie: org, body: { title: '2026春风行动', startsAt: inHours(-24), endsAt: inHours(24 * 10) } })).json.fair.id
  const a = await t.recruiter()
  const b = await t.recruiter()
  companyA = a.companyId
  companyB = b.companyId
  await t.call('POST', '/api/admin/stations', { cookie: org, body: { email: 'zhan@test.local', password: 'station-pass', name: '平店乡服务站', town: '平店乡' } })
  const station = await t.login('zhan@test.local', 'station-pass')
  let phone = 13500000000
  for (const [who, hours, viewers] of [[a, 2, 40], [a, 30, 20], [b, 3, 10]] as const) {
    const job = (await t.call('POST', '/api/jobs', { cookie: who.cookie, body: validJob({ headcount: 30 }) })).json.job.id
    const id = (await t.call('POST', '/api/streams', { cookie: who.cookie, body: { title: `直播${streams.length + 1}`, scheduledAt: inHours(hours), jobIds: [job], fairId } })).json.stream.id
    streams.push(id)
    await t.call('POST', `/api/streams/${id}/start`, { cookie: who.cookie })
    await watch(id, job, viewers)
    // 6 applicants from 平店乡 (2 through the station; the others from two villages, by town code
    // and village or as an older client's free text), 2 from 成安镇; one hire from each town
    const ids: string[] = []
    const 李庄 = { town: '411623202', village: '李庄村' }
    const 刘庄 = { town: '平店乡刘庄村' }
    for (const [place, cookie] of [[{}, station], [{}, station], [李庄, ''], [李庄, ''], [刘庄, ''], [刘庄, ''], [{ town: '成安县成安镇' }, ''], [{ town: '成安镇' }, '']] as const) {
      const res = await t.call('POST', `/api/streams/${id}/applications`, { cookie: cookie || undefined, body: { jobId: job, name: '张', phone: String(++phone), consent: true, ...place } })
      expect(res.status).toBe(201)
      ids.push(res.json.application.id)
    }
    await t.call('PATCH', `/api/applications/${ids[0]}`, { cookie: who.cookie, body: { status: 'hired' } })
    await t.call('PATCH', `/api/applications/${ids[6]}`, { cookie: who.cookie, body: { status: 'hired' } })
  }
})
afterAll(() => t.stop())

describe('fair stats', () => {
  it('sums its streams, merges unique viewers, and breaks down by stream, company, town and station', async () => {
    const res = await t.call('GET', `/api/fairs/${fairId}/stats`, { cookie: await t.organizer() })
    expect(res.status).toBe(200)
    const s = res.json
    expect(s).toMatchObject({ entries: 70, views: 35, watchSeconds: 700, impressions: 70, applications: 24, placements: 6 })
    expect(s.uniqueViewers).toBeGreaterThanOrEqual(39) // HyperLogLog: 40 ± 1%
    expect(s.uniqueViewers).toBeLessThanOrEqual(41)
    expect(s.streams.map((r: { streamId: string }) => r.streamId).sort()).toEqual([...streams].sort())
    const a = s.companies.find((c: { companyId: string }) => c.companyId === companyA)
    expect(a).toMatchObject({ streams: 2, entries: 60, applications: 16, placements: 4 })
    expect(s.companies.find((c: { companyId: string }) => c.companyId === companyB)).toMatchObject({ streams: 1, entries: 10 })
    // 平店乡 (its two villages and the station in one row): 18 applications, 3 hires (shown "<5"); 成安镇: 6, 3 hires ("<5")
    expect(s.towns).toEqual([
      { town: '商水县平店乡', applications: 18, placements: '<5' },
      { town: '成安县成安镇', applications: 6, placements: '<5' },
    ])
    expect(s.stations).toEqual([expect.objectContaining({ name: '平店乡服务站', applications: 6, placements: '<5' })]) // a station is a small group too
  })

  it('filters by a date range of scheduled times', async () => {
    const res = await t.call('GET', `/api/fairs/${fairId}/stats?from=${encodeURIComponent(inHours(20))}`, { cookie: await t.organizer() })
    expect(res.json.streams).toHaveLength(1)
    expect(res.json.entries).toBe(20)
    expect((await t.call('GET', `/api/fairs/${fairId}/stats?from=${encodeURIComponent(inHours(20))}&to=${encodeURIComponent(inHours(1))}`, { cookie: await t.organizer() })).status).toBe(400)
  })

  it('exports the report as CSV, one row per stream plus a total', async () => {
    const res = await t.call('GET', `/api/fairs/${fairId}/report.csv`, { cookie: await t.organizer() })
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/)
    const lines = res.text.trim().split('\r\n')
    expect(lines[0]).toBe('直播场次,企业,状态,开播时间,进入人次,有效观看,独立观众,峰值在线,观看时长(分钟),岗位曝光,岗位点击,投递,促成就业,点赞,评论,评论人数,预约人数')
    expect(lines).toHaveLength(1 + 3 + 1)
    expect(lines.at(-1)).toMatch(/^合计,,,,70,35,\d+,\d+,12,70,\d+,24,6,0,0,0,0$/) // likes, comments, reservations: tests/integration/fair-csv.test.ts
  })

  it('is for organizers only', async () => {
    const r = await t.recruiter()
    expect((await t.call('GET', `/api/fairs/${fairId}/stats`, { cookie: r.cookie })).status).toBe(403)
    expect((await t.call('GET', `/api/fairs/${fairId}/report.csv`)).status).toBe(401)
    expect((await t.call('GET', '/api/stats/overview', { cookie: r.cookie })).status).toBe(403)
    expect((await t.call('GET', '/api/fairs/NOPE/stats', { cookie: await t.organizer() })).status).toBe(404)
  })
})

describe('platform overview', () => {
  it('counts streams held, companies, open jobs and headcount, audience and outcomes', async () => {
    const res = await t.call('GET', '/api/stats/overview', { cookie: await t.organizer() })
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({ streamsHeld: 3, companies: 3, fairs: 1, jobsOpen: 3, headcountOpen: 90, entries: 70, applications: 24, placements: 6 })
  })
})

describe('a fair’s peak online', () => {
  it('is the most people on its streams at one sampled moment, not the sum of peaks reached at different times', async () => {
    const org = await t.organizer()
    const fair = (await t.call('POST', '/api/fairs', { cookie: org, body: { title: '秋季专场', startsAt: inHours(-24), endsAt: inHours(24 * 10) } })).json.fair.id
    const who = await t.recruiter()
    const job = (await t.call('POST', '/api/jobs', { cookie: who.cookie, body: validJob() })).json.job.id
    const [x, y] = await Promise.all(
      ['X', 'Y'].map(async (name) => {
        const id = (await t.call('POST', '/api/streams', { cookie: who.cookie, body: { title: `专场直播 ${name}`, scheduledAt: inHours(1), jobIds: [job], fairId: fair } })).json.stream.id as string
        await t.call('POST', `/api/streams/${id}/start`, { cookie: who.cookie })
        return id
      }),
    )
    // Sessions last seen at `at` (what the counting worker writes); the sampler counts those seen in the last 35 s.
    const watching = (stream: string, n: number, at: number) => t.redis.zadd(keys.streamActive(stream), ...Array.from({ length: n }, (_, i) => [at, `${stream}-s${i}-${at}`]).flat())
    const t0 = Date.now()
    await watching(x!, 5, t0)
    await sampleLive(t.redis, t0) // X 5, Y 0
    await watching(y!, 7, t0 + 60_000)
    await sampleLive(t.redis, t0 + 60_000) // X's have gone quiet: X 0, Y 7
    const peakOf = async (q = '') => (await t.call('GET', `/api/fairs/${fair}/stats${q}`, { cookie: org })).json.peakConcurrent
    expect(await peakOf()).toBe(7) // the streams' own peaks are 5 and 7; 12 was never online at once
    await watching(x!, 6, t0 + 120_000)
    await watching(y!, 7, t0 + 120_000)
    await sampleLive(t.redis, t0 + 120_000) // both at once: 6 + 7
    expect(await peakOf()).toBe(13)
    // Within a range, only the samples inside it count: the first minute saw 5.
    const m0 = Math.floor(t0 / 60_000) * 60_000
    expect(await peakOf(`?from=${encodeURIComponent(new Date(m0).toISOString())}&to=${encodeURIComponent(new Date(m0 + 59_999).toISOString())}`)).toBe(5)
    const csv = (await t.call('GET', `/api/fairs/${fair}/report.csv`, { cookie: org })).text.trim().split('\r\n')
    expect(csv.at(-1)!.split(',')[7]).toBe('13')

    // Once X's final report is written, the fair reads X through it, applications kept live.
    await watch(x!, job, 6)
    await t.call('POST', `/api/streams/${x}/end`, { cookie: who.cookie })
    expect(await finalizeReports(t.redis, Date.now() + REPORT_GRACE_MS + 1)).toContain(x)
    await t.call('POST', `/api/streams/${x}/applications`, { body: { jobId: job, name: '赵', phone: '13911112222', consent: true } })
    const own = (await t.call('GET', `/api/streams/${x}/stats`, { cookie: org })).json
    expect(own).toMatchObject({ final: true, entries: 6, applications: 1 })
    const row = (await t.call('GET', `/api/fairs/${fair}/stats`, { cookie: org })).json.streams.find((r: { streamId: string }) => r.streamId === x)
    expect(row).toMatchObject({ entries: own.entries, views: own.views, uniqueViewers: own.uniqueViewers, peakConcurrent: own.peakConcurrent, applications: 1, status: 'ended' })
  })
})

describe('overview and fair dashboards', () => {
  it('agree: the overview totals equal the sum of every fair’s dashboard over the same streams, upcoming ones included', async () => {
    const org = await t.organizer()
    const who = await t.recruiter()
    const job = (await t.call('POST', '/api/jobs', { cookie: who.cookie, body: validJob() })).json.job.id
    const fair = (await t.call('POST', '/api/fairs', { cookie: org, body: { title: '预告专场', startsAt: inHours(-1), endsAt: inHours(48) } })).json.fair.id
    const upcoming = (await t.call('POST', '/api/streams', { cookie: who.cookie, body: { title: '明天的直播', scheduledAt: inHours(20), jobIds: [job], fairId: fair } })).json.stream.id
    expect((await t.call('POST', `/api/streams/${upcoming}/applications`, { body: { jobId: job, name: '钱', phone: '13722223333', consent: true } })).status).toBe(201)
    const fairs = (await t.call('GET', '/api/fairs?limit=100', { cookie: org })).json.items as { id: string }[]
    const dashboards = await Promise.all(fairs.map(async (f) => (await t.call('GET', `/api/fairs/${f.id}/stats`, { cookie: org })).json))
    const overview = (await t.call('GET', '/api/stats/overview', { cookie: org })).json
    for (const field of ['entries', 'views', 'watchSeconds', 'impressions', 'clicks', 'applications', 'placements'] as const) {
      expect([field, overview[field]]).toEqual([field, dashboards.reduce((n, d) => n + d[field], 0)])
    }
  })
})
