import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { createServer } from 'node:net'
import fc from 'fast-check'
import { AccessToken } from 'livekit-server-sdk'
import { inHours, startTestApp, validJob, type TestApp } from '../helpers/app.ts'
import { TEST_ORGANIZER } from '../helpers/server.ts'
import { errorCodes } from '../../server/errors.ts'
import { keys } from '../../server/store/keys.ts'
import { illFormedPath } from '../../server/lib/unicode.ts'

// Issue 9: every endpoint's body, query and :params, fuzzed as each role. Routes come from
// the Hono app itself, so a new route is fuzzed without touching this file. Holds: no 5xx
// (but the documented "not available here" 503s), every answer is JSON (the error shape on
// 4xx) unless it is a CSV download or an empty 204/304, and nothing is half-written.

const RUNS_PER_ROLE = 600
const SEED = 20_260_309
const ROLES = ['anonymous', 'recruiter', 'station', 'organizer'] as const // organizer last: it may suspend the recruiter
type Role = (typeof ROLES)[number]
/** 503s that mean "this server does not offer it here", not a failure. */
const NOT_HERE = ['LIVEKIT_DISABLED', 'LIVEKIT_UNAVAILABLE', 'LIVE_EVENTS_UNAVAILABLE']
const LK_KEY = 'fuzzkey'
const LK_SECRET = 'fuzz-secret-with-at-least-32-characters-000'

let t: TestApp
let owner: Awaited<ReturnType<TestApp['recruiter']>>
let other: Awaited<ReturnType<TestApp['recruiter']>>
let pending: Awaited<ReturnType<TestApp['recruiter']>>
const cookies: Record<Role, string> = { anonymous: '', recruiter: '', station: '', organizer: '' }
const spareCookies: Record<Role, string> = { anonymous: '', recruiter: '', station: '', organizer: '' }
const STATION = { email: 'station-fuzz@test.local', password: 'password-123' }

async function closedPort() {
  const s = createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  const port = (s.address() as { port: number }).port
  await new Promise<void>((r) => s.close(() => r()))
  return port
}

beforeAll(async () => {
  t = await startTestApp({
    EVENTS_RATE_LIMIT_IP: '1000000',
    EVENTS_RATE_LIMIT_VIEWER: '1000000',
    APPLY_RATE_LIMIT_VIEWER: '1000000',
    // Tokens are minted locally; ingress calls go to a closed port (503 LIVEKIT_UNAVAILABLE).
    LIVEKIT_URL: `ws://127.0.0.1:${await closedPort()}`,
    LIVEKIT_API_KEY: LK_KEY,
    LIVEKIT_API_SECRET: LK_SECRET,
  })
  owner = await t.recruiter()
  other = await t.recruiter()
  pending = await t.recruiter('pending')
  const org = await t.organizer()
  await t.call('POST', '/api/admin/stations', { cookie: org, body: { ...STATION, name: '平店乡服务站', town: '平店乡' } })
  cookies.recruiter = owner.cookie
  cookies.organizer = org
  cookies.station = await t.login(STATION.email, STATION.password)
  spareCookies.recruiter = await t.login(owner.email, 'password-123')
  spareCookies.organizer = await t.login(TEST_ORGANIZER.email, TEST_ORGANIZER.password)
  spareCookies.station = await t.login(STATION.email, STATION.password)
}, 120_000)
afterAll(() => t?.stop())

// ---------------------------------------------------------------- the world the ids come from

type World = { live: string; scheduled: string; ended: string; openJob: string; openJob2: string; closedJob: string; foreignJob: string; fairId: string; appIds: string[]; userIds: string[] }

