/**
 * Authorization matrix: every mutating endpoint (plus the organizer's recruiter list) against
 * every kind of caller. Expectations come from docs/http-api.md, not from the server code:
 *
 *   anonymous        → 401 UNAUTHENTICATED
 *   suspended        → 401 UNAUTHENTICATED (a session opened before suspension stops working)
 *   assistant-of-suspended → 401 UNAUTHENTICATED: a 场控 assistant signed in while the recruiter
 *                      who made it (and owns the fixtures) was approved; that recruiter is then
 *                      suspended, and the assistant's session stops working with it
 *   pending          → 403 NOT_APPROVED on recruiter endpoints, 403 FORBIDDEN on organizer ones
 *   other-company    → 403 FORBIDDEN on another company's job/stream; on create endpoints it
 *                      tries to create into / attach another company's things → 400, nothing written
 *   owner            → 2xx with the body shape from docs/http-api.md
 *   recruiter        → 403 FORBIDDEN on organizer endpoints (an approved recruiter)
 *   organizer        → 403 FORBIDDEN on recruiter-only writes, 2xx on organizer endpoints
 *   station          → 403 FORBIDDEN everywhere here
 *   assistant        → the owner's company's 场控 account: 403 FORBIDDEN everywhere here except
 *                      pinning its company's cards and moderating its streams' comments (2xx)
 * Moderation endpoints (kind 'moderator': the stream's company's approved recruiter or its
 * assistants) refuse everyone else with 403 FORBIDDEN, a pending recruiter included (it has no
 * stream to moderate); the moderation log is also open to organizers.
 * Station endpoints (kind 'station': a village station's own list) refuse everyone but a station
 * with 403 FORBIDDEN.
 * Token endpoints (kind 'token': 预约直播 reservations) need no session: anyone may reserve, and
 * whoever holds a reservation's token (the SMS link) may unsubscribe it — every caller, signed in
 * or not, gets the success status; a wrong token is 404 for every caller (below the grid).
 *
 * Every denied cell also checks that nothing was written: the whole Redis keyspace (minus
 * rate-limit counters) is byte-identical before and after, plus a domain-level check
 * (the job is unchanged, no jobs exist, the recruiter is still pending, …).
 * Each cell builds its own fixtures, so cells can run in any order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Redis } from 'ioredis'
import { inHours, startTestApp, validJob, type TestApp } from '../helpers/app.ts'
import { keys } from '../../server/store/keys.ts'
import { until } from '../helpers/until.ts'

type Account = { cookie: string; userId: string; companyId: string; email: string }
type Res = Awaited<ReturnType<TestApp['call']>>

type RecruiterActor = 'anonymous' | 'suspended' | 'assistant-of-suspended' | 'pending' | 'other-company' | 'owner' | 'organizer' | 'station' | 'assistant'
type OrganizerActor = 'anonymous' | 'suspended' | 'assistant-of-suspended' | 'pending' | 'recruiter' | 'organizer' | 'station' | 'assistant'
type Actor = RecruiterActor | OrganizerActor

/** Fresh per cell: the request to send plus whatever the checks need. */
type Fixture = {
  path: string
  body?: unknown
  /** For create endpoints: the body an other-company recruiter sends to reach into the owner's company. */
  spoofBody?: unknown
  jobId?: string
  streamId?: string
  target?: Account
  /** the target recruiter's own 场控 assistant, signed in */
  targetAssistant?: Account
  stationEmail?: string
  commentId?: string
  words?: string[]
  /** a 大屏 link's token */
  token?: string
}

type Endpoint = {
  route: string
  kind: 'recruiter' | 'organizer' | 'moderator' | 'station' | 'token'
  /** moderator endpoints an organizer may call too (the moderation log) */
  organizerMay?: boolean
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  /** Status of the success cell, from docs/http-api.md. */
  okStatus: 200 | 201 | 204
  /** Whether the owner's 场控 assistant may do it too (docs/http-api.md): it then gets okStatus. */
  assistantMay?: boolean
  /** Creates fresh fixtures owned by `owner` (an approved recruiter with a session). */
  setup(owner: Account): Promise<Fixture>
  /** Success cell (owner or organizer): status and body shape from docs/http-api.md, and the effect. */
  ok(res: Res, fx: Fixture, owner: Account, caller: Account | null): Promise<void>
  /** Domain-level view read before and after a denied request; the two must be equal. */
  observe(fx: Fixture, owner: Account, caller: Account | null): Promise<unknown>
  /** Extra domain-level checks after a denied request. */
  untouched?(fx: Fixture, owner: Account, caller: Account | null): Promise<void>
  /** Where another company must not even learn the resource exists (applicants: 404). */
  otherCompany?: Expect
}

let t: TestApp
let owner: Account
let other: Account
let pending: Account
let organizer: Account
let station: Account
let assistant: Account

beforeAll(async () => {
  t = await startTestApp()
  const orgCookie = await t.organizer()
  const me = await t.call('GET', '/api/me', { cookie: orgCookie })
  expect(me.status).toBe(200)
  organizer = { cookie: orgCookie, userId: me.json.user.id, companyId: '', email: me.json.user.email }
  owner = await t.recruiter('approved')
  other = await t.recruiter('approved')
  pending = await t.recruiter('pending')
  const stationEmail = `station-actor-${Date.now()}@test.local`
  const st = await t.call('POST', '/api/admin/stations', {
    cookie: orgCookie,
    body: { email: stationEmail, password: 'station-pass-1', name: '平店服务站', town: '商水县平店乡' },
  })
  expect(st.status).toBe(201)
  station = { cookie: await t.login(stationEmail, 'station-pass-1'), userId: st.json.user.id, companyId: '', email: stationEmail }
  assistant = await newAssistant(owner)
})

/** A 场控 assistant of `of`'s company, signed in. */
async function newAssistant(of: Account): Promise<Account> {
  const email = `assistant-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@test.local`
  const res = await t.call('POST', '/api/company/assistants', { cookie: of.cookie, body: { email, password: 'assist-pass-1', name: '场控' } })
  expect(res.status, res.text).toBe(201)
  return { cookie: await t.login(email, 'assist-pass-1'), userId: res.json.user.id, companyId: of.companyId, email }
}
// read from the company's index: the owner's own session may be the one under test (suspended)
const assistantsOf = (acc: Account) => t.redis.zrange(keys.companyAssistants(acc.companyId), '0', '-1')

afterAll(async () => {
  await t?.stop()
})

// ---------------------------------------------------------------- helpers

async function createJob(acc: Account, over: Record<string, unknown> = {}) {
  const res = await t.call('POST', '/api/jobs', { cookie: acc.cookie, body: validJob(over) })
  expect(res.status, res.text).toBe(201)
  return res.json.job as { id: string; companyId: string; status: string; title: string }
}

async function createStream(acc: Account, jobIds: string[]) {
  const res = await t.call('POST', '/api/streams', { cookie: acc.cookie, body: { title: '春风行动直播招聘', scheduledAt: inHours(2), jobIds } })
  expect(res.status, res.text).toBe(201)
  return res.json.stream as { id: string; status: string; title: string }
}

