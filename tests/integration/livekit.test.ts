import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AccessToken, ParticipantInfo, Room, TokenVerifier, WebhookEvent } from 'livekit-server-sdk'
import { createApp } from '../../server/app.ts'
import { keys } from '../../server/store/keys.ts'
import { updateRoomMetadata } from '../../server/livekit/rooms.ts'
import { ApiError } from '../../server/errors.ts'
import { inHours, startTestApp, validJob, type TestApp } from '../helpers/app.ts'

// Real SDK crypto end to end; LiveKit's server API is a local node:http server that records
// what the SDK sends (Twirp: JSON POSTed to /twirp/livekit.<Service>/<Method>).

const API_KEY = 'devkey'
const API_SECRET = 'test-secret-with-at-least-32-characters-0123456789'

type Recorded = { method: string; path: string; headers: IncomingHttpHeaders; body: string; json: any }
type Mode = 'ok' | 'error500' | 'notfound' | 'hangup'

/** A stand-in for LiveKit's Twirp API: records requests, answers Ingress and RoomService calls. */
async function fakeLiveKit() {
  const requests: Recorded[] = []
  const ingresses: Record<string, unknown>[] = []
  const state = { mode: 'ok' as Mode }
  const server: Server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      let json: any = null
      try {
        json = JSON.parse(body)
      } catch {}
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, json })
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(payload))
      }
      if (state.mode === 'hangup') return req.socket.destroy()
      if (state.mode === 'error500') return send(500, { code: 'internal', msg: 'boom' })
      if (state.mode === 'notfound') return send(404, { code: 'not_found', msg: 'requested room does not exist' })
      switch (req.url) {
        case '/twirp/livekit.Ingress/ListIngress':
          return send(200, { items: ingresses.filter((i) => !json?.roomName || i.roomName === json.roomName) })
        case '/twirp/livekit.Ingress/CreateIngress': {
          const n = ingresses.length + 1
          const whip = json?.inputType === 'WHIP_INPUT'
          const info = {
            ingressId: `IN_${n}`,
            name: json?.name,
            streamKey: `key-${n}`,
            url: whip ? 'http://127.0.0.1/w' : 'rtmp://127.0.0.1/x',
            inputType: json?.inputType ?? 'RTMP_INPUT',
            roomName: json?.roomName,
            participantIdentity: json?.participantIdentity,
            participantName: json?.participantName,
          }
          ingresses.push(info)
          return send(200, info)
        }
        case '/twirp/livekit.RoomService/UpdateRoomMetadata':
          return send(200, { name: json?.room, metadata: json?.metadata })
        default:
          return send(404, { code: 'bad_route', msg: 'no such method' })
      }
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  return {
    port,
    requests,
    ingresses,
    state,
    take(path?: string) {
      const got = requests.splice(0).filter((r) => !path || r.path === path)
      return got
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}

/** A port with nobody listening. */
async function closedPort() {
  const s = createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  const port = (s.address() as AddressInfo).port
  await new Promise<void>((r) => s.close(() => r()))
  return port
}

let lk: Awaited<ReturnType<typeof fakeLiveKit>>
let t: TestApp
let owner: Awaited<ReturnType<TestApp['recruiter']>>
let jobId: string
const verifier = new TokenVerifier(API_KEY, API_SECRET)

beforeAll(async () => {
  lk = await fakeLiveKit()
  // app.request has no socket: the tests name each client's address the way a trusted proxy would.
  t = await startTestApp({ LIVEKIT_URL: `ws://127.0.0.1:${lk.port}`, LIVEKIT_API_KEY: API_KEY, LIVEKIT_API_SECRET: API_SECRET, TRUST_PROXY: 'cf-connecting-ip' })
  owner = await t.recruiter()
  jobId = (await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob() })).json.job.id
})
afterAll(async () => {
  await t?.stop()
  await lk?.close()
})