/** Fresh data per role, so one role's closing and ending leaves the next something to hit. */
async function seedWorld(): Promise<World> {
  const job = async (cookie: string) => (await t.call('POST', '/api/jobs', { cookie, body: validJob() })).json.job.id as string
  const [openJob, openJob2, closedJob, foreignJob] = [await job(owner.cookie), await job(owner.cookie), await job(owner.cookie), await job(other.cookie)]
  const fairId = (await t.call('POST', '/api/fairs', { cookie: await t.organizer(), body: { title: '春风行动', startsAt: inHours(-1), endsAt: inHours(48) } })).json.fair.id
  const stream = async (to: 'scheduled' | 'live' | 'ended') => {
    const body = { title: '探厂直播', scheduledAt: inHours(1), jobIds: [openJob, openJob2, closedJob], fairId }
    const id = (await t.call('POST', '/api/streams', { cookie: owner.cookie, body })).json.stream.id as string
    if (to !== 'scheduled') await t.call('POST', `/api/streams/${id}/start`, { cookie: owner.cookie })
    if (to === 'ended') await t.call('POST', `/api/streams/${id}/end`, { cookie: owner.cookie })
    return id
  }
  const [live, scheduled, ended] = [await stream('live'), await stream('scheduled'), await stream('ended')]
  await t.call('POST', `/api/jobs/${closedJob}/close`, { cookie: owner.cookie })
  const appIds: string[] = []
  for (const phone of ['13700000001', '13700000002']) {
    appIds.push((await t.call('POST', `/api/streams/${live}/applications`, { body: { jobId: openJob, name: '张大姐', phone, consent: true } })).json.application.id)
  }
  const userIds = [owner.userId, other.userId, pending.userId]
  return { live, scheduled, ended, openJob, openJob2, closedJob, foreignJob, fairId, appIds, userIds }
}

/** Bodies that pass validation, per route: the fuzzer bends them field by field. */
const validBodies = (w: World, seq = 0): Record<string, unknown> => ({
  'POST /api/auth/register': { email: `fuzz-hr${seq}@test.local`, password: 'password-123', name: '张三', companyName: '测试公司' },
  'POST /api/auth/login': { email: TEST_ORGANIZER.email, password: 'not-the-password' },
  'POST /api/admin/stations': { email: `fuzz-station${seq}@test.local`, password: 'password-123', name: '服务站', town: '平店乡' },
  'POST /api/jobs': validJob({ ageMin: 18, ageMax: 50, description: '计件', location: { town: '平店乡', address: '工业园', lat: 33.5, lng: 114.6 } }),
  'PATCH /api/jobs/:id': { title: '新标题', headcount: 5, ageMin: null, tags: ['包住'] },
  'POST /api/fairs': { title: '春风行动', startsAt: inHours(1), endsAt: inHours(5), description: '说明' },
  'POST /api/streams': { title: '探厂直播', scheduledAt: inHours(2), jobIds: [w.openJob], fairId: w.fairId, description: '说明' },
  'PATCH /api/streams/:id': { title: '新标题', jobIds: [w.openJob, w.openJob2], fairId: null, description: null, scheduledAt: inHours(3) },
  'POST /api/streams/:id/pin': { jobId: w.openJob },
  'POST /api/events': {
    events: [{ id: 'evt-fuzz-0001', type: 'impression', streamId: w.live, viewerId: 'viewer-fuzz-01', sessionId: 'session-fuzz-01', jobId: w.openJob, watchedMs: 1000, at: Date.now() }],
    sentAt: Date.now(),
  },
  'POST /api/streams/:id/applications': { jobId: w.openJob, name: '张大姐', phone: String(13_800_000_000 + seq), consent: true, age: 30, town: '平店乡', note: '会缝纫', viewerId: 'viewer-fuzz-01' },
  'PATCH /api/applications/:id': { status: 'hired' },
  'POST /api/streams/:id/token': { viewerId: 'viewer-fuzz-01', name: '观众' },
  'POST /api/streams/:id/ingress': { type: 'rtmp' },
  'POST /api/livekit/webhook': { event: 'participant_joined', id: 'EV_fuzz', createdAt: String(Math.floor(Date.now() / 1000)), room: { name: w.live }, participant: { identity: w.userIds[0] } },
})

// ---------------------------------------------------------------- hostile values