/** A comment by `viewerId` on a fresh (scheduled) stream of `acc`'s company. */
async function commentOn(acc: Account, viewerId = `viewer-auth-${Math.random().toString(36).slice(2, 10)}`) {
  const job = await createJob(acc)
  const stream = await createStream(acc, [job.id])
  const res = await t.call('POST', `/api/streams/${stream.id}/comments`, { body: { text: '包吃住吗？', viewerId } })
  expect(res.status, res.text).toBe(201)
  return { streamId: stream.id, commentId: res.json.comment.id as string, viewerId }
}
const roomOf = async (streamId: string) => (await t.call('GET', `/api/streams/${streamId}/comments?limit=100`)).json
const bannedWords = async () => (await t.call('GET', '/api/admin/banned-words', { cookie: organizer.cookie })).json.words as string[]

const getJob = async (id: string) => (await t.call('GET', `/api/jobs/${id}`)).json.job
const getStream = async (id: string) => (await t.call('GET', `/api/streams/${id}`)).json.stream
const jobsOf = async (companyId: string) => (await t.call('GET', `/api/jobs?companyId=${companyId}&limit=100`)).json.items as unknown[]
const streamsOf = async (companyId: string) => (await t.call('GET', `/api/streams?companyId=${companyId}&limit=100`)).json.items as unknown[]
const fairs = async () => (await t.call('GET', '/api/fairs?limit=100')).json.items as { id: string }[]
const meOf = (acc: Account) => t.call('GET', '/api/me', { cookie: acc.cookie })

/** A recruiter who signed in while approved and was then suspended by the organizer. */
async function suspend(acc: Account) {
  const res = await t.call('POST', `/api/admin/recruiters/${acc.userId}/suspend`, { cookie: organizer.cookie })
  expect(res.status, res.text).toBe(200)
}

/** Every key and its serialized value, minus rate-limit counters (they expire on their own). */
async function keyspace(redis: Redis): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  let cursor = '0'
  do {
    const [next, batch] = await redis.scan(cursor, 'COUNT', 1000)
    cursor = next
    for (const key of batch) {
      if (key.startsWith('zb:rl:')) continue
      const dump = await redis.dumpBuffer(key)
      if (dump) out.set(key, dump.toString('hex'))
    }
  } while (cursor !== '0')
  return out
}

function diff(before: Map<string, string>, after: Map<string, string>) {
  const added = [...after.keys()].filter((k) => !before.has(k)).sort()
  const removed = [...before.keys()].filter((k) => !after.has(k)).sort()
  const changed = [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k)).sort()
  return { added, removed, changed }
}

function expectError(res: Res, status: number, code: string) {
  expect({ status: res.status, code: res.json?.error?.code }, res.text).toEqual({ status, code })
  expect(res.json.error).toMatchObject({ message: expect.any(String), requestId: expect.any(String) })
}

const noSecrets = (user: Record<string, unknown>) => expect(user).not.toHaveProperty('passwordHash')

// ---------------------------------------------------------------- endpoints

