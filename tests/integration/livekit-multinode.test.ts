import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Redis } from 'ioredis'
import { RoomServiceClient } from 'livekit-server-sdk'
import { dispose } from '@livekit/rtc-node'
import { keys } from '../../server/store/keys.ts'
import { broadcast, type Broadcast } from '../../server/demo/broadcaster.ts'
import { startLivekit, videoSkipReason, type TestLivekit } from '../helpers/livekit.ts'
import { startRedis, type TestRedis } from '../helpers/redis.ts'
import { startVideoPlatform, type VideoPlatform } from '../helpers/video-platform.ts'
import { webhookRecorder } from '../helpers/webhook-recorder.ts'
import { watch, type Watcher } from '../helpers/rtc.ts'
import { until } from '../helpers/until.ts'

// Two real livekit-server nodes in LiveKit's own multi-node mode (one Redis of their own, same
// keys, same webhook URL) behind one platform whose LIVEKIT_URL is node A. LiveKit picks a
// node per room at random among live nodes and keeps `room_node_map` in its Redis; a client
// may open its signal WebSocket on any node, which relays it to the room's node over Redis.
// Each node also reports to a recorder of its own, so the test can see which node sent what.

const skip = videoSkipReason()
const small = { width: 160, height: 90, fps: 10, audio: false }
type NodeName = 'A' | 'B'
type HostedRoom = { id: string; node: NodeName; studio: Broadcast; hostId: string }