const RAW = '\u0000raw:' // marks a JSON number token JSON.stringify cannot write (1e400, -0.0e-999)
const rawNumber = fc.constantFrom('1e400', '-1e400', '1e-400', '123456789012345678901234567890', '-0.0e-999').map((n) => `${RAW}${n}`)
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((n) => String.fromCharCode(n))
const specialString = fc.constantFrom(
  '', ' ', '\t\n', '\u200b', '\u200d', '\ufeff', '\u202e', '\u0000', '😀', '👩‍🔧', '\ud83d', '\ude00', 'a\ud800b', '王\udfff',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'null', 'undefined', 'NaN', 'Infinity', '0', '-1', '1e309',
  '%', '%00', '\\', '"', "'", '<script>alert(1)</script>', '=HYPERLINK("x")', '{s:x}', '*', '../..', 'x'.repeat(65),
  '13812345678', 'a@b.cn', '2026-03-01T09:00:00+08:00', '2026-02-30T25:61:00Z', 'open', 'closed', 'live', 'ended', 'hired', 'month', 'rtmp',
  'join', 'beat', 'impression', 'room_started', 'room_finished', 'participant_left',
)
const hostileString = fc.oneof(
  { weight: 4, arbitrary: specialString },
  { weight: 2, arbitrary: fc.string({ unit: fc.oneof(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }), loneSurrogate, fc.constantFrom('😀', '\u200b', '王', '\ud83d')), maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constantFrom(300, 2_100, 20_000, 70_000).map((n) => '长'.repeat(n)) },
)
const hostileNumber = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 16, 80, 0.5, 1e21, 1e308, -1e308, 5e-324, 2 ** 53 + 2, 13812345678, 3_600_001),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  rawNumber,
)
const QUERY_KEYS = ['limit', 'cursor', 'since', 'status', 'fairId', 'companyId', 'from', 'to']
/** Every field name the valid bodies use, and the query keys: what a key is most worth trying as. */
const FIELD_NAMES = (() => {
  const shapeOnly = validBodies({ live: 'x', scheduled: 'x', ended: 'x', openJob: 'x', openJob2: 'x', closedJob: 'x', foreignJob: 'x', fairId: 'x', appIds: [], userIds: ['x'] })
  const names = new Set(QUERY_KEYS)
  for (const b of Object.values(shapeOnly)) for (const p of pathsOf(b)) if (typeof p.at(-1) === 'string') names.add(p.at(-1) as string)
  return [...names]
})()
const fieldName = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...FIELD_NAMES) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', '', ' ', 'a.b', '\ud800') },
  { weight: 1, arbitrary: hostileString },
)
const { value: hostileJson } = fc.letrec<{ value: unknown; array: unknown[]; object: Record<string, unknown> }>((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, hostileString, hostileNumber, fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  // Object.fromEntries makes "__proto__" an own key, as JSON.parse does.
  object: fc.array(fc.tuple(fieldName, tie('value')), { maxLength: 5 }).map((entries) => Object.fromEntries(entries)),
}))

/** JSON text, with RAW-marked numbers written as the bare tokens they stand for. */
const jsonText = (value: unknown) => JSON.stringify(value)?.replace(/"\\u0000raw:([^"]*)"/g, '$1') ?? 'undefined'

// Bodies: the valid one with some fields replaced, dropped or added; any JSON; or not JSON.
type BodyPlan =
  | { kind: 'bent'; edits: Edit[]; extra: [string, unknown][] }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; text: string }
const rawText = fc.oneof(
  fc.constantFrom('', '{', 'null', '[]', '"x"', '{"a":1}{', '\ufeff{}', '{"__proto__":{"admin":true}}', '{"a":"\\ud800"}', '{"a":"\\u0000"}', 'a=1&b=2'),
  fc.constantFrom(5_000, 15_000).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.constant(`${'{"a":'.repeat(6000)}1${'}'.repeat(6000)}`),
  fc.string({ maxLength: 40 }),
)
// An edit replaces, drops, or splices a short fragment into a string (the likeliest to pass
// the schema and reach the store: a valid name with half an emoji inside).
const fragment = fc.oneof(loneSurrogate, fc.constantFrom('\ud83d', '\ude00', '😀', '\u200b', '\u200d', '\ufeff', '\u202e', '\u0000', '%', '"', '\\', '\n'))
const edit = fc.record({
  at: fc.nat(),
  how: fc.constantFrom('replace', 'replace', 'splice', 'splice', 'drop'),
  value: fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 1, arbitrary: hostileJson }),
  fragment,
  where: fc.nat(),
})
type Edit = typeof edit extends fc.Arbitrary<infer E> ? E : never
const bodyPlan = fc.oneof(
  { weight: 2, arbitrary: fc.constant<BodyPlan>({ kind: 'bent', edits: [], extra: [] }) }, // valid: so state moves and success paths run
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('bent' as const), edits: fc.array(edit.map((e) => ({ ...e, how: 'splice' as const })), { minLength: 1, maxLength: 1 }), extra: fc.constant([]) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('bent' as const), edits: fc.array(edit, { minLength: 1, maxLength: 2 }), extra: fc.constant([]) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bent' as const), edits: fc.array(edit, { maxLength: 1 }), extra: fc.array(fc.tuple(fieldName, hostileJson), { minLength: 1, maxLength: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('json' as const), value: hostileJson }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('raw' as const), text: rawText }) },
) as fc.Arbitrary<BodyPlan>

