// A known fair for the dashboards test, built only through the public HTTP API.
import { isDeepStrictEqual } from 'node:util'
import { request, type APIRequestContext } from 'playwright-core'
import { TEST_ORGANIZER } from '../helpers/server.ts'
import { audience } from '../helpers/events.ts'

type Res = { ok(): boolean; status(): number; text(): Promise<string>; json(): Promise<any> }
async function ok(res: Res, what: string): Promise<any> {
  if (!res.ok()) throw new Error(`${what}: ${res.status()} ${await res.text()}`)
  return res.status() === 204 ? null : res.json()
}

export const PASSWORD = 'recruit-pass-1'
export const RECRUITER_A = { email: 'hr-a-dash@test.local', company: '平店乡测试服饰有限公司' }
export const RECRUITER_B = { email: 'hr-b-dash@test.local', company: '成安县测试鞋灯厂' }
export const STATION = { email: 'station-dash@test.local', password: 'station-pass-1', name: '平店乡测试服务站', town: '商水县平店乡' }
export const FAIR_TITLE = '2026 春风行动 · 数据测试专场'

/** Per stream, what docs/counting.md's definitions say the seeded events and applications count to. */
export type Expected = { entries: number; views: number; uniqueViewers: number; watchSeconds: number; impressions: number; clicks: number; concurrent: number; peakConcurrent: number; applications: number; placements: number }

export type Seed = Awaited<ReturnType<typeof seedFair>>

let phone = 13_900_000_000
const nextPhone = () => String(++phone)
const ahead = (ms: number) => new Date(Date.now() + ms).toISOString()

/**
 * Requests of at most `max` events that never split a session: a join and its leave are
 * folded together, so no sample can see a leaving viewer as online and lift the peak.
 */
function bySession<E extends { sessionId: string }>(events: E[], max: number): E[][] {
  const sessions = new Map<string, E[]>()
  for (const e of events) sessions.set(e.sessionId, [...(sessions.get(e.sessionId) ?? []), e])
  const out: E[][] = [[]]
  for (const list of sessions.values()) {
    if (out.at(-1)!.length + list.length > max) out.push([])
    out.at(-1)!.push(...list)
  }
  return out
}

