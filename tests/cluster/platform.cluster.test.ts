// The platform, unchanged, on a real Redis Cluster (3 primaries + 3 replicas) with two API
// processes behind nginx and two worker processes: the HTTP contract, exact counting with
// beacons spread over both processes, a pin reaching SSE viewers on both, applications.
// A failure names the request and Redis's answer (a CROSSSLOT means a multi-key script or
// MULTI touches two hash slots: server/store/keys.ts).
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { audience, chunk } from '../helpers/events.ts'
import { until } from '../helpers/until.ts'
import { startDeployment, type Deployment } from './deployment.ts'
import { applicant, liveStream, type LiveStream } from './flow.ts'
import { client, expectStatus } from './http.ts'
import { openViewer, type Viewer } from './sse.ts'

let d: Deployment
let live: LiveStream

beforeAll(async () => {
  d = await startDeployment({ apis: 2, workers: 2 })
  live = await liveStream(d.url, 'contract')
})
beforeEach(({ onTestFailed }) => {
  // What the processes logged explains a 500 (e.g. a CROSSSLOT from a script across slots).
  onTestFailed(() => console.log(d.errors().slice(-20).join('\n')))
})
afterAll(async () => {
  await d?.stop()
})

const upstreams = () => new Set(d.apis.map((a) => `127.0.0.1:${a.port}`))

