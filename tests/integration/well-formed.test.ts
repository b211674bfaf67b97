import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inHours, startTestApp, validJob, type TestApp } from '../helpers/app.ts'
import { keys } from '../../server/store/keys.ts'
import { createApplication } from '../../server/store/applications.ts'
import { createApp } from '../../server/app.ts'
import { createHash } from 'node:crypto'
import { AccessToken } from 'livekit-server-sdk'

// Issue 9, item 2: a lone UTF-16 surrogate ("\ud800", half an emoji) must be refused at the
// door with a 400 naming the field, never reach a Lua script's cjson.decode half-way through
// a write, and records stored with one before the fix must not break applying.

let t: TestApp
let owner: Awaited<ReturnType<TestApp['recruiter']>>
let streamId: string
let jobId: string

beforeAll(async () => {
  t = await startTestApp()
  owner = await t.recruiter()
  ;({ jobId, streamId } = await t.streamWithJob(owner))
})
afterAll(() => t.stop())

const LONE = '\ud800'
let phoneSeq = 13900000000
const nextPhone = () => String(++phoneSeq)
/** JSON text keeps a lone surrogate as the escape "\ud800", as a hostile client would send it. */
const apply = (body: Record<string, unknown>, sid = streamId) =>
  t.call('POST', `/api/streams/${sid}/applications`, { body: { jobId, name: '张大姐', phone: nextPhone(), consent: true, ...body } })

const expectInvalidCharacters = (res: { status: number; json: any }, path: string) => {
  expect(res.status).toBe(400)
  expect(res.json.error.code).toBe('VALIDATION_FAILED')
  expect(res.json.error.message).toBe(`${path}: contains invalid characters (a broken emoji or stray surrogate)`)
  expect(res.json.error.details[0].path.join('.')).toBe(path)
}

describe('lone surrogates are refused at the door', () => {
  it.each([['name'], ['town'], ['note']])('in an application’s %s: 400, nothing written, the phone can still apply', async (field) => {
    const phone = nextPhone()
    const res = await apply({ phone, [field]: `王${LONE}` })
    expectInvalidCharacters(res, field)
    expect(await t.redis.hget(keys.jobPhones(jobId), phone)).toBeNull()
    expect((await apply({ phone })).status).toBe(201)
  })

  it('in nested fields, array items and key names of every JSON schema', async () => {
    const post = (body: unknown) => t.call('POST', '/api/jobs', { cookie: owner.cookie, body })
    expectInvalidCharacters(await post(validJob({ title: `缝纫${LONE}工` })), 'title')
    expectInvalidCharacters(await post(validJob({ location: { town: `x${LONE}` } })), 'location.town')
    expectInvalidCharacters(await post(validJob({ tags: ['ok', `\udc00`] })), 'tags.1')
    expectInvalidCharacters(await post({ ...validJob(), [`k${LONE}`]: 1 }), `k\ufffd`)
    const stream = await t.call('POST', '/api/streams', { cookie: owner.cookie, body: { title: `半个😀${LONE}`, scheduledAt: inHours(1), jobIds: [jobId] } })
    expectInvalidCharacters(stream, 'title')
    const login = await t.call('POST', '/api/auth/login', { body: { email: 'a@b.cn', password: `p${LONE}ssword` } })
    expectInvalidCharacters(login, 'password')
  })

  it('keeps whole emoji and other well-formed text', async () => {
    const res = await apply({ name: '张😀', note: '👩‍🔧\u200b' })
    expect(res.status).toBe(201)
  })

  it('in a beacon (text/plain, parsed by the events route itself)', async () => {
    const body = { events: [{ id: 'evt-00000001', type: 'impression', streamId, viewerId: 'viewer-0001', sessionId: 'session-0001', jobId: `j${LONE}` }] }
    const res = await t.call('POST', '/api/events', { raw: JSON.stringify(body), headers: { 'content-type': 'text/plain' } })
    expectInvalidCharacters(res, 'events.0.jobId')
  })

  it('in a query string sent as raw bytes: never a 500', async () => {
    // Percent-decoding cannot produce a lone surrogate (the bytes are not UTF-8); they stay as sent.
    for (const q of ['%ED%A0%80', '%F0%9F', '%']) {
      const res = await t.call('GET', `/api/jobs?cursor=${q}`)
      expect(res.status, q).toBe(400)
      expect(res.json.error.code).toBe('VALIDATION_FAILED')
    }
    expect((await t.call('GET', `/api/jobs/%ED%A0%80`)).status).toBe(404)
  })
})

