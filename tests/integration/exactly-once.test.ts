import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { Redis } from 'ioredis'
import { startRedis, type TestRedis } from '../helpers/redis.ts'
import { audience, chunk } from '../helpers/events.ts'
import { eventsQueue } from '../../server/beacons/queue.ts'
import { acceptedOf, batchOf } from '../../server/counting/rows.ts'
import { keys } from '../../server/store/keys.ts'
import type { Stream } from '../../server/store/types.ts'

// Workers as their own processes (`npm run workers`), killed with SIGKILL part-way through.
let server: TestRedis
let redis: Redis
beforeAll(async () => {
  server = await startRedis()
  redis = new Redis(server.url, { disableClientInfo: true })
})
afterAll(async () => {
  redis.disconnect()
  await server.stop()
})

function workerProcess(): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], { env: { ...process.env, REDIS_URL: server.url }, stdio: 'ignore' })
}

describe('exactly once across a worker crash', () => {
  it('SIGKILL mid-run, another worker takes over: every counter equals what was sent', { timeout: 60_000 }, async () => {
    // 20 streams, 100 viewers each; each job mixes events of every stream, so a kill lands
    // between one stream's fold and the next inside a job.
    const streams = Array.from({ length: 20 }, (_, i) => `S${String(i).padStart(3, '0')}`)
    for (const id of streams) {
      const s: Stream = { id, companyId: 'C', title: 't', status: 'live', scheduledAt: new Date().toISOString(), jobIds: ['J'], fairId: null, createdAt: '', updatedAt: '', startedAt: null, endedAt: null }
      await redis.set(keys.stream(id), JSON.stringify(s))
    }
    const perStream = streams.map((id) => audience(id, 'J', 100, id))
    const all = perStream.flatMap((p) => p.events)
    const interleaved = [...all].sort((a, b) => (a.id.split('-ev-')[1]! + a.streamId).localeCompare(b.id.split('-ev-')[1]! + b.streamId))
    const queue = eventsQueue(redis)
    const t = Date.now()
    for (const part of chunk(interleaved, 200)) await queue.add('count', batchOf(acceptedOf(part.map((e) => ({ ...e, t })))))
    // and a quarter of them again, as re-sent beacons
    for (const part of chunk(interleaved.filter((_, i) => i % 4 === 0), 200)) await queue.add('count', batchOf(acceptedOf(part.map((e) => ({ ...e, t })))))
    const jobs = Math.ceil(interleaved.length / 200) + Math.ceil(interleaved.length / 4 / 200)

    const first = workerProcess()
    // kill it once some, but not all, jobs are done
    for (let i = 0; i < 400; i++) {
      const done = await queue.getCompletedCount()
      if (done >= 3) break
      await new Promise((r) => setTimeout(r, 10))
    }
    first.kill('SIGKILL')
    await new Promise((r) => first.once('exit', r))
    const doneAtKill = await queue.getCompletedCount()
    expect(doneAtKill).toBeLessThan(jobs)

    const second = workerProcess()
    try {
      for (let i = 0; i < 500 && (await queue.getCompletedCount()) < jobs; i++) await new Promise((r) => setTimeout(r, 100))
      expect(await queue.getCompletedCount()).toBe(jobs)
      for (let s = 0; s < streams.length; s++) {
        const c = await redis.hgetall(keys.streamCounters(streams[s]!))
        const e = perStream[s]!.expected
        expect({ entries: +c.entries!, uniqueViewers: +c.uniqueViewers!, views: +c.views!, watchSeconds: +c.watchMs! / 1000, impressions: +c.impressions!, clicks: +c.clicks! }, streams[s]).toEqual({
          entries: e.entries, uniqueViewers: e.uniqueViewers, views: e.views, watchSeconds: e.watchSeconds, impressions: e.impressions, clicks: e.clicks,
        })
      }
    } finally {
      second.kill('SIGTERM')
      await new Promise((r) => second.once('exit', r))
      await queue.close()
    }
  })
})