/** Every path to a value inside `v` (objects and arrays), the root first. */
function pathsOf(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at]
  if (v && typeof v === 'object') for (const [k, child] of Object.entries(v)) out.push(...pathsOf(child, [...at, Array.isArray(v) ? Number(k) : k]))
  return out
}

function bend(valid: unknown, plan: Extract<BodyPlan, { kind: 'bent' }>) {
  let body = structuredClone(valid) as Record<string, unknown>
  const paths = pathsOf(body)
  for (const edit of plan.edits) {
    const path = paths[edit.at % paths.length]!
    if (path.length === 0) {
      if (edit.how === 'replace') body = edit.value as Record<string, unknown>
      continue
    }
    let parent: any = body
    for (const k of path.slice(0, -1)) parent = parent?.[k]
    if (!parent || typeof parent !== 'object') continue
    const key = path.at(-1)!
    const was = parent[key]
    if (edit.how === 'drop') delete parent[key]
    else if (edit.how === 'replace') parent[key] = edit.value
    else if (typeof was === 'string') parent[key] = was.slice(0, edit.where % (was.length + 1)) + edit.fragment + was.slice(edit.where % (was.length + 1))
    else parent[key] = edit.fragment
  }
  if (body && typeof body === 'object' && !Array.isArray(body)) for (const [k, v] of plan.extra) Object.defineProperty(body, k, { value: v, enumerable: true, configurable: true, writable: true })
  return body
}

// Params and queries travel percent-encoded; a lone surrogate goes as its (invalid) UTF-8 bytes.
const encode = (s: string) =>
  [...s].map((ch) => (ch.length === 1 && ch >= '\ud800' && ch <= '\udfff' ? [...Buffer.from([0xe0 | (ch.charCodeAt(0) >> 12), 0x80 | ((ch.charCodeAt(0) >> 6) & 63), 0x80 | (ch.charCodeAt(0) & 63)])].map((b) => `%${b.toString(16).toUpperCase()}`).join('') : encodeURIComponent(ch))).join('')

/** Real cursors point into the data; hostile ones decode to odd scores and ids. */
const cursorOf = (p: unknown) => btoa(jsonText(p)).replace(/=+$/, '')
const queryValue = fc.oneof(
  hostileString,
  hostileNumber.map(String),
  fc.record({ score: hostileNumber, id: fc.oneof(hostileString.map((s) => s.replace(/[^\x00-\xff]/g, '?')), hostileNumber) }).map(cursorOf),
  fc.constantFrom('pending', 'approved', 'suspended', 'open', 'live', 'scheduled', 'ended', '20', '100', '0', '2026-03-01T00:00:00Z', 'eyJzY29yZSI6MSwiaWQiOiJ4In0'),
)
const queryPlan = fc.oneof(fc.constant<[string, string, boolean][]>([]), fc.array(fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...QUERY_KEYS) }, { weight: 1, arbitrary: hostileString.map((s) => s.slice(0, 20)) }), queryValue, fc.boolean()), { minLength: 1, maxLength: 4 }))

const paramChoice = fc.oneof(
  { weight: 6, arbitrary: fc.nat().map((i) => ({ fitting: i })) },
  { weight: 1, arbitrary: fc.nat().map((i) => ({ real: i })) },
  { weight: 1, arbitrary: fc.oneof(specialString, hostileString.map((s) => s.slice(0, 200))).map((garbage) => ({ garbage })) },
)

const requestPlan = fc.record({
  params: fc.array(paramChoice, { minLength: 2, maxLength: 2 }),
  query: queryPlan,
  body: bodyPlan,
  contentType: fc.oneof({ weight: 8, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'text/plain', 'application/webhook+json', 'text/html', null) }),
  signed: fc.constantFrom(true, true, true, false),
  idempotencyKey: fc.option(fc.oneof(fc.constantFrom('retry-key-0001', 'retry-key-0002'), hostileString.map((s) => s.replace(/[^\x20-\x7e]/g, ''))), { freq: 5 }),
})
type RequestPlan = typeof requestPlan extends fc.Arbitrary<infer P> ? P : never

// ---------------------------------------------------------------- running a plan

type Route = { method: string; path: string }

function apiRoutes(): Route[] {
  const seen = new Map<string, Route>()
  for (const r of t.app.routes) {
    if (r.method === 'ALL' || r.path.includes('*') || !r.path.startsWith('/api/')) continue
    seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path })
  }
  return [...seen.values()]
}

async function sign(body: string) {
  const at = new AccessToken(LK_KEY, LK_SECRET, { ttl: '5m' })
  at.sha256 = createHash('sha256').update(body).digest('base64')
  return at.toJwt()
}