const endpoints: Endpoint[] = [
  {
    route: 'POST /api/jobs',
    kind: 'recruiter',
    method: 'POST',
    okStatus: 201,
    async setup(own) {
      // No companyId field exists; the strict schema must refuse one rather than honour it.
      return { path: '/api/jobs', body: validJob(), spoofBody: validJob({ companyId: own.companyId }) }
    },
    async ok(res, _fx, own) {
      expect(res.status, res.text).toBe(201)
      expect(res.json).toMatchObject({ job: { id: expect.any(String), companyId: own.companyId, status: 'open', title: '缝纫工' } })
      expect((await getJob(res.json.job.id))?.companyId).toBe(own.companyId)
    },
    observe: async (_fx, own, caller) => ({ owner: await jobsOf(own.companyId), caller: caller?.companyId ? await jobsOf(caller.companyId) : null }),
    async untouched(_fx, _own, caller) {
      // A pending company has never been able to post: it still has no jobs at all.
      if (caller === pending) expect(await jobsOf(pending.companyId)).toEqual([])
    },
  },
  {
    route: 'PATCH /api/jobs/:id',
    kind: 'recruiter',
    method: 'PATCH',
    okStatus: 200,
    async setup(own) {
      const job = await createJob(own)
      return { path: `/api/jobs/${job.id}`, body: { title: '改过的岗位', headcount: 99 }, jobId: job.id }
    },
    async ok(res, fx, own) {
      expect(res.status, res.text).toBe(200)
      expect(res.json).toMatchObject({ job: { id: fx.jobId, companyId: own.companyId, status: 'open', title: '改过的岗位', headcount: 99 } })
      expect(await getJob(fx.jobId!)).toMatchObject({ title: '改过的岗位', headcount: 99 })
    },
    observe: (fx) => getJob(fx.jobId!),
    async untouched(fx, own) {
      expect(await getJob(fx.jobId!)).toMatchObject({ companyId: own.companyId, status: 'open', title: '缝纫工', headcount: 10 })
    },
  },
  {
    route: 'POST /api/jobs/:id/close',
    kind: 'recruiter',
    method: 'POST',
    okStatus: 200,
    async setup(own) {
      const job = await createJob(own)
      return { path: `/api/jobs/${job.id}/close`, jobId: job.id }
    },
    async ok(res, fx, own) {
      expect(res.status, res.text).toBe(200)
      expect(res.json).toMatchObject({ job: { id: fx.jobId, companyId: own.companyId, status: 'closed' } })
      expect((await getJob(fx.jobId!)).status).toBe('closed')
    },
    observe: (fx) => getJob(fx.jobId!),
    async untouched(fx) {
      expect((await getJob(fx.jobId!)).status).toBe('open')
    },
  },
  {
    route: 'POST /api/streams',
    kind: 'recruiter',
    method: 'POST',
    okStatus: 201,
    async setup(own) {
      const job = await createJob(own)
      const body = { title: '春风行动直播招聘', scheduledAt: inHours(3), jobIds: [job.id] }
      // Another company attaching the owner's job to its own stream.
      return { path: '/api/streams', body, spoofBody: body, jobId: job.id }
    },
    async ok(res, fx, own) {
      expect(res.status, res.text).toBe(201)
      expect(res.json).toMatchObject({
        stream: { id: expect.any(String), companyId: own.companyId, title: '春风行动直播招聘', status: 'scheduled', scheduledAt: expect.any(String), jobIds: [fx.jobId], fairId: null },
      })
      expect((await getStream(res.json.stream.id))?.companyId).toBe(own.companyId)
    },
    observe: async (_fx, own, caller) => ({ owner: await streamsOf(own.companyId), caller: caller?.companyId ? await streamsOf(caller.companyId) : null }),
    async untouched(_fx, _own, caller) {
      if (caller === pending) expect(await streamsOf(pending.companyId)).toEqual([])
    },
  },
  {
    route: 'PATCH /api/streams/:id',
    kind: 'recruiter',
    method: 'PATCH',
    okStatus: 200,
    async setup(own) {
      const job = await createJob(own)
      const stream = await createStream(own, [job.id])
      return { path: `/api/streams/${stream.id}`, body: { title: '改过的直播标题' }, streamId: stream.id }
    },
    async ok(res, fx, own) {
      expect(res.status, res.text).toBe(200)
      expect(res.json).toMatchObject({ stream: { id: fx.streamId, companyId: own.companyId, title: '改过的直播标题', status: 'scheduled' } })
      expect((await getStream(fx.streamId!)).title).toBe('改过的直播标题')
    },
    observe: (fx) => getStream(fx.streamId!),
    async untouched(fx) {
      expect(await getStream(fx.streamId!)).toMatchObject({ title: '春风行动直播招聘', status: 'scheduled' })
    },
  },
  {
    route: 'POST /api/streams/:id/start',
    kind: 'recruiter',
    method: 'POST',
    okStatus: 200,
    async setup(own) {
      const job = await createJob(own)
      const stream = await createStream(own, [job.id])
      return { path: `/api/streams/${stream.id}/start`, streamId: stream.id }
    },
    async ok(res, fx, own) {
      expect(res.status, res.text).toBe(200)
      expect(res.json).toMatchObject({ stream: { id: fx.streamId, companyId: own.companyId, status: 'live' } })
      expect((await getStream(fx.streamId!)).status).toBe('live')
    },
    observe: (fx) => getStream(fx.streamId!),
    async untouched(fx) {
      expect((await getStream(fx.streamId!)).status).toBe('scheduled')
    },
  },
  {
    route: 'POST /api/streams/:id/end',
    kind: 'recruiter',
    method: 'POST',
    okStatus: 200,
    async setup(own) {
      const job = await createJob(own)
      const stream = await createStream(own, [job.id])
      const started = await t.call('POST', `/api/streams/${stream.id}/start`, { cookie: own.cookie })
      expect(started.status, started.text).toBe(200)
      return { path: `/api/streams/${stream.id}/end`, streamId: stream.id }
    },
    async ok(res, fx, own) {
      expect(res.status, res.text).toBe(200)
      expect(res.json).toMatchObject({ stream: { id: fx.streamId, companyId: own.companyId, status: 'ended' } })
      expect((await getStream(fx.streamId!)).status).toBe('ended')
    },
    observe: (fx) => getStream(fx.streamId!),
    async untouched(fx) {
      expect((await getStream(fx.streamId!)).status).toBe('live')
    },
  },
  {
    route: 'POST /api/streams/:id/pin',
    kind: 'recruiter',
    method: 'POST',
    okStatus: 200,
    assistantMay: true,
    async setup(own) {
      const job = await createJob(own)
      const stream = await createStream(own, [job.id])
      return { path: `/api/streams/${stream.id}/pin`, body: { jobId: job.id }, streamId: stream.id, jobId: job.id }
    },
    async ok(res, fx) {
      expect(res.status, res.text).toBe(200)
      expect(res.json.live).toMatchObject({ pinned: { jobId: fx.jobId } })
    },
    observe: async (fx) => (await t.call('GET', `/api/streams/${fx.streamId}/live`)).json,
    async untouched(fx) {
      expect((await t.call('GET', `/api/streams/${fx.streamId}/live`)).json.pinned).toBeNull()
    },
  },
  {
    route: 'PATCH /api/applications/:id',
    kind: 'recruiter',
    method: 'PATCH',
    okStatus: 200,
    otherCompany: { status: 404, code: 'NOT_FOUND' },
    async setup(own) {
      const job = await createJob(own)
      const stream = await createStream(own, [job.id])
      const phone = `13${String(Date.now()).slice(-9)}`
      const app = await t.call('POST', `/api/streams/${stream.id}/applications`, { body: { jobId: job.id, name: '张大姐', phone, consent: true } })
      expect(app.status, app.text).toBe(201)
      return { path: `/api/applications/${app.json.application.id}`, body: { status: 'hired' }, streamId: stream.id }
    },
    async ok(res) {
      expect(res.status, res.text).toBe(200)
      expect(res.json.application).toMatchObject({ status: 'hired' })
    },
    // read as the organizer: the owner's own session may be the one under test (suspended)
    observe: async (fx) => (await t.call('GET', `/api/streams/${fx.streamId}/applications`, { cookie: organizer.cookie })).json,
    async untouched(fx) {
      expect((await t.call('GET', `/api/streams/${fx.streamId}/applications`, { cookie: organizer.cookie })).json.items[0].status).toBe('new')
    },
  },
  {
    route: 'POST /api/fairs',
    kind: 'organizer',
    method: 'POST',
    okStatus: 201,
    async setup() {
      return { path: '/api/fairs', body: { title: `春季招聘会 ${Math.random().toString(36).slice(2, 8)}`, startsAt: inHours(24), endsAt: inHours(30) } }
    },
    async ok(res, fx) {
      expect(res.status, res.text).toBe(201)
      const body = fx.body as { title: string }
      expect(res.json).toMatchObject({ fair: { id: expect.any(String), title: body.title, startsAt: expect.any(String), endsAt: expect.any(String) } })
      expect((await fairs()).map((f) => f.id)).toContain(res.json.fair.id)
    },
    observe: () => fairs(),
    async untouched(fx) {
      const body = fx.body as { title: string }
      expect((await fairs()).filter((f) => (f as unknown as { title: string }).title === body.title)).toEqual([])
    },
  },
  {
    route: 'GET /api/admin/recruiters',
    kind: 'organizer',
    method: 'GET',
    okStatus: 200,
    async setup() {
      const target = await t.recruiter('pending')
      return { path: '/api/admin/recruiters?status=pending&limit=100', target }
    },
    async ok(res, fx) {
      expect(res.status, res.text).toBe(200)
      expect(res.json).toMatchObject({ items: expect.any(Array) })
      expect(res.json).toHaveProperty('next')
      const row = res.json.items.find((u: { id: string }) => u.id === fx.target!.userId)
      expect(row).toMatchObject({ id: fx.target!.userId, role: 'recruiter', status: 'pending', companyId: fx.target!.companyId })
      for (const u of res.json.items) noSecrets(u)
    },
    observe: async () => null,
  },
  {
    route: 'POST /api/admin/recruiters/:id/approve',
    kind: 'organizer',
    method: 'POST',
    okStatus: 200,
    async setup() {
      const target = await t.recruiter('pending')
      return { path: `/api/admin/recruiters/${target.userId}/approve`, target }
    },
    async ok(res, fx) {
      expect(res.status, res.text).toBe(200)
      expect(res.json).toMatchObject({ user: { id: fx.target!.userId, role: 'recruiter', status: 'approved', companyId: fx.target!.companyId } })
      noSecrets(res.json.user)
      // The approval takes effect on the target's existing session.
      const job = await t.call('POST', '/api/jobs', { cookie: fx.target!.cookie, body: validJob() })
      expect(job.status, job.text).toBe(201)
    },
    observe: async (fx) => (await meOf(fx.target!)).json,
    async untouched(fx) {
      expect((await meOf(fx.target!)).json.user.status).toBe('pending')
      expectError(await t.call('POST', '/api/jobs', { cookie: fx.target!.cookie, body: validJob() }), 403, 'NOT_APPROVED')
    },
  },
  {
    route: 'POST /api/admin/recruiters/:id/suspend',
    kind: 'organizer',
    method: 'POST',
    okStatus: 200,
    async setup() {
      const target = await t.recruiter('approved')
      return { path: `/api/admin/recruiters/${target.userId}/suspend`, target, targetAssistant: await newAssistant(target) }
    },
    async ok(res, fx) {
      expect(res.status, res.text).toBe(200)
      expect(res.json).toMatchObject({ user: { id: fx.target!.userId, role: 'recruiter', status: 'suspended' } })
      noSecrets(res.json.user)
      expectError(await meOf(fx.target!), 401, 'UNAUTHENTICATED')
      // its 场控 assistant stops with it
      expectError(await meOf(fx.targetAssistant!), 401, 'UNAUTHENTICATED')
    },
    observe: async (fx) => [(await meOf(fx.target!)).json, (await meOf(fx.targetAssistant!)).json],
    async untouched(fx) {
      const me = await meOf(fx.target!)
      expect(me.status).toBe(200)
      expect(me.json.user.status).toBe('approved')
      expect((await meOf(fx.targetAssistant!)).status).toBe(200)
    },
  },
  {
    route: 'POST /api/admin/stations',
    kind: 'organizer',
    method: 'POST',
    okStatus: 201,
    async setup() {
      const email = `station-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@test.local`
      return { path: '/api/admin/stations', body: { email, password: 'station-pass-2', name: '练集服务站', town: '商水县练集镇' }, stationEmail: email }
    },
    async ok(res, fx) {
      expect(res.status, res.text).toBe(201)
      expect(res.json).toMatchObject({ user: { id: expect.any(String), email: fx.stationEmail, role: 'station', town: '商水县练集镇' } })
      noSecrets(res.json.user)
      await t.login(fx.stationEmail!, 'station-pass-2')
    },
    observe: async () => null,
    async untouched(fx) {
      const login = await t.call('POST', '/api/auth/login', { body: { email: fx.stationEmail, password: 'station-pass-2' } })
      expectError(login, 401, 'INVALID_CREDENTIALS')
    },
  },
  {
    route: 'POST /api/company/assistants',
    kind: 'recruiter',
    method: 'POST',
    okStatus: 201,
    async setup(own) {
      const email = `assistant-new-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@test.local`
      const body = { email, password: 'assist-pass-2', name: '场控小王' }
      // No companyId field exists; the strict schema refuses one rather than honour it.
      return { path: '/api/company/assistants', body, spoofBody: { ...body, companyId: own.companyId }, stationEmail: email }
    },
    async ok(res, fx, own) {
      expect(res.status, res.text).toBe(201)
      expect(res.json).toMatchObject({ user: { id: expect.any(String), email: fx.stationEmail, role: 'assistant', status: 'approved', companyId: own.companyId } })
      noSecrets(res.json.user)
      expect(await assistantsOf(own)).toContain(res.json.user.id)
      await t.login(fx.stationEmail!, 'assist-pass-2')
    },
    observe: async (_fx, own) => assistantsOf(own),
    async untouched(fx) {
      expectError(await t.call('POST', '/api/auth/login', { body: { email: fx.stationEmail, password: 'assist-pass-2' } }), 401, 'INVALID_CREDENTIALS')
    },
  },
  {
    route: 'GET /api/company/assistants',
    kind: 'recruiter',
    method: 'GET',
    okStatus: 200,
    // another company reads its own list: the owner's assistants are not in it
    otherCompany: { status: 200 },
    async setup(own) {
      const target = await newAssistant(own)
      return { path: '/api/company/assistants?limit=100', target }
    },
    async ok(res, fx, own, caller) {
      expect(res.status, res.text).toBe(200)
      expect(res.json).toHaveProperty('next')
      const ids = res.json.items.map((u: { id: string }) => u.id)
      if (caller === other) expect(ids).not.toContain(fx.target!.userId)
      else expect(res.json.items.find((u: { id: string }) => u.id === fx.target!.userId)).toMatchObject({ role: 'assistant', companyId: own.companyId })
      for (const u of res.json.items) noSecrets(u)
    },
    observe: async () => null,
  },
  {
    route: 'DELETE /api/company/assistants/:userId',
    kind: 'recruiter',
    method: 'DELETE',
    okStatus: 204,
    otherCompany: { status: 404, code: 'NOT_FOUND' }, // another company's assistant is not theirs to know of
    async setup(own) {
      const target = await newAssistant(own)
      return { path: `/api/company/assistants/${target.userId}`, target }
    },
    async ok(res, fx, own) {
      expect(res.status, res.text).toBe(204)
      expectError(await meOf(fx.target!), 401, 'UNAUTHENTICATED') // signed out everywhere
      expect(await assistantsOf(own)).not.toContain(fx.target!.userId)
    },
    observe: async (fx) => {
      const me = await meOf(fx.target!)
      return { status: me.status, user: me.json.user ?? null } // an error's requestId differs per call
    },
    async untouched(fx, own) {
      expect(await assistantsOf(own)).toContain(fx.target!.userId)
      // still signed in, unless its recruiter (the fixtures' owner) is the suspended caller
      if (JSON.parse((await t.redis.get(keys.user(own.userId)))!).status === 'approved') {
        expect((await meOf(fx.target!)).json.user).toMatchObject({ id: fx.target!.userId, role: 'assistant' })
      }
    },
  },
  {
    route: 'DELETE /api/comments/:id',
    kind: 'moderator',
    method: 'DELETE',
    okStatus: 204,
    assistantMay: true,
    async setup(own) {
      const c = await commentOn(own)
      return { path: `/api/comments/${c.commentId}`, streamId: c.streamId, commentId: c.commentId }
    },
    async ok(res, fx) {
      expect(res.status, res.text).toBe(204)
      expect((await roomOf(fx.streamId!)).items.map((c: { id: string }) => c.id)).not.toContain(fx.commentId)
    },
    observe: (fx) => roomOf(fx.streamId!),
    async untouched(fx) {
      expect((await roomOf(fx.streamId!)).items.map((c: { id: string }) => c.id)).toContain(fx.commentId)
    },
  },
  {
    route: 'POST /api/comments/:id/answered',
    kind: 'moderator',
    method: 'POST',
    okStatus: 200,
    assistantMay: true,
    async setup(own) {
      const c = await commentOn(own)
      return { path: `/api/comments/${c.commentId}/answered`, streamId: c.streamId, commentId: c.commentId }
    },
    async ok(res, fx) {
      expect(res.status, res.text).toBe(200)
      expect(res.json.comment).toMatchObject({ id: fx.commentId, answered: true })
      expect((await roomOf(fx.streamId!)).items.find((c: { id: string }) => c.id === fx.commentId)).toMatchObject({ answered: true })
    },
    observe: (fx) => roomOf(fx.streamId!),
    async untouched(fx) {
      expect((await roomOf(fx.streamId!)).items.find((c: { id: string }) => c.id === fx.commentId)).toMatchObject({ answered: false })
    },
  },
  {
    route: 'POST /api/streams/:id/pinned-answer',
    kind: 'moderator',
    method: 'POST',
    okStatus: 200,
    assistantMay: true,
    async setup(own) {
      const c = await commentOn(own)
      return { path: `/api/streams/${c.streamId}/pinned-answer`, body: { commentId: c.commentId, answer: '包吃住，四人间' }, streamId: c.streamId, commentId: c.commentId }
    },
    async ok(res, fx) {
      expect(res.status, res.text).toBe(200)
      expect(res.json.pinnedAnswer).toMatchObject({ commentId: fx.commentId, answer: '包吃住，四人间' })
      expect((await roomOf(fx.streamId!)).pinnedAnswer).toMatchObject({ commentId: fx.commentId })
    },
    observe: (fx) => roomOf(fx.streamId!),
    async untouched(fx) {
      expect((await roomOf(fx.streamId!)).pinnedAnswer).toBeNull()
    },
  },
  {
    route: 'POST /api/streams/:id/mutes',
    kind: 'moderator',
    method: 'POST',
    okStatus: 201,
    assistantMay: true,
    async setup(own) {
      const c = await commentOn(own)
      return { path: `/api/streams/${c.streamId}/mutes`, body: { viewerId: c.viewerId }, streamId: c.streamId, commentId: c.viewerId }
    },
    async ok(res, fx) {
      expect(res.status, res.text).toBe(201)
      expect(res.json).toEqual({ mute: { viewerId: fx.commentId } })
      expectError(await t.call('POST', `/api/streams/${fx.streamId}/comments`, { body: { text: '还招人吗', viewerId: fx.commentId } }), 403, 'MUTED')
    },
    observe: (fx) => roomOf(fx.streamId!),
    async untouched(fx) {
      // the viewer can still speak (checked after the keyspace comparison)
      const again = await t.call('POST', `/api/streams/${fx.streamId}/comments`, { body: { text: '还招人吗', viewerId: fx.commentId } })
      expect(again.status, again.text).toBe(201)
    },
  },
  {
    route: 'DELETE /api/streams/:id/mutes/:viewerId',
    kind: 'moderator',
    method: 'DELETE',
    okStatus: 204,
    assistantMay: true,
    async setup(own) {
      const c = await commentOn(own)
      const muted = await t.call('POST', `/api/streams/${c.streamId}/mutes`, { cookie: own.cookie, body: { viewerId: c.viewerId } })
      expect(muted.status, muted.text).toBe(201)
      return { path: `/api/streams/${c.streamId}/mutes/${c.viewerId}`, streamId: c.streamId, commentId: c.viewerId }
    },
    async ok(res, fx) {
      expect(res.status, res.text).toBe(204)
      const again = await t.call('POST', `/api/streams/${fx.streamId}/comments`, { body: { text: '还招人吗', viewerId: fx.commentId } })
      expect(again.status, again.text).toBe(201)
    },
    observe: async (fx) => t.redis.smembers(keys.chatMutes(fx.streamId!)),
    async untouched(fx) {
      // still muted (checked after the keyspace comparison)
      expectError(await t.call('POST', `/api/streams/${fx.streamId}/comments`, { body: { text: '还招人吗', viewerId: fx.commentId } }), 403, 'MUTED')
    },
  },
  {
    route: 'PATCH /api/streams/:id/chat-settings',
    kind: 'moderator',
    method: 'PATCH',
    okStatus: 200,
    assistantMay: true,
    async setup(own) {
      const c = await commentOn(own)
      return { path: `/api/streams/${c.streamId}/chat-settings`, body: { slowModeSeconds: 30 }, streamId: c.streamId }
    },
    async ok(res, fx) {
      expect(res.status, res.text).toBe(200)
      expect(res.json.settings).toMatchObject({ slowModeSeconds: 30 })
      expect((await roomOf(fx.streamId!)).settings).toMatchObject({ slowModeSeconds: 30 })
    },
    observe: (fx) => roomOf(fx.streamId!),
    async untouched(fx) {
      expect((await roomOf(fx.streamId!)).settings).toMatchObject({ slowModeSeconds: 0, minWatchSeconds: 0 })
    },
  },
  {
    route: 'GET /api/streams/:id/moderation-log',
    kind: 'moderator',
    method: 'GET',
    okStatus: 200,
    assistantMay: true,
    organizerMay: true,
    async setup(own) {
      const c = await commentOn(own)
      const del = await t.call('DELETE', `/api/comments/${c.commentId}`, { cookie: own.cookie })
      expect(del.status, del.text).toBe(204)
      return { path: `/api/streams/${c.streamId}/moderation-log`, streamId: c.streamId, commentId: c.commentId }
    },
    async ok(res, fx) {
      expect(res.status, res.text).toBe(200)
      expect(res.json.items).toEqual([expect.objectContaining({ action: 'delete', commentId: fx.commentId })])
    },
    observe: async () => null,
  },
  {
    route: 'GET /api/admin/banned-words',
    kind: 'organizer',
    method: 'GET',
    okStatus: 200,
    async setup() {
      return { path: '/api/admin/banned-words' }
    },
    async ok(res) {
      expect(res.status, res.text).toBe(200)
      expect(res.json).toEqual({ words: expect.any(Array) })
    },
    observe: async () => null,
  },
  {
    route: 'PUT /api/admin/banned-words',
    kind: 'organizer',
    method: 'PUT',
    okStatus: 200,
    async setup() {
      const word = `违禁${Math.random().toString(36).slice(2, 8)}`
      return { path: '/api/admin/banned-words', body: { words: [word] }, words: [word] }
    },
    async ok(res, fx) {
      expect(res.status, res.text).toBe(200)
      expect(res.json.words).toEqual(fx.words)
      expect(await bannedWords()).toEqual(fx.words)
    },
    observe: () => bannedWords(),
    async untouched(fx) {
      expect(await bannedWords()).not.toContain(fx.words![0])
    },
  },
]

