import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RoomServiceClient } from 'livekit-server-sdk'
import { dispose } from '@livekit/rtc-node'
import { keys } from '../../server/store/keys.ts'
import { demoCompanies } from '../../server/demo/data.ts'
import { videoSkipReason } from '../helpers/livekit.ts'
import { startVideoPlatform, type VideoPlatform } from '../helpers/video-platform.ts'
import { watch, type Watcher } from '../helpers/rtc.ts'
import { until } from '../helpers/until.ts'

// `npm start` with LiveKit and the demo on: the demo's live stream is fed by the demo
// broadcaster (a real rtc-node participant), so a newcomer's viewer receives real frames.

const skip = videoSkipReason()

describe.skipIf(skip)('the demo has video', () => {
  let p: VideoPlatform
  let phone: Watcher | undefined
  beforeAll(async () => {
    p = await startVideoPlatform({ env: { DEMO: '1' } })
  })
  afterAll(async () => {
    await phone?.leave()
    await p?.stop()
    await dispose()
  })

  it('a viewer of the demo’s live stream receives frames published by the demo recruiter', { timeout: 60_000 }, async () => {
    const listed = await p.call('GET', '/api/streams?status=live')
    const demoLive = demoCompanies.find((c) => c.stream.status === 'live')!
    const stream = (listed.json.items as { id: string; title: string }[]).find((s) => s.title === demoLive.stream.title)
    expect(stream, JSON.stringify(listed.json)).toBeDefined()
    const host = await p.redis.hget(keys.userIdByEmail(), demoLive.email)

    const rooms = new RoomServiceClient(p.lk.httpUrl, p.lk.apiKey, p.lk.apiSecret)
    await until('the demo broadcaster in the room', async () => (await rooms.listParticipants(stream!.id)).some((x) => x.identity === host && x.tracks.length === 2))
    const view = await p.token(stream!.id)
    expect(view.status, JSON.stringify(view.json)).toBe(200)
    phone = await watch(view.json.serverUrl, view.json.token)
    await until('frames from the demo broadcaster', () => phone!.frames() > 30, 30_000)
    expect([...phone.room.remoteParticipants.values()].map((x) => x.identity)).toContain(host)
    // The broadcaster counts as the host for the host-gone rule (participant_joined noted).
    await until('hostJoinedAt', () => p.redis.hexists(keys.overlay(stream!.id), 'hostJoinedAt').then((n) => n === 1))
    expect(await p.status(stream!.id)).toBe('live')
  })
})
