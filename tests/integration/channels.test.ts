import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inHours, startTestApp, validJob, type TestApp } from '../helpers/app.ts'
import { chunk } from '../helpers/events.ts'
import { startWorkers, type Workers } from '../../workers/main.ts'
import { CHANNEL_CAP } from '../../server/counting/channels.ts'
import { finalizeReports, REPORT_GRACE_MS } from '../../workers/finalize-reports.ts'
import { keys } from '../../server/store/keys.ts'
import { countEvents } from '../../server/counting/fold.ts'

// Share channels (docs/counting.md "Channels"): entries, views and applications per ?src=.

let t: TestApp
let workers: Workers
let owner: Awaited<ReturnType<TestApp['recruiter']>>
let jobId: string
let fairId: string

beforeAll(async () => {
  t = await startTestApp()
  workers = await startWorkers(t.server.url, () => {})
  owner = await t.recruiter()
  jobId = (await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob({ headcount: 50 }) })).json.job.id
  const org = await t.organizer()
  fairId = (await t.call('POST', '/api/fairs', { cookie: org, body: { title: '春风行动', startsAt: inHours(-24), endsAt: inHours(24) } })).json.fair.id
})
afterAll(async () => {
  await workers.close()
  await t.stop()
})

async function liveStream() {
  const id = (await t.call('POST', '/api/streams', { cookie: owner.cookie, body: { title: '直播', scheduledAt: inHours(1), jobIds: [jobId], fairId } })).json.stream.id as string
  await t.call('POST', `/api/streams/${id}/start`, { cookie: owner.cookie })
  return id
}
const send = (events: unknown[]) => t.call('POST', '/api/events', { body: { events } })
const stats = async (id: string) => (await t.call('GET', `/api/streams/${id}/stats`, { cookie: owner.cookie })).json
async function until(check: () => Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('condition not met in time')
}

type Visit = { src?: string; watchMs: number }
/** One session per visit: a join (carrying the src) in one request, its beat in a later one. */
async function watch(streamId: string, tag: string, visits: Visit[]) {
  const joins = visits.map((v, i) => ({ id: `${tag}-join-${i}-xx`, type: 'join', streamId, viewerId: `${tag}-viewer-${i}`, sessionId: `${tag}-session-${i}`, ...(v.src ? { src: v.src } : {}) }))
  const beats = visits.map((v, i) => ({ id: `${tag}-beat-${i}-xx`, type: 'beat', streamId, viewerId: `${tag}-viewer-${i}`, sessionId: `${tag}-session-${i}`, watchedMs: v.watchMs }))
  for (const part of chunk(joins, 100)) expect((await send(part)).status).toBe(202)
  await until(async () => (await stats(streamId)).entries === visits.length)
  for (const part of chunk(beats, 100)) expect((await send(part)).status).toBe(202)
}

let phone = 13600000000
const apply = (streamId: string, src?: string) =>
  t.call('POST', `/api/streams/${streamId}/applications`, { body: { jobId, name: '李', phone: String(++phone), consent: true, ...(src ? { src } : {}) } })

const row = (src: string, entries: number, views: number, applications: number, name?: string) => ({ src, ...(name ? { name } : {}), entries, views, applications, reservations: 0 })