/** A stream of the company, started (viewers may only join a live stream) unless told otherwise. */
async function newStream(cookie = owner.cookie, job = jobId, live = true): Promise<string> {
  const res = await t.call('POST', '/api/streams', { cookie, body: { title: '探厂直播', scheduledAt: inHours(1), jobIds: [job] } })
  expect(res.status, res.text).toBe(201)
  if (live) await t.call('POST', `/api/streams/${res.json.stream.id}/start`, { cookie })
  return res.json.stream.id
}
const streamStatus = async (id: string) => (await t.call('GET', `/api/streams/${id}`)).json.stream

let ipCounter = 0
/** Each call from its own address, so the per-IP limit only bites in the test that wants it. */
const token = (id: string, opts: { body?: unknown; cookie?: string; ip?: string } = {}) =>
  t.call('POST', `/api/streams/${id}/token`, { body: opts.body, cookie: opts.cookie, headers: { 'cf-connecting-ip': opts.ip ?? `10.0.0.${++ipCounter}` } })

const lifetime = (claims: { exp?: number; nbf?: number }) => (claims.exp ?? 0) - (claims.nbf ?? 0)

describe('join tokens', () => {
  it('gives anyone a subscribe-only viewer token for the stream’s room, 15 minutes long', async () => {
    const id = await newStream()
    const res = await token(id)
    expect(res.status, res.text).toBe(200)
    const { serverUrl, roomName, identity, role, viewerId } = res.json
    expect({ serverUrl, roomName, role }).toEqual({ serverUrl: `ws://127.0.0.1:${lk.port}`, roomName: id, role: 'viewer' })
    expect(viewerId).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
    expect(identity).toBe(`v_${viewerId}`)

    const claims = await verifier.verify(res.json.token)
    expect(claims.iss).toBe(API_KEY)
    expect(claims.sub).toBe(identity)
    expect(claims.video).toEqual({ room: id, roomJoin: true, canSubscribe: true, canPublish: false, canPublishData: false, hidden: false })
    expect(lifetime(claims)).toBe(15 * 60)
    expect((claims.exp ?? 0) * 1000 - Date.now()).toBeGreaterThan(14 * 60_000)
    await expect(new TokenVerifier(API_KEY, 'another-secret-of-at-least-32-characters!!').verify(res.json.token)).rejects.toThrow()
  })

  it('keeps the viewer id and display name the page sends', async () => {
    const id = await newStream()
    const res = await token(id, { body: { viewerId: 'viewer_ABC-123', name: '张三' } })
    expect(res.status, res.text).toBe(200)
    expect(res.json.identity).toBe('v_viewer_ABC-123')
    const claims = await verifier.verify(res.json.token)
    expect(claims.sub).toBe('v_viewer_ABC-123')
    expect(claims.name).toBe('张三')
    expect(claims.video?.canPublish).toBe(false)
  })

  it('gives the signed-in owner a host token (publish, subscribe, data) for 4 hours; others get viewer tokens', async () => {
    const id = await newStream()
    const res = await token(id, { cookie: owner.cookie })
    expect(res.status, res.text).toBe(200)
    expect(res.json).toMatchObject({ role: 'host', roomName: id, identity: owner.userId })
    const claims = await verifier.verify(res.json.token)
    expect(claims.sub).toBe(owner.userId)
    expect(claims.video).toEqual({ room: id, roomJoin: true, canPublish: true, canSubscribe: true, canPublishData: true })
    expect(lifetime(claims)).toBe(4 * 3600)

    const other = await t.recruiter()
    for (const cookie of [other.cookie, await t.organizer()]) {
      const r = await token(id, { cookie })
      expect(r.json.role).toBe('viewer')
      expect((await verifier.verify(r.json.token)).video?.canPublish).toBe(false)
    }
  })

  it('refuses a bad viewer id (400), an unknown stream (404) and a viewer token for an ended stream (409)', async () => {
    const id = await newStream()
    for (const viewerId of ['short', 'has space in it', 'x'.repeat(65), 'emoji😀emoji', 12345678]) {
      const res = await token(id, { body: { viewerId } })
      expect(res.status, String(viewerId)).toBe(400)
      expect(res.json.error.code).toBe('VALIDATION_FAILED')
      expect(res.json.error.details[0].path).toEqual(['viewerId'])
    }
    const unknown = await token('NO-SUCH-STREAM')
    expect(unknown.status).toBe(404)
    expect(unknown.json.error.code).toBe('NOT_FOUND')

    // Not started yet: a viewer must not open the room (LiveKit would report room_started).
    const scheduled = await newStream(owner.cookie, jobId, false)
    const early = await token(scheduled)
    expect(early.status).toBe(409)
    expect(early.json.error.message).toMatch(/not started/)
    expect((await token(scheduled, { cookie: owner.cookie })).json.role).toBe('host') // the host may

    expect((await t.call('POST', `/api/streams/${id}/end`, { cookie: owner.cookie })).json.stream.status).toBe('ended')
    const ended = await token(id)
    expect(ended.status).toBe(409)
    expect(ended.json.error.code).toBe('INVALID_STATE')
  })

  it('limits token requests per IP (429 with Retry-After)', async () => {
    const id = await newStream()
    const statuses: number[] = []
    for (let i = 0; i < 60; i++) statuses.push((await token(id, { ip: '192.0.2.7' })).status)
    expect(statuses.every((s) => s === 200)).toBe(true)
    const last = await token(id, { ip: '192.0.2.7' })
    expect(last.status).toBe(429)
    expect(last.headers.get('retry-after')).toMatch(/^\d+$/)
    expect((await token(id, { ip: '192.0.2.8' })).status).toBe(200)
  })
})

