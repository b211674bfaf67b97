import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inHours, startTestApp, validJob, type TestApp } from '../helpers/app.ts'
import { until } from '../helpers/until.ts'
import { startWorkers, type Workers } from '../../workers/main.ts'

// A fair's CSV exports (docs/counting.md "CSV reports") say what its dashboard says: the report's
// per-stream likes, comments, commenters and reservations, and channels.csv's rows per channel.
// Everything is made through the API: beacons, comments, applications and reservations.

let t: TestApp
let workers: Workers
let org: string
let fairId: string
let streamA: string
let streamB: string
let stationSrc: string

const send = (events: unknown[]) => t.call('POST', '/api/events', { body: { events } })
let phone = 13700000000

beforeAll(async () => {
  t = await startTestApp()
  workers = await startWorkers(t.server.url, () => {})
  org = await t.organizer()
  fairId = (await t.call('POST', '/api/fairs', { cookie: org, body: { title: '报表招聘会', startsAt: inHours(-24), endsAt: inHours(48) } })).json.fair.id
  const station = await t.call('POST', '/api/admin/stations', { cookie: org, body: { email: 'csv-zhan@test.local', password: 'station-pass', name: '平店乡服务站', town: '平店乡' } })
  expect(station.status, station.text).toBe(201)
  stationSrc = `st-${station.json.user.id}`
  const owner = await t.recruiter()
  const job = (await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob({ headcount: 20 }) })).json.job.id
  const stream = async (title: string, hours: number) => (await t.call('POST', '/api/streams', { cookie: owner.cookie, body: { title, scheduledAt: inHours(hours), jobIds: [job], fairId } })).json.stream.id as string
  streamA = await stream('今晚的直播', 1)
  streamB = await stream('明晚的直播', 30)
  expect((await t.call('POST', `/api/streams/${streamA}/start`, { cookie: owner.cookie })).status).toBe(200)

  // A (live): 4 sessions from the poster, 2 from the station; 3 of the poster's and 1 of the station's watch 15 s.
  const visits = [...Array.from({ length: 4 }, (_, i) => ({ src: 'poster', watchMs: i < 3 ? 15_000 : 2_000 })), ...Array.from({ length: 2 }, (_, i) => ({ src: stationSrc, watchMs: i < 1 ? 15_000 : 2_000 }))]
  const who = (i: number) => ({ streamId: streamA, viewerId: `csv-viewer-${i}`, sessionId: `csv-session-${i}` })
  expect((await send(visits.map((v, i) => ({ ...who(i), id: `csv-join-${i}-xx`, type: 'join', src: v.src })))).status).toBe(202)
  await until('6 entries', async () => (await t.call('GET', `/api/streams/${streamA}/stats`, { cookie: org })).json.entries === 6 || false)
  const likes = [0, 0, 1, 4, 4].map((viewer, n) => ({ ...who(viewer), id: `csv-like-${n}-xx`, type: 'like' }))
  expect((await send([...visits.map((v, i) => ({ ...who(i), id: `csv-beat-${i}-xx`, type: 'beat', watchedMs: v.watchMs })), ...likes])).status).toBe(202)
  await until('4 views and 5 likes', async () => {
    const s = (await t.call('GET', `/api/streams/${streamA}/stats`, { cookie: org })).json
    return (s.views === 4 && s.likes === 5) || false
  })
  // 3 comments by 2 viewers
  for (const viewer of [0, 1, 0]) {
    const res = await t.call('POST', `/api/streams/${streamA}/comments`, { body: { text: '这个岗位包吃住吗', viewerId: `csv-viewer-${viewer}`, name: '网友' } })
    expect(res.status, res.text).toBe(201)
  }
  // applications: 2 through the poster, 1 through the station; 1 more on B through the station
  for (const [id, src] of [[streamA, 'poster'], [streamA, 'poster'], [streamA, stationSrc], [streamB, stationSrc]] as const) {
    const res = await t.call('POST', `/api/streams/${id}/applications`, { body: { jobId: job, name: '王', phone: String(++phone), consent: true, src } })
    expect(res.status, res.text).toBe(201)
  }
  // B (upcoming): 预约 — 2 through the poster, 1 through the station
  for (const src of ['poster', 'poster', stationSrc]) {
    const res = await t.call('POST', `/api/streams/${streamB}/reservations`, { body: { phone: String(++phone), consent: true, src } })
    expect(res.status, res.text).toBe(201)
  }
}, 60_000)
afterAll(async () => {
  await workers?.close()
  await t?.stop()
})