describe('channels', () => {
  it('counts entries, views and applications per channel exactly; the channels add up to the totals; a fair sums its streams', async () => {
    const made = await t.call('POST', '/api/admin/stations', { cookie: await t.organizer(), body: { email: 'qudian@test.local', password: 'station-pass', name: '渠店乡服务站', town: '平店乡' } })
    expect(made.status).toBe(201)
    const station = `st-${made.json.user.id}`
    const recruiter = `rc-${owner.userId}`
    const hr = (await t.call('GET', '/api/me', { cookie: owner.cookie })).json.user.name as string
    // station: 12 sessions, 6 watch 15 s; recruiter: 7 sessions, 4 watch; direct: 5, 1 watches
    const visits: Visit[] = [
      ...Array.from({ length: 12 }, (_, i) => ({ src: station, watchMs: i % 2 === 0 ? 15_000 : 5_000 })),
      ...Array.from({ length: 7 }, (_, i) => ({ src: recruiter, watchMs: i < 4 ? 12_000 : 3_000 })),
      ...Array.from({ length: 5 }, (_, i) => ({ watchMs: i === 0 ? 11_000 : 1_000 })),
    ]
    const a = await liveStream()
    await watch(a, 'ch-a', visits)
    for (const src of [station, station, station, recruiter, recruiter, undefined]) expect((await apply(a, src)).status).toBe(201)
    await until(async () => (await stats(a)).views === 11)
    const s = await stats(a)
    // named: a dashboard says which station and which recruiter
    expect(s.channels).toEqual([row(station, 12, 6, 3, '渠店乡服务站'), row(recruiter, 7, 4, 2, hr), row('direct', 5, 1, 1)])
    const sum = (k: 'entries' | 'views' | 'applications') => s.channels.reduce((n: number, r: Record<string, number>) => n + r[k]!, 0)
    expect([sum('entries'), sum('views'), sum('applications')]).toEqual([s.entries, s.views, s.applications])

    // a second stream of the same fair: 3 from the poster, 2 from the station
    const b = await liveStream()
    await watch(b, 'ch-b', [{ src: 'poster', watchMs: 15_000 }, { src: 'poster', watchMs: 15_000 }, { src: 'poster', watchMs: 0 }, { src: station, watchMs: 15_000 }, { src: station, watchMs: 0 }])
    expect((await apply(b, 'poster')).status).toBe(201)
    await until(async () => (await stats(b)).views === 3)
    const fair = await t.call('GET', `/api/fairs/${fairId}/stats`, { cookie: await t.organizer() })
    expect(fair.status).toBe(200)
    expect(fair.json.channels).toEqual([row(station, 14, 7, 3, '渠店乡服务站'), row(recruiter, 7, 4, 2, hr), row('direct', 5, 1, 1), row('poster', 3, 2, 1)])
    // a public 大屏 link shows the channels without a recruiter's personal account name
    const link = await t.call('POST', `/api/fairs/${fairId}/screen-links`, { cookie: await t.organizer(), body: {} })
    const screen = await t.call('GET', `/api/screen/${link.json.token}/stats`)
    expect(screen.json.channels).toEqual([row(station, 14, 7, 3, '渠店乡服务站'), row(recruiter, 7, 4, 2), row('direct', 5, 1, 1), row('poster', 3, 2, 1)])
    // a made-up station id counts under its own name but is named by nobody
    const c = await liveStream()
    await watch(c, 'ch-c', [{ src: 'st-NOBODY0000', watchMs: 0 }])
    expect((await stats(c)).channels).toEqual([row('st-NOBODY0000', 1, 0, 0)])
  })

  it(`counts at most ${CHANNEL_CAP} distinct channels per stream: new ones beyond count as other`, async () => {
    const id = await liveStream()
    const extra = 7
    const visits = Array.from({ length: CHANNEL_CAP + extra }, (_, i) => ({ src: `rc-cap${String(i).padStart(4, '0')}`, watchMs: 15_000 }))
    await watch(id, 'cap', visits)
    // a known channel still counts under its own name; a new one beyond the cap under other
    expect((await apply(id, 'rc-cap0000')).status).toBe(201)
    expect((await apply(id, 'rc-brand-new')).status).toBe(201)
    await until(async () => (await stats(id)).views === CHANNEL_CAP + extra)
    const s = await stats(id)
    expect(s.channels).toHaveLength(CHANNEL_CAP + 1)
    const other = s.channels.find((r: { src: string }) => r.src === 'other')
    expect(other).toEqual(row('other', extra, extra, 1))
    expect(s.channels.find((r: { src: string }) => r.src === 'rc-cap0000')).toEqual(row('rc-cap0000', 1, 1, 1))
    expect(s.channels.some((r: { src: string }) => r.src === 'rc-brand-new')).toBe(false)
    expect(await t.redis.scard(`zb:stream:{s:${id}}:channels`)).toBe(CHANNEL_CAP)
  })

  it('reads the reservations counted per channel (预约直播, stored by the reservations script)', async () => {
    const id = (await t.call('POST', '/api/streams', { cookie: owner.cookie, body: { title: '预约', scheduledAt: inHours(2), jobIds: [jobId] } })).json.stream.id as string
    for (const [n, src] of [[1, 'poster'], [2, 'poster'], [3, undefined]] as const) {
      const res = await t.call('POST', `/api/streams/${id}/reservations`, { body: { phone: `1390000000${n}`, consent: true, ...(src ? { src } : {}) } })
      expect(res.status, res.text).toBe(201)
    }
    const s = await stats(id)
    expect(s.channels.map((r: { src: string; reservations: number }) => [r.src, r.reservations])).toEqual([['poster', 2], ['direct', 1]])
  })

  it('after the final report: entries and views per channel stay as they were, applications per channel go on counting', async () => {
    const id = await liveStream()
    await watch(id, 'fin', [{ src: 'org', watchMs: 15_000 }, { src: 'org', watchMs: 1_000 }, { watchMs: 15_000 }])
    await until(async () => (await stats(id)).views === 2)
    expect(await t.redis.hlen(keys.streamSessionChannel(id))).toBe(2)
    expect((await t.call('POST', `/api/streams/${id}/end`, { cookie: owner.cookie })).status).toBe(200)
    expect(await finalizeReports(t.redis, Date.now() + REPORT_GRACE_MS + 1)).toContain(id)
    expect(await t.redis.exists(keys.streamSessionChannel(id))).toBe(0) // per-session, dropped with the other session sets
    expect((await apply(id, 'org')).status).toBe(201)
    expect((await apply(id, 'poster')).status).toBe(201)
    const s = await stats(id)
    expect(s.final).toBe(true)
    expect(s.channels).toEqual([row('org', 2, 1, 1), row('direct', 1, 1, 0), row('poster', 0, 0, 1)])
  })

  it('refuses a channel of an unknown shape on beacons and applications with 400 src.invalid, writing nothing', async () => {
    const id = await liveStream()
    for (const src of ['weixin', 'st-', 'rc-' + 'x'.repeat(38), 'st-<script>', '']) {
      const beacon = await send([{ id: 'bad-src-join-1', type: 'join', streamId: id, viewerId: 'bad-src-viewer', sessionId: 'bad-src-session', src }])
      expect(beacon.status).toBe(400)
      const app = await apply(id, src || 'x y')
      expect(app.status).toBe(400)
      expect(app.json.error.details.some((d: { rule: string }) => d.rule === 'src.invalid')).toBe(true)
    }
    const s = await stats(id)
    expect([s.entries, s.applications, s.channels]).toEqual([0, 0, []])
    // behind the API, the counting script refuses such a row on its own too (as suspect)
    const t0 = Date.now()
    const join = (n: number, src: string) => ({ id: `lua-src-join-${n}`, type: 'join' as const, streamId: id, viewerId: `lua-src-viewer-${n}`, sessionId: `lua-src-session-${n}`, t: t0, src })
    expect((await countEvents(t.redis, { events: [join(1, 'st-<b>'), join(2, 'x'.repeat(41)), join(3, 'poster')] })).counted).toBe(1)
    const after = await stats(id)
    expect([after.entries, after.suspectEvents, after.channels]).toEqual([1, 2, [row('poster', 1, 0, 0)]])
  })
})