/** Ids of the kind the path segment before a :param names (any real id for a new kind). */
function idPools(w: World) {
  const streams = [w.live, w.scheduled, w.ended]
  const jobs = [w.openJob, w.openJob2, w.closedJob, w.foreignJob]
  const all = [...streams, ...jobs, w.fairId, ...w.appIds, ...w.userIds]
  const byKind: Record<string, string[]> = { streams, jobs, fairs: [w.fairId], applications: w.appIds, recruiters: w.userIds }
  return { all, fitting: (path: string, at: number) => byKind[path.slice(0, at).split('/').filter(Boolean).at(-1) ?? ''] ?? all }
}

let seq = 0
async function send(role: Role, w: World, route: Route, plan: RequestPlan) {
  const pools = idPools(w)
  let n = 0
  const path = route.path.replace(/:[A-Za-z]+/g, (_m, at: number) => {
    const choice = plan.params[n++ % plan.params.length]!
    if ('garbage' in choice) return encode(choice.garbage)
    const pool = 'fitting' in choice ? pools.fitting(route.path, at) : pools.all
    return pool[('fitting' in choice ? choice.fitting : choice.real) % pool.length]!
  })
  const query = plan.query.map(([k, v, raw]) => `${encode(k)}=${raw ? v.replace(/[#&\s]/g, '') : encode(v)}`).join('&')
  const url = query ? `${path}?${query}` : path
  const headers: Record<string, string> = {}
  const isLogout = route.path === '/api/auth/logout'
  const cookie = isLogout ? spareCookies[role] : cookies[role] // logout must not end the role's own session
  if (cookie) headers.cookie = cookie
  let body: string | undefined
  if (route.method !== 'GET') {
    const valid = validBodies(w, ++seq)[`${route.method} ${route.path}`] ?? {}
    body = plan.body.kind === 'raw' ? plan.body.text : jsonText(plan.body.kind === 'json' ? plan.body.value : bend(valid, plan.body))
    if (plan.contentType) headers['content-type'] = plan.contentType
    if (route.path === '/api/livekit/webhook' && plan.signed) headers.authorization = await sign(body)
    if (plan.idempotencyKey !== null) headers['idempotency-key'] = plan.idempotencyKey
  }
  const res = await t.app.request(url, { method: route.method, headers, body })
  return { res, text: await res.text(), url, body }
}

/** What is wrong with an answer, or null. */
function problemWith(route: Route, res: Response, text: string): string | null {
  const type = res.headers.get('content-type') ?? ''
  if (res.status === 204 || res.status === 304) return text === '' ? null : `${res.status} with a body`
  if (type.startsWith('text/csv')) return route.path.endsWith('.csv') && res.status === 200 ? null : `CSV on ${res.status}`
  if (type === 'image/png') return route.path.endsWith('/qr.png') && res.status === 200 ? null : `PNG on ${res.status}` // share QR codes
  if (type.startsWith('text/calendar')) return route.path.endsWith('/calendar.ics') && res.status === 200 ? null : `calendar on ${res.status}` // 加入日历
  // The API's own documentation page and its assets are the one documented non-JSON success.
  if (route.path.startsWith('/api/docs') && res.status === 200) return /^(text\/html|text\/css|text\/javascript|application\/javascript)/.test(type) ? null : `docs as ${type}`
  if (!type.startsWith('application/json')) return `${res.status} ${type || 'no content-type'}: ${text.slice(0, 80)}`
  let json: any
  try {
    json = JSON.parse(text)
  } catch {
    return `${res.status} body is not JSON: ${text.slice(0, 80)}`
  }
  if (res.status >= 400) {
    const e = json?.error
    if (!e || !(e.code in errorCodes) || typeof e.message !== 'string' || typeof e.requestId !== 'string') return `${res.status} not the error shape: ${text.slice(0, 120)}`
    if (res.status >= 500 && !(res.status === 503 && NOT_HERE.includes(e.code))) return `${res.status} ${e.code}: ${e.message}`
  } else if (json === null || typeof json !== 'object') return `${res.status} success body is not an object`
  return null
}

// ---------------------------------------------------------------- nothing half-written