describe('without LiveKit configured', () => {
  it('answers 503 LIVEKIT_DISABLED on token, ingress and webhook; health says disabled', async () => {
    const id = await newStream()
    const config = { ...t.config, LIVEKIT_URL: undefined, LIVEKIT_API_KEY: undefined, LIVEKIT_API_SECRET: undefined }
    const app = createApp({ redis: t.redis, config })
    const post = (path: string, body: string, headers: Record<string, string> = {}) =>
      app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', cookie: owner.cookie, ...headers }, body })
    for (const res of [
      await post(`/api/streams/${id}/token`, '{}'),
      await post(`/api/streams/${id}/ingress`, '{"type":"rtmp"}'),
      await post('/api/livekit/webhook', '{}', { 'content-type': 'application/webhook+json', authorization: 'x' }),
    ]) {
      expect(res.status).toBe(503)
      expect(((await res.json()) as any).error.code).toBe('LIVEKIT_DISABLED')
    }
    expect(await (await app.request('/api/health')).json()).toMatchObject({ ok: true, livekit: 'disabled' })
    expect((await t.call('GET', '/api/health')).json).toMatchObject({ ok: true, livekit: 'configured' })
    // The rest of the live room does not depend on LiveKit.
    expect((await app.request(`/api/streams/${id}`)).status).toBe(200)
    await expect(updateRoomMetadata(config, id, '{}')).resolves.toBeUndefined()
  })
})