describe('a signed LiveKit webhook', () => {
  it('with a lone surrogate in its room name is refused (4xx), nothing noted', async () => {
    const secret = 'test-secret-with-at-least-32-characters-0123456789'
    const app = createApp({ redis: t.redis, config: { ...t.config, LIVEKIT_URL: 'ws://127.0.0.1:1', LIVEKIT_API_KEY: 'devkey', LIVEKIT_API_SECRET: secret } })
    const body = `{"event":"room_started","room":{"name":"${streamId}\\ud800"},"id":"EV_lone\\udc00"}`
    const at = new AccessToken('devkey', secret, { ttl: '5m' })
    at.sha256 = createHash('sha256').update(body).digest('base64')
    const res = await app.request('/api/livekit/webhook', { method: 'POST', body, headers: { 'content-type': 'application/webhook+json', authorization: await at.toJwt() } })
    // The SDK's protobuf decoder refuses it first (401 today); the route's own check stays as a backstop.
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    expect(await t.redis.keys(keys.livekitEvent('*'))).toEqual([])
  })
})

describe('the apply script never half-writes', () => {
  it('a record that reaches the store with a lone surrogate is stored whole (as U+FFFD), not locked out', async () => {
    // Below the validation layer: what any caller of the store may hand it.
    const phone = nextPhone()
    const res = await createApplication(t.redis, { streamId, jobId, name: `王${LONE}`, phone, station: null, note: `x\udfff` }, undefined)
    expect(res.outcome).toBe('created')
    const id = await t.redis.hget(keys.jobPhones(jobId), phone)
    expect(id).toBeTruthy()
    expect(await t.redis.hgetall(keys.application(id!))).toMatchObject({ name: '王\ufffd', note: 'x\ufffd', phone })
  })

  it('a stream and job stored before the fix with half an emoji in their titles still take applications', async () => {
    const job = (await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob() })).json.job
    const stream = (await t.call('POST', '/api/streams', { cookie: owner.cookie, body: { title: '旧场次', scheduledAt: inHours(1), jobIds: [job.id] } })).json.stream
    // Written as the old code did: JSON.stringify keeps a lone surrogate as the escape \ud83d.
    await t.redis.set(keys.stream(stream.id), JSON.stringify({ ...stream, title: '招工啦\ud83d' }))
    await t.redis.set(keys.job(job.id), JSON.stringify({ ...job, title: '缝纫工\ud83d' }))
    expect(await t.redis.get(keys.stream(stream.id))).toContain('\\ud83d')

    const phone = nextPhone()
    const res = await t.call('POST', `/api/streams/${stream.id}/applications`, { body: { jobId: job.id, name: '李四', phone, consent: true } })
    expect(res.status).toBe(201)
    const id = await t.redis.hget(keys.jobPhones(job.id), phone)
    expect(id).toBe(res.json.application.id)
    expect(await t.redis.hget(keys.application(id!), 'companyId')).toBe(owner.companyId)
    // The records were rewritten well-formed on the way; everything else about them is unchanged.
    expect(JSON.parse((await t.redis.get(keys.stream(stream.id)))!)).toEqual({ ...stream, title: '招工啦\ufffd' })
    expect(JSON.parse((await t.redis.get(keys.job(job.id)))!)).toEqual({ ...job, title: '缝纫工\ufffd' })
    expect((await t.call('GET', `/api/streams/${stream.id}`)).status).toBe(200)
  })

  it('a stored record that is not JSON at all: a clean 409, nothing written', async () => {
    const job = (await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob() })).json.job
    const stream = (await t.call('POST', '/api/streams', { cookie: owner.cookie, body: { title: '坏记录', scheduledAt: inHours(1), jobIds: [job.id] } })).json.stream
    await t.redis.set(keys.job(job.id), '{"status":"open","title":"\\ud800 broken')
    const phone = nextPhone()
    const res = await t.call('POST', `/api/streams/${stream.id}/applications`, { body: { jobId: job.id, name: '李四', phone, consent: true } })
    expect(res.status).toBe(409)
    expect(res.json.error.code).toBe('INVALID_STATE')
    expect(await t.redis.hlen(keys.jobPhones(job.id))).toBe(0)
    expect(await t.redis.zcard(keys.streamApplications(stream.id))).toBe(0)
  })
})

