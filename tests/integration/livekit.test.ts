import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RoomServiceClient, TokenVerifier } from 'livekit-server-sdk'
import { ConnectError, dispose, LocalVideoTrack, Room, RoomEvent, TrackPublishOptions, TrackSource, VideoSource } from '@livekit/rtc-node'
import { createApp } from '../../server/app.ts'
import { updateRoomMetadata } from '../../server/livekit/rooms.ts'
import { broadcast, type Broadcast } from '../../server/demo/broadcaster.ts'
import { inHours, startTestApp, validJob, type TestApp } from '../helpers/app.ts'
import { startLivekit, videoSkipReason, type TestLivekit } from '../helpers/livekit.ts'
import { watch, type Watcher } from '../helpers/rtc.ts'
import { until } from '../helpers/until.ts'

// Join tokens, participant permissions and room metadata against a real livekit-server: every
// token the API mints is used to join (or fail to join) a real room. Webhooks:
// livekit-webhooks.test.ts; faults: livekit-faults.test.ts; Ingress (not run here):
// livekit-ingress-standin.test.ts.

const skip = videoSkipReason()
const small = { width: 160, height: 90, fps: 10, audio: false }

describe.skipIf(skip)('LiveKit tokens, permissions and metadata on a real livekit-server', () => {
  let lk: TestLivekit
  let t: TestApp
  let owner: Awaited<ReturnType<TestApp['recruiter']>>
  let jobId: string
  let verifier: TokenVerifier
  let rooms: RoomServiceClient
  const open: (Broadcast | Watcher | Room)[] = []
  const keep = <T extends Broadcast | Watcher | Room>(x: T) => (open.push(x), x)

  beforeAll(async () => {
    lk = await startLivekit({ departureTimeout: 1 })
    t = await startTestApp({ LIVEKIT_URL: lk.url, LIVEKIT_API_KEY: lk.apiKey, LIVEKIT_API_SECRET: lk.apiSecret, TRUST_PROXY: 'cf-connecting-ip' })
    owner = await t.recruiter()
    jobId = (await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob() })).json.job.id
    verifier = new TokenVerifier(lk.apiKey, lk.apiSecret)
    rooms = new RoomServiceClient(lk.httpUrl, lk.apiKey, lk.apiSecret)
  })
  afterAll(async () => {
    for (const x of open) await ('stop' in x ? x.stop() : 'leave' in x ? x.leave() : x.disconnect()).catch(() => {})
    await t?.stop()
    await lk?.stop()
    await dispose()
  })

  /** A stream of the owner's company, started unless told otherwise (viewers join live streams only). */
  async function newStream(live = true, cookie = owner.cookie): Promise<string> {
    const res = await t.call('POST', '/api/streams', { cookie, body: { title: '探厂直播', scheduledAt: inHours(1), jobIds: [jobId] } })
    expect(res.status, res.text).toBe(201)
    if (live) await t.call('POST', `/api/streams/${res.json.stream.id}/start`, { cookie })
    return res.json.stream.id
  }
  let ip = 0
  /** Each call from its own address, so the per-address limit bites only where a test wants it. */
  const token = (id: string, o: { body?: unknown; cookie?: string; ip?: string } = {}) =>
    t.call('POST', `/api/streams/${id}/token`, { body: o.body ?? {}, cookie: o.cookie, headers: { 'cf-connecting-ip': o.ip ?? `10.1.0.${++ip}` } })
  const lifetime = (c: { exp?: number; nbf?: number }) => (c.exp ?? 0) - (c.nbf ?? 0)
  const participants = async (room: string) => (await rooms.listParticipants(room)).map((p) => ({ identity: p.identity, tracks: p.tracks.length, canPublish: p.permission?.canPublish }))

  it('the owner’s host token publishes into the stream’s room and a viewer token receives it; claims are least-privilege', async () => {
    const id = await newStream()
    const host = await token(id, { cookie: owner.cookie })
    expect(host.status, host.text).toBe(200)
    expect(host.json).toMatchObject({ role: 'host', roomName: id, identity: owner.userId, serverUrl: lk.url })
    const hostClaims = await verifier.verify(host.json.token)
    expect(hostClaims.video).toEqual({ room: id, roomJoin: true, canPublish: true, canSubscribe: true, canPublishData: true })
    expect(lifetime(hostClaims)).toBe(4 * 3600)

    const view = await token(id, { body: { viewerId: 'viewer_ABC-123', name: '张三' } })
    expect(view.status, view.text).toBe(200)
    expect(view.json).toMatchObject({ role: 'viewer', roomName: id, identity: 'v_viewer_ABC-123', viewerId: 'viewer_ABC-123' })
    const viewClaims = await verifier.verify(view.json.token)
    expect(viewClaims.name).toBe('张三')
    expect(viewClaims.video).toEqual({ room: id, roomJoin: true, canSubscribe: true, canPublish: false, canPublishData: false, hidden: false })
    expect(lifetime(viewClaims)).toBe(15 * 60)

    const studio = keep(await broadcast(host.json.serverUrl, host.json.token, small))
    const phone = keep(await watch(view.json.serverUrl, view.json.token))
    expect(phone.room.name).toBe(id)
    await until('frames at the viewer', () => phone.frames() > 10)
    expect(await participants(id)).toEqual(
      expect.arrayContaining([
        { identity: owner.userId, tracks: 1, canPublish: true },
        { identity: 'v_viewer_ABC-123', tracks: 0, canPublish: false },
      ]),
    )
    await phone.leave()
    await studio.stop()
  })

  // The SDK gives up on the refused publication after its own 10 s timeout.
  it('a viewer token cannot publish: the server refuses the track and nobody receives it', { timeout: 40_000 }, async () => {
    const id = await newStream()
    const host = await token(id, { cookie: owner.cookie })
    const studio = keep(await broadcast(host.json.serverUrl, host.json.token, small))
    const published: string[] = []
    studio.room.on(RoomEvent.TrackPublished, (_pub, p) => published.push(p.identity))
    const view = await token(id)
    const phone = keep(await watch(view.json.serverUrl, view.json.token))
    const source = new VideoSource(64, 64)
    const attempt = phone.room.localParticipant!.publishTrack(LocalVideoTrack.createVideoTrack('sneaky', source), new TrackPublishOptions({ source: TrackSource.SOURCE_CAMERA }))
    await expect(attempt).rejects.toThrow(/publication timed out|permission|not allowed/i)
    await source.close()
    expect(published).toEqual([])
    expect(await participants(id)).toContainEqual({ identity: view.json.identity, tracks: 0, canPublish: false })
    await phone.leave()
    await studio.stop()
  })

  it('a host token for stream A cannot join stream B’s room; another company’s recruiter gets a viewer token', async () => {
    const a = await newStream()
    const other = await t.recruiter()
    const otherJob = (await t.call('POST', '/api/jobs', { cookie: other.cookie, body: validJob() })).json.job.id
    const bRes = await t.call('POST', '/api/streams', { cookie: other.cookie, body: { title: '乙厂', scheduledAt: inHours(1), jobIds: [otherJob] } })
    const b = bRes.json.stream.id as string
    await t.call('POST', `/api/streams/${b}/start`, { cookie: other.cookie })
    const bHost = await token(b, { cookie: other.cookie })
    const bStudio = keep(await broadcast(bHost.json.serverUrl, bHost.json.token, small))

    // A's host token opens A's room, and only that: the room is in the signed token.
    const aHost = await token(a, { cookie: owner.cookie })
    const inA = keep(await watch(aHost.json.serverUrl, aHost.json.token))
    expect(inA.room.name).toBe(a)
    expect(inA.room.remoteParticipants.size).toBe(0)
    // Rewriting the room in the token to B breaks its signature: the server refuses the join.
    const [head, body, sig] = (aHost.json.token as string).split('.')
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString())
    claims.video.room = b
    const forged = [head, Buffer.from(JSON.stringify(claims)).toString('base64url'), sig].join('.')
    const intruder = new Room()
    await expect(intruder.connect(lk.url, forged)).rejects.toBeInstanceOf(ConnectError)
    expect((await participants(b)).map((p) => p.identity)).toEqual([other.userId])

    // B's recruiter asking for A is a viewer there (subscribe only).
    const cross = await token(a, { cookie: other.cookie })
    expect(cross.json.role).toBe('viewer')
    expect((await verifier.verify(cross.json.token)).video?.canPublish).toBe(false)
    await inA.leave()
    await bStudio.stop()
  })

  it('refuses a bad viewer id (400), an unknown stream (404), and viewers of a stream that is not live (409); the host may open it', async () => {
    const id = await newStream()
    for (const viewerId of ['short', 'has space in it', 'x'.repeat(65), 'emoji😀emoji', 12345678]) {
      const res = await token(id, { body: { viewerId } })
      expect(res.status, String(viewerId)).toBe(400)
      expect(res.json.error.details[0].path).toEqual(['viewerId'])
    }
    expect((await token('NO-SUCH-STREAM')).status).toBe(404)
    const scheduled = await newStream(false)
    const early = await token(scheduled)
    expect(early.status).toBe(409)
    expect(early.json.error.message).toMatch(/not started/)
    expect((await token(scheduled, { cookie: owner.cookie })).json.role).toBe('host')
    await t.call('POST', `/api/streams/${id}/end`, { cookie: owner.cookie })
    const ended = await token(id)
    expect(ended.status).toBe(409)
    expect(ended.json.error.code).toBe('INVALID_STATE')
  })

  it('limits token requests per address (429 with Retry-After)', async () => {
    const id = await newStream()
    const statuses: number[] = []
    for (let i = 0; i < 60; i++) statuses.push((await token(id, { ip: '192.0.2.7' })).status)
    expect(statuses.every((s) => s === 200)).toBe(true)
    const last = await token(id, { ip: '192.0.2.7' })
    expect(last.status).toBe(429)
    expect(last.headers.get('retry-after')).toMatch(/^\d+$/)
    expect((await token(id, { ip: '192.0.2.8' })).status).toBe(200)
  })

  it('room metadata reaches participants of the room; a room nobody opened is nothing to do', async () => {
    const id = await newStream()
    const host = await token(id, { cookie: owner.cookie })
    const studio = keep(await broadcast(host.json.serverUrl, host.json.token, small))
    const phone = keep(await watch(lk.url, (await token(id)).json.token))
    const metadata = JSON.stringify({ version: 7, pinned: { jobId } })
    await updateRoomMetadata(t.config, id, metadata)
    await until('the metadata at the viewer', () => phone.metadata() === metadata)
    await expect(updateRoomMetadata(t.config, 'NOBODY-HERE', '{}')).resolves.toBeUndefined()
    await phone.leave()
    await studio.stop()
  })

  it('without LiveKit configured: 503 LIVEKIT_DISABLED on token, ingress and webhook; health says disabled; the room works without video', async () => {
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
    expect((await app.request(`/api/streams/${id}`)).status).toBe(200)
    await expect(updateRoomMetadata(config, id, '{}')).resolves.toBeUndefined()
  })
})