describe('ingress for OBS', () => {
  const ingress = (id: string, body: unknown, cookie = owner.cookie) => t.call('POST', `/api/streams/${id}/ingress`, { cookie, body })

  it('creates an RTMP ingress into the stream’s room through the SDK and returns {url, streamKey}', async () => {
    const id = await newStream()
    lk.take()
    const res = await ingress(id, { type: 'rtmp' })
    expect(res.status, res.text).toBe(200)
    expect(res.json).toEqual({ url: 'rtmp://127.0.0.1/x', streamKey: expect.stringMatching(/^key-\d+$/) })

    const sent = lk.take()
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /twirp/livekit.Ingress/ListIngress', 'POST /twirp/livekit.Ingress/CreateIngress'])
    const create = sent[1]!
    expect(create.headers['content-type']).toBe('application/json;charset=UTF-8')
    expect(create.json).toMatchObject({ roomName: id, participantIdentity: `ingress_${id}`, participantName: expect.stringMatching(/^测试公司\d+$/) })
    expect(create.json.inputType ?? 'RTMP_INPUT').toBe('RTMP_INPUT') // proto3 JSON omits the zero enum
    const auth = create.headers.authorization ?? ''
    expect(auth).toMatch(/^Bearer /)
    const claims = await verifier.verify(auth.slice('Bearer '.length))
    expect(claims.iss).toBe(API_KEY)
    expect(claims.video?.ingressAdmin).toBe(true)
    expect(sent[0]!.json).toEqual({ roomName: id })

    // Asking again reuses the stream's RTMP ingress instead of creating another.
    const again = await ingress(id, { type: 'rtmp' })
    expect(again.json).toEqual(res.json)
    expect(lk.take().map((r) => r.path)).toEqual(['/twirp/livekit.Ingress/ListIngress'])
  })

  it('creates a WHIP ingress', async () => {
    const id = await newStream()
    lk.take()
    const res = await ingress(id, { type: 'whip' })
    expect(res.status, res.text).toBe(200)
    expect(res.json.url).toBe('http://127.0.0.1/w')
    const create = lk.take('/twirp/livekit.Ingress/CreateIngress')[0]!
    expect(create.json).toMatchObject({ inputType: 'WHIP_INPUT', roomName: id, participantIdentity: `ingress_${id}` })
  })

  it('is for the owner only, with a valid type, on a stream that has not ended', async () => {
    const id = await newStream()
    const other = await t.recruiter()
    expect((await ingress(id, { type: 'rtmp' }, '')).status).toBe(401)
    expect((await ingress(id, { type: 'rtmp' }, other.cookie)).status).toBe(403)
    expect((await ingress(id, { type: 'rtmp' }, await t.organizer())).status).toBe(403)
    expect((await ingress(id, { type: 'srt' })).status).toBe(400)
    expect((await ingress(id, {})).status).toBe(400)
    expect((await ingress('NO-SUCH-STREAM', { type: 'rtmp' })).status).toBe(404)
    await t.call('POST', `/api/streams/${id}/end`, { cookie: owner.cookie })
    const ended = await ingress(id, { type: 'rtmp' })
    expect(ended.status).toBe(409)
  })

  it('answers 503 (not 500) when LiveKit fails or hangs up', async () => {
    const id = await newStream()
    try {
      for (const mode of ['error500', 'hangup'] as const) {
        lk.state.mode = mode
        const res = await ingress(id, { type: 'rtmp' })
        expect(res.status, `${mode}: ${res.text}`).toBe(503)
        expect(res.json.error.message).toMatch(/video service/)
        expect(res.headers.get('retry-after')).toBe('5')
      }
    } finally {
      lk.state.mode = 'ok'
    }
  })
})

describe('room metadata', () => {
  it('pushes metadata through RoomService/UpdateRoomMetadata with a roomAdmin token for that room', async () => {
    lk.take()
    const metadata = JSON.stringify({ version: 7, pinned: null })
    await updateRoomMetadata(t.config, 'ROOM-1', metadata)
    const [req] = lk.take()
    expect(req).toMatchObject({ method: 'POST', path: '/twirp/livekit.RoomService/UpdateRoomMetadata', json: { room: 'ROOM-1', metadata } })
    expect(req!.headers['content-type']).toBe('application/json;charset=UTF-8')
    const claims = await verifier.verify((req!.headers.authorization ?? '').replace(/^Bearer /, ''))
    expect(claims.video).toMatchObject({ roomAdmin: true, room: 'ROOM-1' })
  })

  it('treats a missing room as nothing to do, and a failing LiveKit as a 503 error', async () => {
    try {
      lk.state.mode = 'notfound'
      await expect(updateRoomMetadata(t.config, 'GONE', '{}')).resolves.toBeUndefined()
      lk.state.mode = 'error500'
      const err = await updateRoomMetadata(t.config, 'ROOM-1', '{}').catch((e) => e)
      expect(err).toBeInstanceOf(ApiError)
      expect(err.status).toBe(503)
    } finally {
      lk.state.mode = 'ok'
    }
    const down = { ...t.config, LIVEKIT_URL: `http://127.0.0.1:${await closedPort()}` }
    const err = await updateRoomMetadata(down, 'ROOM-1', '{}').catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(503)
  })
})