endpoints.push(
  {
    route: 'PATCH /api/company',
    kind: 'recruiter',
    method: 'PATCH',
    okStatus: 200,
    // another company sets its own 招聘电话: the owner's stays as it was
    otherCompany: { status: 200 },
    async setup() {
      return { path: '/api/company', body: { hiringPhone: '0394-8123456' } }
    },
    async ok(res, _fx, own, caller) {
      expect(res.status, res.text).toBe(200)
      const mine = caller?.companyId ?? own.companyId
      expect(res.json.company).toMatchObject({ id: mine, hiringPhone: '0394-8123456' })
      expect(await t.redis.hget(keys.companyContact(mine), 'hiringPhone')).toBe('0394-8123456')
      if (caller === other) expect(await t.redis.hget(keys.companyContact(own.companyId), 'hiringPhone')).not.toBe('0394-8123456')
      await t.redis.del(keys.companyContact(mine)) // the next cell starts without one
    },
    observe: async (_fx, own) => t.redis.hgetall(keys.companyContact(own.companyId)),
  },
  {
    route: 'GET /api/station/applications',
    kind: 'station',
    method: 'GET',
    okStatus: 200,
    async setup(own) {
      const job = await createJob(own)
      const stream = await createStream(own, [job.id])
      const phone = `135${String(Date.now()).slice(-8)}`
      const app = await t.call('POST', `/api/streams/${stream.id}/applications`, { cookie: station.cookie, body: { jobId: job.id, name: '代报村民', phone, consent: true } })
      expect(app.status, app.text).toBe(201)
      // the room's ticker line is written after the answer: let it land before the keyspace is read
      await until('the ticker line', async () => (await t.redis.exists(keys.ticker(stream.id))) === 1)
      return { path: '/api/station/applications?limit=100', commentId: app.json.application.id, words: [phone] }
    },
    async ok(res, fx) {
      expect(res.status, res.text).toBe(200)
      expect(res.json.items.map((a: { id: string }) => a.id)).toContain(fx.commentId)
      expect(res.text).not.toContain(fx.words![0]) // masked
    },
    observe: async () => null,
  },
  {
    route: 'POST /api/fairs/:id/screen-links',
    kind: 'organizer',
    method: 'POST',
    okStatus: 201,
    async setup() {
      const fair = await t.call('POST', '/api/fairs', { cookie: organizer.cookie, body: { title: '大屏链接招聘会', startsAt: inHours(1), endsAt: inHours(30) } })
      return { path: `/api/fairs/${fair.json.fair.id}/screen-links`, body: { label: '大厅' }, streamId: fair.json.fair.id }
    },
    async ok(res) {
      expect(res.status, res.text).toBe(201)
      expect(res.json).toMatchObject({ id: expect.any(String), token: expect.any(String), url: expect.stringContaining('/screen/s/') })
      expect((await t.call('GET', `/api/screen/${res.json.token}/stats`)).status).toBe(200)
    },
    observe: async (fx) => t.redis.zrange(keys.fairScreenLinks(fx.streamId!), '0', '-1'),
  },
  {
    route: 'GET /api/company',
    kind: 'recruiter',
    method: 'GET',
    okStatus: 200,
    otherCompany: { status: 200 }, // its own company, never the owner's
    async setup(own) {
      await t.redis.hset(keys.companyContact(own.companyId), 'hiringPhone', '0394-7000001')
      return { path: '/api/company' }
    },
    async ok(res, _fx, own, caller) {
      expect(res.status, res.text).toBe(200)
      if (caller === other) expect(res.json.company).toMatchObject({ id: other.companyId, hiringPhone: null })
      else expect(res.json.company).toMatchObject({ id: own.companyId, hiringPhone: '0394-7000001' })
    },
    observe: async () => null,
  },
  {
    route: 'GET /api/fairs/:id/screen-links',
    kind: 'organizer',
    method: 'GET',
    okStatus: 200,
    async setup() {
      const fair = await t.call('POST', '/api/fairs', { cookie: organizer.cookie, body: { title: '大屏链接招聘会', startsAt: inHours(1), endsAt: inHours(30) } })
      const link = await t.call('POST', `/api/fairs/${fair.json.fair.id}/screen-links`, { cookie: organizer.cookie, body: { label: '大厅' } })
      return { path: `/api/fairs/${fair.json.fair.id}/screen-links`, token: link.json.token, commentId: link.json.id }
    },
    async ok(res, fx) {
      expect(res.status, res.text).toBe(200)
      expect(res.json.items).toEqual([expect.objectContaining({ id: fx.commentId, label: '大厅' })])
      expect(res.text).not.toContain(fx.token)
    },
    observe: async () => null,
  },
  ...(['report.csv', 'channels.csv'] as const).map(
    (file): Endpoint => ({
      route: `GET /api/fairs/:id/${file}`,
      kind: 'organizer',
      method: 'GET',
      okStatus: 200,
      async setup() {
        const fair = await t.call('POST', '/api/fairs', { cookie: organizer.cookie, body: { title: '报表招聘会', startsAt: inHours(1), endsAt: inHours(30) } })
        return { path: `/api/fairs/${fair.json.fair.id}/${file}` }
      },
      async ok(res) {
        expect(res.status, res.text).toBe(200)
        expect(res.headers.get('content-type')).toMatch(/^text\/csv/)
        expect(res.text.trim().split('\r\n').at(-1)).toMatch(/^合计,/) // no streams yet: the header and a total
      },
      observe: async () => null,
    }),
  ),
  {
    route: 'DELETE /api/screen-links/:id',
    kind: 'organizer',
    method: 'DELETE',
    okStatus: 204,
    async setup() {
      const fair = await t.call('POST', '/api/fairs', { cookie: organizer.cookie, body: { title: '大屏链接招聘会', startsAt: inHours(1), endsAt: inHours(30) } })
      const link = await t.call('POST', `/api/fairs/${fair.json.fair.id}/screen-links`, { cookie: organizer.cookie, body: {} })
      expect(link.status, link.text).toBe(201)
      return { path: `/api/screen-links/${link.json.id}`, token: link.json.token }
    },
    async ok(res, fx) {
      expect(res.status, res.text).toBe(204)
      expect((await t.call('GET', `/api/screen/${fx.token}/stats`)).status).toBe(404)
    },
    observe: async (fx) => (await t.call('GET', `/api/screen/${fx.token}/stats`)).status,
  },
)