describe('records are written well-formed', () => {
  it('a job edited over a legacy record heals its text', async () => {
    const job = (await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob() })).json.job
    await t.redis.set(keys.job(job.id), JSON.stringify({ ...job, description: '旧\udc00' }))
    const res = await t.call('PATCH', `/api/jobs/${job.id}`, { cookie: owner.cookie, body: { headcount: 3 } })
    expect(res.status).toBe(200)
    const raw = (await t.redis.get(keys.job(job.id)))!
    expect(raw).not.toMatch(/\\ud[89a-f]/i)
    expect(JSON.parse(raw).description).toBe('旧\ufffd')
  })
})

describe('the fields added with receipts, channels, towns, 招聘电话, 大屏 links and 预约直播', () => {
  it('an application’s village and src: 400 naming the field, nothing written', async () => {
    for (const field of ['village', 'src']) {
      const phone = nextPhone()
      expectInvalidCharacters(await apply({ phone, [field]: field === 'src' ? `st-${LONE}` : `下湾${LONE}村` }), field)
      expect(await t.redis.hget(keys.jobPhones(jobId), phone)).toBeNull()
    }
  })

  it('a beacon’s src', async () => {
    const body = { events: [{ id: 'evt-00000002', type: 'join', streamId, viewerId: 'viewer-0002', sessionId: 'session-0002', src: `poster${LONE}` }] }
    expectInvalidCharacters(await t.call('POST', '/api/events', { raw: JSON.stringify(body), headers: { 'content-type': 'text/plain' } }), 'events.0.src')
  })

  it('the 招聘电话 (PATCH /api/company): 400, the stored one unchanged', async () => {
    expect((await t.call('PATCH', '/api/company', { cookie: owner.cookie, body: { hiringPhone: '0394-8123456' } })).status).toBe(200)
    expectInvalidCharacters(await t.call('PATCH', '/api/company', { cookie: owner.cookie, body: { hiringPhone: `0394-812${LONE}3456` } }), 'hiringPhone')
    expect((await t.call('GET', '/api/company', { cookie: owner.cookie })).json.company.hiringPhone).toBe('0394-8123456')
  })

  it('a 大屏 link’s label: 400, no link made', async () => {
    const org = await t.organizer()
    const fair = (await t.call('POST', '/api/fairs', { cookie: org, body: { title: '春风行动', startsAt: inHours(1), endsAt: inHours(5) } })).json.fair
    expectInvalidCharacters(await t.call('POST', `/api/fairs/${fair.id}/screen-links`, { cookie: org, body: { label: `大厅${LONE}` } }), 'label')
    expect((await t.call('GET', `/api/fairs/${fair.id}/screen-links`, { cookie: org })).json.items).toEqual([])
  })

  it('a reservation’s phone and src (预约直播): 400, nothing reserved', async () => {
    for (const [field, value] of [['phone', `1390000${LONE}0001`], ['src', `viewer${LONE}`]] as const) {
      const body = { phone: nextPhone(), consent: true, [field]: value }
      expectInvalidCharacters(await t.call('POST', `/api/streams/${streamId}/reservations`, { body }), field)
    }
    expect(await t.redis.hlen(keys.streamReservations(streamId))).toBe(0)
  })
})