describe('webhook', () => {
  let seq = 0
  /** The JSON body LiveKit posts, written by the SDK's own WebhookEvent. */
  function event(name: string, room: string, over: { id?: string; createdAt?: number; identity?: string } = {}) {
    const ev = new WebhookEvent({
      room: new Room({ name: room, sid: `RM_${room}` }),
      ...(over.identity ? { participant: new ParticipantInfo({ identity: over.identity }) } : {}),
      id: over.id ?? `EV_${Date.now()}_${++seq}`,
      createdAt: BigInt(over.createdAt ?? Math.floor(Date.now() / 1000)),
    })
    ev.event = name as WebhookEvent['event'] // the SDK subclass resets `event` after its constructor
    return ev.toJsonString()
  }

  /** The Authorization LiveKit sends: a JWT from the API key whose sha256 claim is the body's hash. */
  async function sign(body: string, secret = API_SECRET, key = API_KEY) {
    const at = new AccessToken(key, secret, { ttl: '5m' })
    at.sha256 = createHash('sha256').update(body).digest('base64')
    return at.toJwt()
  }
  const deliver = async (body: string, authorization?: string | null) => {
    const headers: Record<string, string> = { 'content-type': 'application/webhook+json' }
    const auth = authorization === undefined ? await sign(body) : authorization
    if (auth !== null) headers.authorization = auth
    return t.call('POST', '/api/livekit/webhook', { raw: body, headers })
  }

  it('notes when the host leaves and rejoins, by LiveKit’s event time; viewers are not the host', async () => {
    const id = await newStream()
    const hostFields = async () => t.redis.hmget(keys.live(id), 'hostJoinedAt', 'hostLeftAt')
    const at = Math.floor(Date.now() / 1000)
    await deliver(event('participant_joined', id, { identity: owner.userId, createdAt: at }))
    await deliver(event('participant_left', id, { identity: 'v_viewer-123456', createdAt: at + 5 })) // a viewer
    expect(await hostFields()).toEqual([String(at * 1000), null])
    await deliver(event('participant_left', id, { identity: `ingress_${id}`, createdAt: at + 10 }))
    // a join that happened before the leave but arrives after it: the host is still gone
    await deliver(event('participant_joined', id, { identity: owner.userId, createdAt: at + 3 }))
    expect(await hostFields()).toEqual([String((at + 3) * 1000), String((at + 10) * 1000)])
    await deliver(event('participant_joined', id, { identity: owner.userId, createdAt: at - 100 })) // older still: no effect
    expect((await hostFields())[0]).toBe(String((at + 3) * 1000))
    expect((await streamStatus(id)).status).toBe('live') // a note, not a move
  })

  it('room_started moves the stream live and room_finished ends it', async () => {
    const id = await newStream(owner.cookie, jobId, false)
    const started = await deliver(event('room_started', id))
    expect(started.status, started.text).toBe(200)
    expect(started.json).toEqual({ ok: true, applied: 'live', streamId: id })
    expect((await streamStatus(id)).status).toBe('live')

    const finished = await deliver(event('room_finished', id), `Bearer ${await sign(event('x', 'y'))}`)
    expect(finished.status).toBe(401) // a signature for another body
    const body = event('room_finished', id)
    const ok = await deliver(body, `Bearer ${await sign(body)}`) // an optional Bearer prefix is accepted
    expect(ok.json).toEqual({ ok: true, applied: 'ended', streamId: id })
    expect((await streamStatus(id)).status).toBe('ended')
  })

  it('rejects a wrong secret, a wrong key, a tampered body and a missing header with 401', async () => {
    const id = await newStream(owner.cookie, jobId, false)
    const body = event('room_started', id)
    const cases: [string, string | null][] = [
      ['wrong secret', await sign(body, 'not-the-secret-but-also-32-characters-long')],
      ['wrong key', await sign(body, API_SECRET, 'other-key')],
      ['garbage', 'not-a-jwt'],
      ['missing', null],
    ]
    for (const [what, auth] of cases) {
      const res = await deliver(body, auth)
      expect(res.status, what).toBe(401)
      expect(res.json.error.code, what).toBe('INVALID_SIGNATURE')
    }
    const tampered = body.replace(id, 'SOMETHING-ELSE')
    expect((await deliver(tampered, await sign(body))).status).toBe(401)
    expect((await streamStatus(id)).status).toBe('scheduled')
  })

  it('applies an event id once: a repeat is a no-op, even for another room', async () => {
    const a = await newStream(owner.cookie, jobId, false)
    const b = await newStream(owner.cookie, jobId, false)
    const body = event('room_started', a, { id: 'EV_repeat_1' })
    expect((await deliver(body)).json).toMatchObject({ applied: 'live' })
    const startedAt = (await streamStatus(a)).startedAt
    expect((await deliver(body)).json).toEqual({ ok: true, duplicate: true })
    expect((await streamStatus(a)).startedAt).toBe(startedAt)
    const ttl = await t.redis.ttl(keys.livekitEvent('EV_repeat_1'))
    expect(ttl).toBeGreaterThan(86_000)

    // The same id naming another room is still the same event: stream b is untouched.
    expect((await deliver(event('room_started', b, { id: 'EV_repeat_1' }))).json).toEqual({ ok: true, duplicate: true })
    expect((await streamStatus(b)).status).toBe('scheduled')
    // A later manual change is not undone by a redelivery.
    await t.call('POST', `/api/streams/${a}/end`, { cookie: owner.cookie })
    expect((await deliver(body)).json).toEqual({ ok: true, duplicate: true })
    expect((await streamStatus(a)).status).toBe('ended')
  })

  it('ignores rooms that are not streams, other events, and a room_finished older than the stream’s start', async () => {
    expect((await deliver(event('room_started', 'not-a-stream'))).json).toMatchObject({ ok: true, ignored: expect.any(String) })
    const id = await newStream(owner.cookie, jobId, false)
    const joined = event('participant_joined', id, { id: 'EV_joined_1' })
    expect((await deliver(joined)).json).toMatchObject({ ok: true, ignored: expect.any(String) })
    expect(await t.redis.exists(keys.livekitEvent('EV_joined_1'))).toBe(0)

    await t.call('POST', `/api/streams/${id}/start`, { cookie: owner.cookie })
    const stale = await deliver(event('room_finished', id, { createdAt: Math.floor(Date.now() / 1000) - 600 }))
    expect(stale.json).toMatchObject({ ok: true, ignored: expect.any(String) })
    expect((await streamStatus(id)).status).toBe('live')
    // An ended stream never goes live again, whatever arrives late.
    await t.call('POST', `/api/streams/${id}/end`, { cookie: owner.cookie })
    expect((await deliver(event('room_started', id))).json).toMatchObject({ ok: true, ignored: 'stream is ended' })
  })

  it('answers 400, not 500, for a signed body that is not JSON', async () => {
    const res = await deliver('not json at all')
    expect(res.status).toBe(400)
    expect(res.json.error.code).toBe('MALFORMED_JSON')
  })
})