describe('on a Redis Cluster behind nginx', () => {
  test('the HTTP contract: accounts, jobs, streams, pin, apply, stats; both API processes serve', async () => {
    const anon = client(d.url)
    const seen = new Set<string>()
    for (let i = 0; i < 6; i++) {
      const health = await anon.get('/api/health')
      expect(health.status).toBe(200)
      expect(health.body).toMatchObject({ ok: true, redis: 'up' })
      seen.add(health.upstream!)
    }
    expect(seen).toEqual(upstreams())

    const detail = expectStatus('stream detail', await anon.get(`/api/streams/${live.streamId}`), 200)
    expect(detail.stream.status).toBe('live')
    expect(detail.jobs.map((j: { id: string }) => j.id)).toEqual(live.jobIds)
    const listed = expectStatus('live list', await anon.get('/api/streams?status=live'), 200)
    expect(listed.items.map((s: { id: string }) => s.id)).toContain(live.streamId)

    // Job edits and stream edits are guarded writes (WATCH/MULTI on the record's primary).
    const edited = expectStatus('edit job', await live.owner.patch(`/api/jobs/${live.jobIds[1]}`, { headcount: 50 }), 200)
    expect(edited.job.headcount).toBe(50)
    expect(expectStatus('job', await anon.get(`/api/jobs/${live.jobIds[1]}`), 200).job.headcount).toBe(50)
    expectStatus('edit stream', await live.owner.patch(`/api/streams/${live.streamId}`, { title: '集群直播：车间实景' }), 200)
    expect(expectStatus('stream', await anon.get(`/api/streams/${live.streamId}`), 200).stream.title).toBe('集群直播：车间实景')

    const pin = expectStatus('pin', await live.owner.post(`/api/streams/${live.streamId}/pin`, { jobId: live.jobIds[0] }), 200)
    expect(pin.live.pinned.jobId).toBe(live.jobIds[0])

    const applied = expectStatus('apply', await anon.post(`/api/streams/${live.streamId}/applications`, applicant(live.jobIds[0]!, 1), { 'idempotency-key': 'contract-0001' }), 201)
    const again = expectStatus('replay', await anon.post(`/api/streams/${live.streamId}/applications`, applicant(live.jobIds[0]!, 1), { 'idempotency-key': 'contract-0001' }), 200)
    expect(again.application.id).toBe(applied.application.id)
    const dup = await anon.post(`/api/streams/${live.streamId}/applications`, applicant(live.jobIds[0]!, 1))
    expect(dup.status).toBe(409)
    expect(dup.body.error.code).toBe('ALREADY_APPLIED')

    const list = expectStatus('applications', await live.owner.get(`/api/streams/${live.streamId}/applications`), 200)
    expect(list.items.map((a: { id: string }) => a.id)).toEqual([applied.application.id])
    expect(expectStatus('status', await live.owner.patch(`/api/applications/${applied.application.id}`, { status: 'contacted' }), 200).application.status).toBe('contacted')

    const stats = expectStatus('stats', await live.owner.get(`/api/streams/${live.streamId}/stats`), 200)
    expect(stats.applications).toBe(1)
    expect(stats.jobs.find((j: { jobId: string }) => j.jobId === live.jobIds[0]).applications).toBe(1)
    expectStatus('overview', await live.organizer.get('/api/stats/overview'), 200)
  })

  test('exact counting: 12 000 beacons spread over both API processes count exactly once', async () => {
    const s = await liveStream(d.url, 'counting', 1)
    const { events, expected } = audience(s.streamId, s.jobIds[0]!, 2000, 'cl')
    // Every batch is sent twice (a phone re-sending after a lost answer): duplicates count once.
    const batches = chunk(events, 100)
    const sender = client(d.url)
    const served = new Map<string, number>()
    let next = 0
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < batches.length * 2) {
          const batch = batches[next++ % batches.length]!
          const a = await sender.post('/api/events', { events: batch })
          expectStatus('beacons', a, 202)
          served.set(a.upstream!, (served.get(a.upstream!) ?? 0) + 1)
        }
      }),
    )
    expect(new Set(served.keys())).toEqual(upstreams())
    const counted = await until(
      `counters equal to ${JSON.stringify(expected)}`,
      async () => {
        const st = expectStatus('stats', await s.owner.get(`/api/streams/${s.streamId}/stats`), 200)
        const got = { entries: st.entries, uniqueViewers: st.uniqueViewers, views: st.views, watchSeconds: st.watchSeconds, impressions: st.impressions, clicks: st.clicks, concurrent: st.concurrent }
        return JSON.stringify(got) === JSON.stringify(expected) ? got : false
      },
      60_000,
      250,
    )
    expect(counted).toEqual(expected)
  })

  test('a pin reaches SSE viewers connected to both API processes', async () => {
    const viewers: Viewer[] = []
    try {
      // Round robin spreads them; open until each process holds at least two.
      while (![...upstreams()].every((u) => viewers.filter((v) => v.upstream === u).length >= 2)) {
        viewers.push(await openViewer(d.url, live.streamId))
        if (viewers.length > 20) throw new Error(`nginx did not spread SSE over both processes: ${viewers.map((v) => v.upstream)}`)
      }
      await until('every viewer has its first state', () => viewers.every((v) => v.last() !== null))
      for (const jobId of [live.jobIds[1]!, live.jobIds[0]!]) {
        const pinned = expectStatus('pin', await live.owner.post(`/api/streams/${live.streamId}/pin`, { jobId }), 200)
        const version = pinned.live.version
        await until(`pin of ${jobId} (version ${version}) on every viewer`, () => viewers.every((v) => v.last()?.pinned?.jobId === jobId && v.last().version >= version), 15_000, 50)
      }
      // An application on either process moves every viewer's count.
      const before = viewers[0]!.last().jobs.find((j: { jobId: string }) => j.jobId === live.jobIds[0]).applications
      expectStatus('apply', await client(d.url).post(`/api/streams/${live.streamId}/applications`, applicant(live.jobIds[0]!, 777)), 201)
      await until('the new count on every viewer', () => viewers.every((v) => v.last().jobs.find((j: { jobId: string }) => j.jobId === live.jobIds[0]).applications === before + 1), 15_000, 50)
    } finally {
      for (const v of viewers) v.close()
    }
  })

  test('applications: 300 at once through both processes, each stored and counted once', async () => {
    const s = await liveStream(d.url, 'apply', 2)
    const anon = client(d.url)
    const ids = new Set<string>()
    const served = new Set<string>()
    await Promise.all(
      Array.from({ length: 300 }, async (_, i) => {
        const a = await anon.post(`/api/streams/${s.streamId}/applications`, applicant(s.jobIds[i % 2]!, 10_000 + i), { 'idempotency-key': `bulk-${String(i).padStart(6, '0')}` })
        ids.add(expectStatus(`apply ${i}`, a, 201).application.id)
        served.add(a.upstream!)
      }),
    )
    expect(ids.size).toBe(300)
    expect(served).toEqual(upstreams())
    const listed: string[] = []
    let cursor: string | null = null
    do {
      const page: any = expectStatus('list', await s.owner.get(`/api/streams/${s.streamId}/applications?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`), 200)
      listed.push(...page.items.map((a: { id: string }) => a.id))
      cursor = page.next
    } while (cursor)
    expect(listed.length).toBe(300)
    expect(new Set(listed)).toEqual(ids)
    const st = expectStatus('stats', await s.owner.get(`/api/streams/${s.streamId}/stats`), 200)
    expect(st.applications).toBe(300)
    expect(st.jobs.map((j: { applications: number }) => j.applications)).toEqual([150, 150])
  })
})