/** The id inside a key built by `keyOf` (keys.ts), e.g. the job id of zb:job:<id>:phones. */
const idIn = (keyOf: (id: string) => string, key: string) => {
  const [head, tail] = keyOf('\u0001').split('\u0001') as [string, string]
  return key.slice(head.length, key.length - tail.length)
}
async function scanKeys(pattern: string) {
  const out: string[] = []
  let cursor = '0'
  do {
    const [next, batch] = await t.redis.scan(cursor, 'MATCH', pattern, 'COUNT', '1000')
    out.push(...batch)
    cursor = next
  } while (cursor !== '0')
  return out
}

async function halfWrites(): Promise<string[]> {
  const problems: string[] = []
  const app = (id: string) => t.redis.hgetall(keys.application(id))
  for (const key of await scanKeys(keys.jobPhones('*'))) {
    const jobId = idIn(keys.jobPhones, key)
    const phones = await t.redis.hgetall(key)
    for (const [phone, id] of Object.entries(phones)) {
      const a = await app(id)
      if (a.phone !== phone || a.jobId !== jobId) problems.push(`${key} ${phone} → ${id}: no such application`)
    }
    const counted = Number((await t.redis.hget(keys.jobCounters(jobId), 'applications')) ?? 0)
    const listed = await t.redis.zcard(keys.jobApplications(jobId))
    if (counted !== listed || listed !== Object.keys(phones).length) problems.push(`job ${jobId}: ${counted} counted, ${listed} listed, ${Object.keys(phones).length} phones`)
  }
  for (const key of await scanKeys(keys.streamApplications('*'))) {
    const streamId = idIn(keys.streamApplications, key)
    const ids = await t.redis.zrange(key, '0', '-1')
    for (const id of ids) if ((await app(id)).streamId !== streamId) problems.push(`${key} lists ${id}: no such application`)
    const counted = Number((await t.redis.hget(keys.streamCounters(streamId), 'applications')) ?? 0)
    if (counted !== ids.length) problems.push(`stream ${streamId}: ${counted} counted, ${ids.length} listed`)
  }
  // Every record is written well-formed: no lone-surrogate escape in any stored JSON.
  for (const keyOf of [keys.user, keys.company, keys.job, keys.fair, keys.stream]) {
    for (const key of await scanKeys(keyOf('*'))) {
      if ((await t.redis.type(key)) !== 'string') continue
      const bad = illFormedPath(JSON.parse((await t.redis.get(key))!))
      if (bad) problems.push(`${key} holds a lone surrogate at ${bad.join('.')}`)
    }
  }
  return problems
}

// ---------------------------------------------------------------- the runs

// FUZZ_STATS=1 prints how often each route answered what: to see that the runs get past validation.
const stats = new Map<string, number>()
function tally(route: Route, res: Response, text: string) {
  if (!process.env.FUZZ_STATS) return
  let code = ''
  try {
    code = res.status >= 400 ? JSON.parse(text).error.code : ''
  } catch {}
  const k = `${route.method} ${route.path} ${res.status} ${code}`
  stats.set(k, (stats.get(k) ?? 0) + 1)
}
afterAll(() => {
  if (process.env.FUZZ_STATS) console.log([...stats].sort().map(([k, v]) => `${k} ${v}`).join('\n'))
})
const seenRoutes = new Set<string>()

describe('fuzzing every endpoint', () => {
  it.each(ROLES.map((r, i) => [r, i] as const))('as %s: no 5xx, JSON answers', async (role, i) => {
    const failures: string[] = []
    const w = await seedWorld()
    const routes = apiRoutes()
    expect(routes.length).toBeGreaterThan(30)
    // Every route in turn, those with a body twice as often: each gets its share of the runs.
    const slots = routes.flatMap((r) => (r.method === 'GET' ? [r] : [r, r]))
    const plans = fc.sample(requestPlan, { seed: SEED + i, numRuns: RUNS_PER_ROLE })
    for (const [n, plan] of plans.entries()) {
      const route = slots[n % slots.length]!
      seenRoutes.add(`${route.method} ${route.path}`)
      const { res, text, url, body } = await send(role, w, route, plan)
      const problem = problemWith(route, res, text)
      tally(route, res, text)
      if (problem) failures.push(`${role} ${route.method} ${route.path}: ${problem}\n    ${url.slice(0, 200)}\n    ${(body ?? '').slice(0, 300)}`)
    }
    expect(failures, failures.slice(0, 10).join('\n')).toEqual([])
  }, 120_000)

  it('reached every route and left nothing half-written', async () => {
    expect(apiRoutes().filter((r) => !seenRoutes.has(`${r.method} ${r.path}`))).toEqual([])
    expect(await halfWrites()).toEqual([])
  }, 60_000)
})
