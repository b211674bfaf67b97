import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { AccessToken } from 'livekit-server-sdk'
import { dispose } from '@livekit/rtc-node'
import { keys } from '../../server/store/keys.ts'
import { broadcast, type Broadcast } from '../../server/demo/broadcaster.ts'
import { endStaleStreams, HOST_GONE_MS } from '../../workers/end-stale-streams.ts'
import { remindersQueue } from '../../server/reminders/queue.ts'
import { startLivekit, videoSkipReason, type TestLivekit } from '../helpers/livekit.ts'
import { startVideoPlatform, type VideoPlatform } from '../helpers/video-platform.ts'
import { webhookRecorder } from '../helpers/webhook-recorder.ts'
import { watch, type Watcher } from '../helpers/rtc.ts'
import { until } from '../helpers/until.ts'

// The real livekit-server's own signed webhooks move streams on the real platform: no event
// here is written by the test. A recorder beside the API keeps each delivery so the test can
// redeliver it, as LiveKit's retries do.

const skip = videoSkipReason()
const small = { width: 160, height: 90, fps: 10, audio: false }

describe.skipIf(skip)('LiveKit webhooks from a real livekit-server', () => {
  let p: VideoPlatform
  let rec: Awaited<ReturnType<typeof webhookRecorder>>
  const open: (Broadcast | Watcher)[] = []
  const host = async (id: string, cookie: string) => {
    const t = await p.token(id, cookie)
    expect(t.json.role).toBe('host')
    const b = await broadcast(t.json.serverUrl, t.json.token, small)
    open.push(b)
    return b
  }
  const viewer = async (id: string) => {
    const t = await p.token(id)
    expect(t.status, JSON.stringify(t.json)).toBe(200)
    const w = await watch(t.json.serverUrl, t.json.token)
    open.push(w)
    return w
  }
  const leave = async (x: Broadcast | Watcher) => ('stop' in x ? x.stop() : x.leave())
  const replay = (d: { body: string; authorization: string }) =>
    p.call('POST', '/api/livekit/webhook', { raw: d.body, headers: { 'content-type': 'application/webhook+json', authorization: d.authorization } })

  beforeAll(async () => {
    rec = await webhookRecorder()
    p = await startVideoPlatform({ livekit: { departureTimeout: 1, webhookUrls: [rec.url] } })
  })
  afterAll(async () => {
    for (const x of open) await leave(x).catch(() => {})
    await p?.stop()
    await rec?.close()
    await dispose()
  })

  it('room_started moves a scheduled stream live when the host joins; room_finished ends it after everyone leaves; redeliveries are ignored', async () => {
    const hr = await p.recruiter()
    const id = await p.stream(hr)
    expect(await p.status(id)).toBe('scheduled')
    const studio = await host(id, hr.cookie)
    await until('the stream to go live by room_started', async () => (await p.status(id)) === 'live')
    const startedAt = (await p.call('GET', `/api/streams/${id}`)).json.stream.startedAt

    const phone = await viewer(id)
    await until('frames at the viewer', () => phone.frames() > 10)

    // LiveKit's retry of the same signed event changes nothing.
    const started = await until('the recorded room_started', () => rec.find('room_started', id))
    const again = await replay(started)
    expect(again.status).toBe(200)
    expect(again.json).toEqual({ ok: true, duplicate: true })
    // The same real signature on an edited body, or no signature at all: 401.
    for (const forged of [{ ...started, body: started.body.replace(id, `${id}X`) }, { ...started, authorization: '' }]) {
      const res = await replay(forged)
      expect(res.status).toBe(401)
      expect(res.json.error.code).toBe('INVALID_SIGNATURE')
    }
    expect((await p.call('GET', `/api/streams/${id}`)).json.stream.startedAt).toBe(startedAt)

    await leave(studio)
    await leave(phone)
    await until('the stream to end by room_finished', async () => (await p.status(id)) === 'ended', 30_000)
    const finished = await until('the recorded room_finished', () => rec.find('room_finished', id))
    expect((await replay(finished)).json).toEqual({ ok: true, duplicate: true })
    expect(await p.redis.exists(keys.livekitEvent(finished.id))).toBe(1)
    expect(await p.status(id)).toBe('ended')
  })

  it('the host’s participant_joined / participant_left feed the host-gone rule; viewers do not count as the host', async () => {
    const hr = await p.recruiter()
    const id = await p.stream(hr, true)
    const studio = await host(id, hr.cookie)
    const joinedAt = Number(await until('hostJoinedAt', () => p.redis.hget(keys.overlay(id), 'hostJoinedAt').then((v) => v ?? undefined)))
    const phone = await viewer(id) // keeps the room open after the host leaves
    await until('the viewer’s participant_joined', () => rec.deliveries.some((d) => d.event === 'participant_joined' && d.body.includes(`"v_`) && d.room === id))
    expect(Number(await p.redis.hget(keys.overlay(id), 'hostJoinedAt'))).toBe(joinedAt)

    const reminders = remindersQueue(p.redis)
    onTestFinished(() => reminders.close())
    const moves = { redis: p.redis, reminders }
    // Host present: a lifecycle run long after still leaves the stream live.
    expect((await endStaleStreams(moves, new Date(Date.now() + HOST_GONE_MS + 60_000))).ended).not.toContain(id)

    await until('frames at the viewer', () => phone.frames() > 10)
    // LiveKit stamps events in whole seconds and a leave in the join's own second reads as a tie
    // (host present): leave in a later second, as a real host does.
    await until('a later second than the join', () => Date.now() >= joinedAt + 1000)
    await leave(studio)
    const leftAt = Number(await until('hostLeftAt', () => p.redis.hget(keys.overlay(id), 'hostLeftAt').then((v) => v ?? undefined)))
    expect(leftAt).toBeGreaterThan(joinedAt)
    expect(await p.status(id)).toBe('live') // a viewer is still in the room: no room_finished
    expect((await endStaleStreams(moves, new Date(leftAt + HOST_GONE_MS - 60_000))).ended).not.toContain(id)
    expect((await endStaleStreams(moves, new Date(leftAt + HOST_GONE_MS + 1000))).ended).toContain(id)
    expect(await p.status(id)).toBe('ended')
    await leave(phone)
  })

  it('a webhook signed by a LiveKit with another key is refused with 401 and moves nothing', async () => {
    const hr = await p.recruiter()
    const id = await p.stream(hr)
    const foreign: TestLivekit = await startLivekit({ apiKey: 'other-key', apiSecret: 'another-secret-that-is-at-least-32-chars', webhookUrls: [p.webhookUrl, rec.url], departureTimeout: 1 })
    try {
      const at = new AccessToken(foreign.apiKey, foreign.apiSecret, { identity: hr.userId })
      at.addGrant({ room: id, roomJoin: true, canPublish: true })
      const b = await broadcast(foreign.url, await at.toJwt(), small)
      const d = await until('the foreign room_started', () => rec.deliveries.find((x) => x.event === 'room_started' && x.room === id))
      await b.stop()
      const res = await replay(d)
      expect(res.status).toBe(401)
      expect(res.json.error.code).toBe('INVALID_SIGNATURE')
      expect(await p.status(id)).toBe('scheduled')
    } finally {
      await foreign.stop()
    }
  })
})