describe.skipIf(skip)('two livekit-server nodes sharing a Redis behind one platform', () => {
  let lkRedis: TestRedis
  let lkDb: Redis
  let p: VideoPlatform
  let b: TestLivekit
  const rec = {} as Record<NodeName, Awaited<ReturnType<typeof webhookRecorder>>>
  const nodeNames = new Map<string, NodeName>()
  const rooms: HostedRoom[] = []
  const viewers: Watcher[] = []
  const other = (n: NodeName): NodeName => (n === 'A' ? 'B' : 'A')
  const url = (n: NodeName) => (n === 'A' ? p.lk.url : b.url)
  const roomService = (n: NodeName) => (n === 'A' ? new RoomServiceClient(p.lk.httpUrl, p.lk.apiKey, p.lk.apiSecret) : new RoomServiceClient(b.httpUrl, b.apiKey, b.apiSecret))
  /** The node LiveKit allocated the room to, from its own routing table. */
  const nodeOf = async (room: string) => nodeNames.get((await lkDb.hget('room_node_map', room)) ?? '')
  const registered = () => lkDb.hkeys('nodes')
  const delivered = (n: NodeName, event: string, room: string, identity?: string) =>
    rec[n].deliveries.find((d) => d.event === event && d.room === room && (!identity || JSON.parse(d.body).participant?.identity === identity))

  beforeAll(async () => {
    lkRedis = await startRedis()
    lkDb = new Redis(lkRedis.url)
    rec.A = await webhookRecorder()
    rec.B = await webhookRecorder()
    p = await startVideoPlatform({ livekit: { redisUrl: lkRedis.url, webhookUrls: [rec.A.url], departureTimeout: 1 } })
    nodeNames.set(await until('node A in LiveKit’s Redis', async () => (await registered()).at(0)), 'A')
    b = await startLivekit({ redisUrl: lkRedis.url, webhookUrls: [p.webhookUrl, rec.B.url], departureTimeout: 1 })
    nodeNames.set(await until('node B in LiveKit’s Redis', async () => (await registered()).find((id) => !nodeNames.has(id))), 'B')

    // Hosts join through the platform (every token names node A's URL) until LiveKit has put
    // a room on each node; the choice is random, so 12 tries miss a node once in 2 000 runs.
    for (let i = 0; i < 12 && !(rooms.some((r) => r.node === 'A') && rooms.some((r) => r.node === 'B')); i++) {
      const hr = await p.recruiter()
      const id = await p.stream(hr)
      const t = await p.token(id, hr.cookie)
      expect(t.json).toMatchObject({ role: 'host', serverUrl: p.lk.url })
      const studio = await broadcast(t.json.serverUrl, t.json.token, small)
      const node = await until(`room ${id} allocated to a node`, () => nodeOf(id))
      rooms.push({ id, node, studio, hostId: hr.userId })
    }
  }, 120_000)
  afterAll(async () => {
    for (const w of viewers) await w.leave().catch(() => {})
    for (const r of rooms) await r.studio.stop().catch(() => {})
    await p?.stop()
    await b?.stop()
    lkDb?.disconnect()
    await lkRedis?.stop()
    await rec.A?.close()
    await rec.B?.close()
    await dispose()
  })

  it('rooms land on either node, and each node’s room_started / participant_joined move our streams; redeliveries are ignored', { timeout: 60_000 }, async () => {
    expect(nodeNames.size).toBe(2)
    expect(new Set(rooms.map((r) => r.node))).toEqual(new Set(['A', 'B']))
    for (const r of rooms) {
      await until(`stream ${r.id} (on node ${r.node}) live by room_started`, async () => (await p.status(r.id)) === 'live')
      await until(`the host’s participant_joined noted for ${r.id}`, () => p.redis.hget(keys.overlay(r.id), 'hostJoinedAt').then((v) => v ?? undefined))
      // The room's own node sends its events, though the host's signal went through node A.
      const started = await until(`room_started for ${r.id} from node ${r.node}`, () => delivered(r.node, 'room_started', r.id))
      await until(`participant_joined for ${r.id} from node ${r.node}`, () => delivered(r.node, 'participant_joined', r.id, r.hostId))
      expect(delivered(other(r.node), 'room_started', r.id)).toBeUndefined()
      expect(delivered(other(r.node), 'participant_joined', r.id)).toBeUndefined()

      const startedAt = (await p.call('GET', `/api/streams/${r.id}`)).json.stream.startedAt
      const again = await p.call('POST', '/api/livekit/webhook', { raw: started.body, headers: { 'content-type': 'application/webhook+json', authorization: started.authorization } })
      expect(again.json).toEqual({ ok: true, duplicate: true })
      expect((await p.call('GET', `/api/streams/${r.id}`)).json.stream.startedAt).toBe(startedAt)
    }
  })

  it('a viewer who opens the signal on the other node receives the room’s frames: the node relays to the room’s node', { timeout: 60_000 }, async () => {
    for (const node of ['A', 'B'] as const) {
      const r = rooms.find((x) => x.node === node)!
      const t = await p.token(r.id)
      expect(t.status, JSON.stringify(t.json)).toBe(200)
      const phone = await watch(url(other(node)), t.json.token)
      viewers.push(phone)
      await until(`frames of a room on node ${node} at a viewer connected to node ${other(node)}`, () => phone.frames() > 10)
      // The viewer's participant lives on the room's node: that node announces it, and the
      // room stays where it was; either node's RoomService sees it there.
      await until(`the viewer’s participant_joined from node ${node}`, () => delivered(node, 'participant_joined', r.id, t.json.identity))
      expect(delivered(other(node), 'participant_joined', r.id, t.json.identity)).toBeUndefined()
      expect(await nodeOf(r.id)).toBe(node)
      for (const asked of ['A', 'B'] as const) {
        expect((await roomService(asked).listParticipants(r.id)).map((x) => x.identity)).toEqual(expect.arrayContaining([r.hostId, t.json.identity]))
      }
    }
  })

  it('when everyone leaves, each room’s node sends room_finished and our stream ends', { timeout: 60_000 }, async () => {
    for (const w of viewers.splice(0)) await w.leave()
    for (const r of rooms) await r.studio.stop()
    for (const r of rooms) {
      await until(`stream ${r.id} ended by room_finished from node ${r.node}`, async () => (await p.status(r.id)) === 'ended', 30_000)
      expect(delivered(r.node, 'room_finished', r.id)).toBeDefined()
      expect(delivered(other(r.node), 'room_finished', r.id)).toBeUndefined()
      await until(`node ${r.node} to forget room ${r.id}`, async () => (await lkDb.hexists('room_node_map', r.id)) === 0)
    }
  })
})