const stats = async (q = '') => (await t.call('GET', `/api/fairs/${fairId}/stats${q}`, { cookie: org })).json
/** The CSV's rows as cells (no cell here holds a comma, quote or line break). */
async function csv(name: string, q = '') {
  const res = await t.call('GET', `/api/fairs/${fairId}/${name}${q}`, { cookie: org })
  expect(res.status, res.text).toBe(200)
  expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/)
  return res.text.trim().split('\r\n').map((line) => line.split(','))
}
const REPORT_HEAD = ['直播场次', '企业', '状态', '开播时间', '进入人次', '有效观看', '独立观众', '峰值在线', '观看时长(分钟)', '岗位曝光', '岗位点击', '投递', '促成就业']
const NUMBERS = ['entries', 'views', 'uniqueViewers', 'peakConcurrent', 'watchSeconds', 'impressions', 'clicks', 'applications', 'placements', 'likes', 'comments', 'commenters', 'reservations'] as const
const asCells = (r: Record<string, number>) => NUMBERS.map((k) => String(k === 'watchSeconds' ? Math.round(r[k]! / 60) : r[k]))

describe('report.csv', () => {
  it('keeps its columns in order and adds likes, comments, commenters and reservations at the end, per stream and in the total, equal to the fair’s stats', async () => {
    const s = await stats()
    expect(s).toMatchObject({ entries: 6, views: 4, applications: 4, likes: 5, comments: 3, commenters: 2, reservations: 3 })
    const rows = await csv('report.csv')
    expect(rows[0]).toEqual([...REPORT_HEAD, '点赞', '评论', '评论人数', '预约人数'])
    expect(rows).toHaveLength(1 + 2 + 1)
    for (const r of s.streams) {
      const row = rows.find((cells) => cells[0] === r.title)!
      expect(row.slice(4)).toEqual(asCells(r))
    }
    expect(rows.find((cells) => cells[0] === '今晚的直播')!.slice(-4)).toEqual(['5', '3', '2', '0'])
    expect(rows.find((cells) => cells[0] === '明晚的直播')!.slice(-4)).toEqual(['0', '0', '0', '3'])
    expect(rows.at(-1)!.slice(0, 4)).toEqual(['合计', '', '', ''])
    expect(rows.at(-1)!.slice(4)).toEqual(asCells(s))
  })
})

describe('channels.csv', () => {
  it('has one row per channel, named, equal to the fair’s stats channels, and a total equal to the fair’s totals', async () => {
    const s = await stats()
    expect(s.channels).toEqual([
      { src: 'poster', entries: 4, views: 3, applications: 2, reservations: 2 },
      { src: stationSrc, name: '平店乡服务站', entries: 2, views: 1, applications: 2, reservations: 1 },
    ])
    const rows = await csv('channels.csv')
    expect(rows[0]).toEqual(['渠道', '名称', '进入人次', '有效观看', '投递', '预约'])
    expect(rows.slice(1, -1)).toEqual(s.channels.map((r: Record<string, string | number>) => [r.src, r.name ?? '海报', ...['entries', 'views', 'applications', 'reservations'].map((k) => String(r[k]))]))
    expect(rows.at(-1)).toEqual(['合计', '', ...[s.entries, s.views, s.applications, s.reservations].map(String)])
  })

  it('takes the dashboard’s date range: only the streams scheduled in it', async () => {
    const q = `?from=${encodeURIComponent(inHours(20))}`
    // busiest first: with no entries, applications come before reservations
    expect((await stats(q)).channels).toEqual([
      { src: stationSrc, name: '平店乡服务站', entries: 0, views: 0, applications: 1, reservations: 1 },
      { src: 'poster', entries: 0, views: 0, applications: 0, reservations: 2 },
    ])
    expect(await csv('channels.csv', q)).toEqual([['渠道', '名称', '进入人次', '有效观看', '投递', '预约'], [stationSrc, '平店乡服务站', '0', '0', '1', '1'], ['poster', '海报', '0', '0', '0', '2'], ['合计', '', '0', '0', '1', '3']])
    expect((await t.call('GET', `/api/fairs/${fairId}/channels.csv?from=nope`, { cookie: org })).status).toBe(400)
  })

  it('opens in Excel: UTF-8 with a BOM, a download named after the fair; an unknown fair is 404', async () => {
    const res = await t.app.request(`/api/fairs/${fairId}/channels.csv`, { headers: { cookie: org } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="fair-${fairId}-channels.csv"`)
    expect([...new Uint8Array(await res.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect((await t.call('GET', '/api/fairs/NOPE/channels.csv', { cookie: org })).status).toBe(404)
  })
})
