import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispose } from '@livekit/rtc-node'
import { keys } from '../../server/store/keys.ts'
import { broadcast, type Broadcast } from '../../server/demo/broadcaster.ts'
import { videoSkipReason } from '../helpers/livekit.ts'
import { startVideoPlatform, type VideoPlatform } from '../helpers/video-platform.ts'
import { watch, type Watcher } from '../helpers/rtc.ts'
import { until } from '../helpers/until.ts'

// The third delivery path of the overlay (DESIGN "Live room"): the platform mirrors the live
// state into the LiveKit room's metadata, and a real participant in a real room receives it.

const skip = videoSkipReason()
const small = { width: 160, height: 90, fps: 10, audio: false }
const version = (m: string | undefined) => (m ? (JSON.parse(m) as { version: number }).version : -1)

describe.skipIf(skip)('LiveKit room metadata on a real livekit-server', () => {
  let p: VideoPlatform
  const open: (Broadcast | Watcher)[] = []
  beforeAll(async () => {
    p = await startVideoPlatform()
  })
  afterAll(async () => {
    for (const x of open) await ('stop' in x ? x.stop() : x.leave()).catch(() => {})
    await p?.stop()
    await dispose()
  })

  it('a room opened after the overlay changed gets the current overlay (room_started pushes it)', async () => {
    const hr = await p.recruiter()
    const id = await p.stream(hr, true)
    // The audience sampler announces a live stream's first count once; let that pass, so only
    // the room opening can bring the pin into the room.
    await until('the first audience sample', () => p.redis.hexists(keys.streamCounters(id), 'concurrent').then((n) => n === 1))
    expect((await p.call('POST', `/api/streams/${id}/pin`, { cookie: hr.cookie, body: { jobId: hr.jobId } })).status).toBe(200)
    // The pusher tried the pin (its one-per-second window names the version) while no room
    // existed; once that window has closed nothing is left to push. The host opens the room now.
    const pinned = (await p.call('GET', `/api/streams/${id}/live`)).json.version as number
    await until('the pin’s push attempt', () => p.redis.get(keys.metadataPush(id)).then((v) => Number(v) >= pinned))
    await until('the push window to close', () => p.redis.exists(keys.metadataPush(id)).then((n) => n === 0))
    const host = await p.token(id, hr.cookie)
    const studio = await broadcast(host.json.serverUrl, host.json.token, small)
    open.push(studio)
    const phone = await watch(p.lk.url, (await p.token(id)).json.token)
    open.push(phone)
    const seen = await until('the pinned card in the room metadata', () => (phone.metadata()?.includes(hr.jobId) ? phone.metadata() : undefined))
    expect(JSON.parse(seen!)).toMatchObject({ pinned: { jobId: hr.jobId } })
  })

  it('mirrors pins and applications into the room, about once a second at most, ending on the latest state', async () => {
    const hr = await p.recruiter()
    const id = await p.stream(hr, true)
    const host = await p.token(id, hr.cookie)
    const studio = await broadcast(host.json.serverUrl, host.json.token, small)
    open.push(studio)
    const phone = await watch(p.lk.url, (await p.token(id)).json.token)
    open.push(phone)
    const before = phone.metadataSeen.length

    const t0 = Date.now()
    await p.call('POST', `/api/streams/${id}/pin`, { cookie: hr.cookie, body: { jobId: hr.jobId } })
    for (let i = 0; i < 10; i++) {
      const res = await p.call('POST', `/api/streams/${id}/applications`, { body: { jobId: hr.jobId, name: '李', phone: `1370000${String(i).padStart(4, '0')}`, consent: true } })
      expect(res.status, JSON.stringify(res.json)).toBe(201)
    }
    const final = (await p.call('GET', `/api/streams/${id}/live`)).json.version as number
    await until(`metadata version ${final} at the viewer`, () => version(phone.metadata()) >= final)
    const elapsed = Date.now() - t0
    const last = JSON.parse(phone.metadata()!)
    expect(last).toMatchObject({ pinned: { jobId: hr.jobId }, jobs: [{ jobId: hr.jobId, applications: 10 }] })
    // Throttled: one push per second window, not one per change (11 changes here).
    const pushes = phone.metadataSeen.length - before
    expect(pushes).toBeGreaterThan(0)
    expect(pushes).toBeLessThanOrEqual(Math.ceil(elapsed / 1000) + 1)
  })
})