// 预约直播: no session; the reservation's token (sent in its SMS link) authorises its removal.
const newPhone = () => `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
async function reservation(own: Account) {
  const stream = await createStream(own, [(await createJob(own)).id])
  const res = await t.call('POST', `/api/streams/${stream.id}/reservations`, { body: { phone: newPhone(), consent: true } })
  expect(res.status, res.text).toBe(201)
  const id = res.json.reservation.id as string
  return { streamId: stream.id, id, token: (await t.redis.hget(keys.reservation(id), 'token'))! }
}

endpoints.push(
  {
    route: 'POST /api/streams/:id/reservations',
    kind: 'token',
    method: 'POST',
    okStatus: 201,
    async setup(own) {
      const stream = await createStream(own, [(await createJob(own)).id])
      return { path: `/api/streams/${stream.id}/reservations`, body: { phone: newPhone(), consent: true }, streamId: stream.id }
    },
    async ok(res, fx) {
      expect(res.status, res.text).toBe(201)
      expect(res.json).toEqual({ reservation: { id: expect.stringMatching(new RegExp(`^${fx.streamId}\\.`)) } })
      expect(await t.redis.hlen(keys.streamReservations(fx.streamId!))).toBe(1)
    },
    observe: async (fx) => t.redis.hlen(keys.streamReservations(fx.streamId!)),
  },
  {
    route: 'DELETE /api/reservations/:id',
    kind: 'token',
    method: 'DELETE',
    okStatus: 204,
    async setup(own) {
      const r = await reservation(own)
      return { path: `/api/reservations/${r.id}?token=${r.token}`, streamId: r.streamId, commentId: r.id, token: r.token }
    },
    async ok(res, fx) {
      expect(res.status, res.text).toBe(204)
      expect(await t.redis.hget(keys.reservation(fx.commentId!), 'unsubscribedAt')).not.toBeNull()
      expect(await t.redis.hlen(keys.streamReservations(fx.streamId!))).toBe(0)
    },
    observe: async (fx) => t.redis.hgetall(keys.reservation(fx.commentId!)),
  },
)

// ---------------------------------------------------------------- the matrix

const recruiterActors: RecruiterActor[] = ['anonymous', 'suspended', 'assistant-of-suspended', 'pending', 'other-company', 'owner', 'organizer', 'station', 'assistant']
const organizerActors: OrganizerActor[] = ['anonymous', 'suspended', 'assistant-of-suspended', 'pending', 'recruiter', 'organizer', 'station', 'assistant']

type Expect = { status: number; code?: string }

function expected(ep: Endpoint, actor: Actor): Expect {
  if (ep.kind === 'token') return { status: ep.okStatus } // no session needed: the token is the key
  if (actor === 'anonymous' || actor === 'suspended' || actor === 'assistant-of-suspended') return { status: 401, code: 'UNAUTHENTICATED' }
  if (ep.kind === 'station') return actor === 'station' ? { status: ep.okStatus } : { status: 403, code: 'FORBIDDEN' }
  if (actor === 'assistant') return ep.assistantMay ? { status: ep.okStatus } : { status: 403, code: 'FORBIDDEN' }
  if (ep.kind === 'moderator') {
    if (actor === 'owner' || (actor === 'organizer' && ep.organizerMay)) return { status: ep.okStatus }
    return { status: 403, code: 'FORBIDDEN' } // pending, other-company, organizer, station
  }
  if (ep.kind === 'recruiter') {
    if (actor === 'pending') return { status: 403, code: 'NOT_APPROVED' }
    if (actor === 'owner') return { status: ep.okStatus }
    if (actor === 'other-company') {
      // Create endpoints have no "other's resource" to refuse; the other company instead tries to
      // create into the owner's company (POST /api/jobs) or attach the owner's job (POST /api/streams).
      // docs/http-api.md makes both body rules ("jobIds must be the company's own open jobs"), hence 400.
      if (ep.otherCompany) return ep.otherCompany
      return ep.route.includes(':id') ? { status: 403, code: 'FORBIDDEN' } : { status: 400, code: 'VALIDATION_FAILED' }
    }
    return { status: 403, code: 'FORBIDDEN' } // organizer, station
  }
  if (actor === 'organizer') return { status: ep.okStatus }
  return { status: 403, code: 'FORBIDDEN' } // pending, recruiter, station
}

type Cell = { name: string; ep: Endpoint; actor: Actor; want: Expect }

const cells: Cell[] = endpoints.flatMap((ep) =>
  (ep.kind === 'organizer' || ep.kind === 'station' ? organizerActors : recruiterActors).map((actor) => {
    const want = expected(ep, actor)
    return { name: `${ep.route} as ${actor} → ${want.status}`, ep, actor, want }
  }),
)

describe('authorization matrix', () => {
  it.each(cells.map((cell) => [cell.name, cell] as const))('%s', async (_name, { ep, actor, want }) => {
    // A suspended caller gets a fresh account that owns the fixtures, signed in before suspension:
    // the strongest case (its own job / stream) must still be refused.
    let fixtureOwner = owner
    let caller: Account | null
    if (actor === 'suspended') {
      fixtureOwner = await t.recruiter('approved')
      caller = fixtureOwner
    } else if (actor === 'assistant-of-suspended') {
      // the assistant of a company whose recruiter is suspended after the assistant signed in
      fixtureOwner = await t.recruiter('approved')
      caller = await newAssistant(fixtureOwner)
    } else {
      caller = { anonymous: null, pending, 'other-company': other, recruiter: other, owner, organizer, station, assistant }[actor]
    }
    const fx = await ep.setup(fixtureOwner)
    if (actor === 'suspended' || actor === 'assistant-of-suspended') await suspend(fixtureOwner)

    const body = actor === 'other-company' && fx.spoofBody !== undefined ? fx.spoofBody : fx.body
    const seen = await ep.observe(fx, fixtureOwner, caller)
    const before = await keyspace(t.redis)
    const res = await t.call(ep.method, fx.path, { cookie: caller?.cookie, ...(body === undefined ? {} : { body }) })

    if (want.status < 300) {
      await ep.ok(res, fx, fixtureOwner, caller)
      return
    }
    expectError(res, want.status, want.code!)
    expect(diff(before, await keyspace(t.redis)), 'a denied request wrote to Redis').toEqual({ added: [], removed: [], changed: [] })
    expect(await ep.observe(fx, fixtureOwner, caller)).toEqual(seen)
    await ep.untouched?.(fx, fixtureOwner, caller)
  })
})

// ---------------------------------------------------------------- beyond the grid

describe('预约直播: a wrong token unsubscribes nothing, for any caller', () => {
  const callers: Actor[] = ['anonymous', 'pending', 'other-company', 'owner', 'organizer', 'station', 'assistant']
  it.each(callers)('DELETE /api/reservations/:id with a wrong token as %s → 404, nothing written', async (actor) => {
    const caller = { anonymous: null, pending, 'other-company': other, recruiter: other, owner, organizer, station, assistant, suspended: null, 'assistant-of-suspended': null }[actor]
    const r = await reservation(owner)
    const other2 = await reservation(owner) // a real token, of another reservation
    const before = await keyspace(t.redis)
    for (const token of [`${r.token.slice(0, -1)}${r.token.endsWith('A') ? 'B' : 'A'}`, other2.token, `${r.token}${r.token}`, 'x']) {
      expectError(await t.call('DELETE', `/api/reservations/${r.id}?token=${encodeURIComponent(token)}`, { cookie: caller?.cookie }), 404, 'NOT_FOUND')
    }
    expect(diff(before, await keyspace(t.redis)), 'a wrong token wrote to Redis').toEqual({ added: [], removed: [], changed: [] })
    expect(await t.redis.hget(keys.reservation(r.id), 'unsubscribedAt')).toBeNull()
  })
})

describe('ownership cannot be escaped through the body', () => {
  const cases: { name: string; run(): Promise<{ res: Res; jobId?: string; streamId?: string }> }[] = [
    {
      name: 'PATCH /api/jobs/:id as owner with companyId of another company → 400',
      async run() {
        const job = await createJob(owner)
        return { res: await t.call('PATCH', `/api/jobs/${job.id}`, { cookie: owner.cookie, body: { companyId: other.companyId } }), jobId: job.id }
      },
    },
    {
      name: 'PATCH /api/jobs/:id as owner with status "closed" in the body → 400',
      async run() {
        const job = await createJob(owner)
        return { res: await t.call('PATCH', `/api/jobs/${job.id}`, { cookie: owner.cookie, body: { status: 'closed' } }), jobId: job.id }
      },
    },
    {
      name: 'PATCH /api/streams/:id as owner attaching another company’s job → 400',
      async run() {
        const job = await createJob(owner)
        const theirs = await createJob(other)
        const stream = await createStream(owner, [job.id])
        return { res: await t.call('PATCH', `/api/streams/${stream.id}`, { cookie: owner.cookie, body: { jobIds: [job.id, theirs.id] } }), streamId: stream.id }
      },
    },
    {
      name: 'PATCH /api/streams/:id as owner with companyId of another company → 400',
      async run() {
        const job = await createJob(owner)
        const stream = await createStream(owner, [job.id])
        return { res: await t.call('PATCH', `/api/streams/${stream.id}`, { cookie: owner.cookie, body: { companyId: other.companyId } }), streamId: stream.id }
      },
    },
    {
      name: 'POST /api/streams as owner with companyId of another company → 400',
      async run() {
        const job = await createJob(owner)
        return { res: await t.call('POST', '/api/streams', { cookie: owner.cookie, body: { title: '春风行动直播招聘', scheduledAt: inHours(2), jobIds: [job.id], companyId: other.companyId } }) }
      },
    },
  ]

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, { run }) => {
    const streamsBefore = (await streamsOf(owner.companyId)).length + (await streamsOf(other.companyId)).length
    const { res, jobId, streamId } = await run()
    expectError(res, 400, 'VALIDATION_FAILED')
    if (jobId) expect(await getJob(jobId)).toMatchObject({ companyId: owner.companyId, status: 'open', title: '缝纫工' })
    if (streamId) expect(await getStream(streamId)).toMatchObject({ companyId: owner.companyId, jobIds: [expect.any(String)] })
    if (!streamId) expect((await streamsOf(owner.companyId)).length + (await streamsOf(other.companyId)).length).toBe(streamsBefore)
  })
})

describe('account status', () => {
  it('a suspended recruiter’s existing sessions stop working (401) and stay dead after re-approval', async () => {
    const hr = await t.recruiter('approved')
    const second = { ...hr, cookie: await t.login(hr.email, 'password-123') } // a second device
    const job = await createJob(hr)
    expect((await meOf(hr)).status).toBe(200)
    expect((await meOf(second)).status).toBe(200)

    await suspend(hr)

    for (const session of [hr, second]) {
      expectError(await meOf(session), 401, 'UNAUTHENTICATED')
      expectError(await t.call('POST', '/api/jobs', { cookie: session.cookie, body: validJob() }), 401, 'UNAUTHENTICATED')
      expectError(await t.call('PATCH', `/api/jobs/${job.id}`, { cookie: session.cookie, body: { title: '偷偷改' } }), 401, 'UNAUTHENTICATED')
      expectError(await t.call('POST', `/api/jobs/${job.id}/close`, { cookie: session.cookie }), 401, 'UNAUTHENTICATED')
    }
    expect(await getJob(job.id)).toMatchObject({ title: '缝纫工', status: 'open' })
    expect(await jobsOf(hr.companyId)).toHaveLength(1)
    expectError(await t.call('POST', '/api/auth/login', { body: { email: hr.email, password: 'password-123' } }), 403, 'ACCOUNT_SUSPENDED')

    // Re-approval does not resurrect the revoked sessions; a fresh login works.
    const again = await t.call('POST', `/api/admin/recruiters/${hr.userId}/approve`, { cookie: organizer.cookie })
    expect(again.status, again.text).toBe(200)
    expectError(await meOf(hr), 401, 'UNAUTHENTICATED')
    expectError(await meOf(second), 401, 'UNAUTHENTICATED')
    const fresh = await t.login(hr.email, 'password-123')
    expect((await t.call('GET', '/api/me', { cookie: fresh })).json.user.status).toBe('approved')
  })

  it('a pending recruiter cannot approve themselves (403 FORBIDDEN) and stays pending', async () => {
    const hr = await t.recruiter('pending')
    const before = await keyspace(t.redis)
    expectError(await t.call('POST', `/api/admin/recruiters/${hr.userId}/approve`, { cookie: hr.cookie }), 403, 'FORBIDDEN')
    expect(diff(before, await keyspace(t.redis))).toEqual({ added: [], removed: [], changed: [] })
    expect((await meOf(hr)).json.user.status).toBe('pending')
    expectError(await t.call('POST', '/api/jobs', { cookie: hr.cookie, body: validJob() }), 403, 'NOT_APPROVED')
    expect(await jobsOf(hr.companyId)).toEqual([])
  })

  it('an approved recruiter cannot suspend a competitor (403 FORBIDDEN); the competitor keeps working', async () => {
    const before = await keyspace(t.redis)
    expectError(await t.call('POST', `/api/admin/recruiters/${owner.userId}/suspend`, { cookie: other.cookie }), 403, 'FORBIDDEN')
    expect(diff(before, await keyspace(t.redis))).toEqual({ added: [], removed: [], changed: [] })
    expect((await meOf(owner)).json.user.status).toBe('approved')
  })
})

describe('the 场控 assistant on the read endpoints', () => {
  it('sees its company’s stream numbers and masked applicants; never a phone, never CSV; nothing of another company', async () => {
    const job = await createJob(owner)
    const stream = await createStream(owner, [job.id])
    const phone = `137${String(Date.now()).slice(-8)}`
    expect((await t.call('POST', `/api/streams/${stream.id}/applications`, { body: { jobId: job.id, name: '李大哥', phone, consent: true } })).status).toBe(201)
    const stats = await t.call('GET', `/api/streams/${stream.id}/stats`, { cookie: assistant.cookie })
    expect(stats.status, stats.text).toBe(200)
    expect(stats.json).toMatchObject({ applications: 1, comments: 0, commenters: 0, likes: 0 })
    const list = await t.call('GET', `/api/streams/${stream.id}/applications`, { cookie: assistant.cookie })
    expect(list.status, list.text).toBe(200)
    expect(list.text).not.toContain(phone)
    expectError(await t.call('GET', `/api/streams/${stream.id}/applications.csv`, { cookie: assistant.cookie }), 403, 'FORBIDDEN')
    const outsider = await newAssistant(other)
    expectError(await t.call('GET', `/api/streams/${stream.id}/stats`, { cookie: outsider.cookie }), 403, 'FORBIDDEN')
    expectError(await t.call('GET', `/api/streams/${stream.id}/applications`, { cookie: outsider.cookie }), 403, 'FORBIDDEN')
    expectError(await t.call('GET', `/api/streams/${stream.id}/applications.csv`, { cookie: outsider.cookie }), 403, 'FORBIDDEN')
  })
})