export async function seedFair(baseURL: string) {
  const ctx = () => request.newContext({ baseURL })
  const organizer = await ctx()
  const a = await ctx()
  const b = await ctx()
  const station = await ctx()
  const anon = await ctx()
  await ok(await organizer.post('/api/auth/login', { data: TEST_ORGANIZER }), 'organizer login')
  const { fair } = await ok(await organizer.post('/api/fairs', { data: { title: FAIR_TITLE, startsAt: ahead(-3600_000), endsAt: ahead(5 * 86400_000) } }), 'fair')
  const stationUser = (await ok(await organizer.post('/api/admin/stations', { data: STATION }), 'station')).user
  await ok(await station.post('/api/auth/login', { data: { email: STATION.email, password: STATION.password } }), 'station login')

  for (const [api, who] of [[a, RECRUITER_A], [b, RECRUITER_B]] as const) {
    await ok(await api.post('/api/auth/register', { data: { email: who.email, password: PASSWORD, name: '王经理', companyName: who.company } }), 'register')
  }
  const pending = await ok(await organizer.get('/api/admin/recruiters?status=pending'), 'pending')
  for (const u of pending.items as { id: string; email: string }[]) await ok(await organizer.post(`/api/admin/recruiters/${u.id}/approve`), 'approve')
  for (const [api, who] of [[a, RECRUITER_A], [b, RECRUITER_B]] as const) await ok(await api.post('/api/auth/login', { data: { email: who.email, password: PASSWORD } }), 'login')

  const job = async (api: APIRequestContext, title: string, town: string, headcount: number) =>
    (await ok(await api.post('/api/jobs', { data: { title, pay: { min: 4500, max: 6500, unit: 'month' }, headcount, location: { town } } }), 'job')).job.id as string
  const sew = await job(a, '缝纫工', '商水县平店乡', 30)
  const tea = await job(a, '采茶工', '建阳区麻沙镇', 200)
  const lamp = await job(b, '鞋灯组装', '成安县成安镇', 20)

  // A1 and B1 on the same day (an hour from now); A2 two days later, outside a one-day range.
  const stream = async (api: APIRequestContext, title: string, at: string, jobIds: string[]) =>
    (await ok(await api.post('/api/streams', { data: { title, scheduledAt: at, jobIds, fairId: fair.id } }), 'stream')).stream as { id: string; scheduledAt: string }
  const soon = ahead(3600_000)
  const a1 = await stream(a, '走进服饰车间：缝纫工、采茶工现场招', soon, [sew, tea])
  const b1 = await stream(b, '鞋灯车间直播：家门口计件上班', soon, [lamp])
  const a2 = await stream(a, '采茶季专场：200 个采茶工名额', ahead(49 * 3600_000), [tea])
  for (const [api, s] of [[a, a1], [b, b1], [a, a2]] as const) await ok(await api.post(`/api/streams/${s.id}/start`), 'start')

  // Audiences (tests/helpers/events.ts), plus 6 of A1's sessions seeing the tea card and 2 clicking it.
  const wA1 = audience(a1.id, sew, 24, 'a1')
  const wA2 = audience(a2.id, tea, 10, 'a2')
  const wB1 = audience(b1.id, lamp, 7, 'b1')
  const extra = Array.from({ length: 6 }, (_, i) => [
    { id: `a1-tea-imp-${i}`, type: 'impression', streamId: a1.id, viewerId: `a1-viewer-${String(i).padStart(5, '0')}`, sessionId: `a1-session-${String(i).padStart(5, '0')}`, jobId: tea },
    ...(i < 2 ? [{ id: `a1-tea-clk-${i}`, type: 'click', streamId: a1.id, viewerId: `a1-viewer-${String(i).padStart(5, '0')}`, sessionId: `a1-session-${String(i).padStart(5, '0')}`, jobId: tea }] : []),
  ]).flat()
  for (const part of bySession([...wA1.events, ...wA2.events, ...wB1.events, ...extra], 100)) await ok(await anon.post('/api/events', { data: { events: part } }), 'events')

  // Applications: towns as typed by viewers; the station's carry its town (商水县平店乡).
  const apply = async (api: APIRequestContext, streamId: string, jobId: string, name: string, town?: string) =>
    (await ok(await api.post(`/api/streams/${streamId}/applications`, { data: { jobId, name, phone: nextPhone(), consent: true, ...(town ? { town } : {}) } }), 'apply')).application.id as string
  const ids = { a1: [] as string[], a2: [] as string[], b1: [] as string[] }
  for (const n of ['张秀英', '李桂兰', '王淑珍', '刘凤英', '陈玉梅']) ids.a1.push(await apply(anon, a1.id, sew, n, '商水县平店乡'))
  for (const n of ['赵春花', '孙桂芳']) ids.a1.push(await apply(station, a1.id, sew, n))
  for (const n of ['周丽娟', '吴海燕']) ids.a1.push(await apply(anon, a1.id, sew, n, '成安县成安镇'))
  for (const n of ['郑小红', '冯秋菊']) ids.a1.push(await apply(anon, a1.id, tea, n, '建阳区麻沙镇'))
  for (const n of ['褚春梅', '卫金凤', '蒋翠兰']) ids.a2.push(await apply(anon, a2.id, tea, n, '商水县平店乡'))
  for (const n of ['沈国强', '韩建军', '杨志刚', '朱宝山']) ids.b1.push(await apply(anon, b1.id, lamp, n, '成安县成安镇'))
  ids.b1.push(await apply(station, b1.id, lamp, '秦德胜'))

  const move = (api: APIRequestContext, id: string, status: string) => api.patch(`/api/applications/${id}`, { data: { status } }).then((r) => ok(r, 'status'))
  await move(a, ids.a1[0]!, 'hired') // 平店乡
  await move(a, ids.a1[5]!, 'hired') // via the station
  await move(a, ids.a1[7]!, 'hired') // 成安县
  await move(a, ids.a1[1]!, 'contacted')
  await move(a, ids.a1[2]!, 'interview')
  await move(a, ids.a1[9]!, 'rejected')
  await move(a, ids.a2[0]!, 'hired')
  await move(b, ids.b1[0]!, 'hired')

  const expected: Record<'a1' | 'a2' | 'b1', Expected> = {
    a1: { ...wA1.expected, impressions: 30, clicks: wA1.expected.clicks + 2, peakConcurrent: wA1.expected.concurrent, applications: 11, placements: 3 },
    a2: { ...wA2.expected, peakConcurrent: wA2.expected.concurrent, applications: 3, placements: 1 },
    b1: { ...wB1.expected, peakConcurrent: wB1.expected.concurrent, applications: 5, placements: 1 },
  }
  const streams = { a1, a2, b1 }
  const api = { organizer, a, b, station, anon }

  /** GET /stats as the owner until every expected field matches. */
  async function settle(key: keyof typeof streams, owner: APIRequestContext, want: Partial<Expected>) {
    const until = Date.now() + 20_000
    let got: Record<string, unknown> = {}
    while (Date.now() < until) {
      const s = await ok(await owner.get(`/api/streams/${streams[key].id}/stats`), 'stats')
      got = Object.fromEntries(Object.keys(want).map((k) => [k, s[k]]))
      if (isDeepStrictEqual(got, want)) return
      await new Promise((r) => setTimeout(r, 300))
    }
    throw new Error(`stats of ${key} never reached ${JSON.stringify(want)}; last ${JSON.stringify(got)}`)
  }
  await settle('a1', a, expected.a1)
  await settle('b1', b, expected.b1)
  await settle('a2', a, expected.a2)
  // A2 ends: it stops counting as online, and the report says it has ended.
  await ok(await a.post(`/api/streams/${a2.id}/end`), 'end')
  expected.a2.concurrent = 0
  await settle('a2', a, expected.a2)

  // Sessions still watching A1 and B1 beat every 8 s (no watch time) so "online now" holds still.
  let beats = 0
  const alive = [...wA1.events, ...wB1.events].filter((e) => e.type === 'join' && !wA1.events.concat(wB1.events).some((x) => x.type === 'leave' && x.sessionId === e.sessionId))
  const beat = async () => {
    beats++
    const events = alive.map((e) => ({ id: `${e.sessionId}-keep-${beats}`, type: 'beat', streamId: e.streamId, viewerId: e.viewerId, sessionId: e.sessionId, watchedMs: 0 }))
    await anon.post('/api/events', { data: { events } }).catch(() => {})
  }
  const timer = setInterval(() => void beat(), 8_000)

  return {
    fair: fair as { id: string; title: string },
    stationId: stationUser.id as string,
    streams,
    jobs: { sew, tea, lamp },
    expected,
    api,
    async stop() {
      clearInterval(timer)
      for (const c of Object.values(api)) await c.dispose()
    },
  }
}

/** GET as JSON through a signed-in API context. */
export const getJson = async (api: APIRequestContext, path: string) => ok(await api.get(path), path)
