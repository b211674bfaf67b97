// kill -9 the Redis primary that holds a live stream while applications and beacons flow
// through nginx to two API processes: its replica takes over; requests meanwhile answer 503
// (never 500) and clients retry as the real ones do (applications with their Idempotency-Key,
// beacons with the same event ids); afterwards every acknowledged application is listed and
// the counters are exact. The 503 window is printed (a measurement, not an assertion).
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest'
import { audience, chunk } from '../helpers/events.ts'
import { until } from '../helpers/until.ts'
import { keys } from '../../server/store/keys.ts'
import { connectRedis, connectionFor, waitReady } from '../../server/store/redis.ts'
import { startDeployment, type Deployment } from './deployment.ts'
import { applicant, liveStream } from './flow.ts'
import { client, expectStatus } from './http.ts'

let d: Deployment

beforeAll(async () => {
  d = await startDeployment({ apis: 2, workers: 2 })
})
afterAll(async () => {
  await d?.stop()
})
beforeEach(({ onTestFailed }) => {
  onTestFailed(() => console.log(d.errors().slice(-30).join('\n')))
})

/** The port of the primary that owns `key`'s slot, as a cluster client sees it now. */
async function primaryOf(key: string): Promise<number> {
  const redis = connectRedis({ clusterNodes: d.cluster!.nodes.map((n) => ({ host: '127.0.0.1', port: n.port })) }, 'api')
  try {
    await waitReady(redis)
    return Number(connectionFor(redis, key)!.options.port)
  } finally {
    redis.disconnect()
  }
}

test('kill -9 the stream\'s primary mid-traffic: replica promoted, acknowledged applications kept, counters exact', async () => {
  const s = await liveStream(d.url, 'failover', 2)
  const victim = await primaryOf(keys.stream(s.streamId))
  const { events, expected } = audience(s.streamId, s.jobIds[0]!, 1500, 'fo')
  const batches = chunk(events, 50)

  const unavailable: number[] = [] // when a 503 came back
  const why = new Map<string, number>()
  const unexpected: string[] = []
  const acknowledged = new Map<string, string>() // idempotency key -> application id
  let killedAt = 0
  let stop = false

  // Applications: each retried with its key until acknowledged, as the viewer page does.
  let nextApplicant = 0
  const appliers = Array.from({ length: 6 }, async () => {
    const http = client(d.url)
    while (!stop) {
      const n = nextApplicant++
      const key = `fo-${String(n).padStart(6, '0')}`
      for (;;) {
        const a = await http.post(`/api/streams/${s.streamId}/applications`, applicant(s.jobIds[n % 2]!, 20_000 + n), { 'idempotency-key': key }).catch((e: Error) => ({ status: 0, body: e.message, upstream: null }))
        if (a.status === 201 || a.status === 200) {
          acknowledged.set(key, a.body.application.id)
          break
        }
        if (a.status === 503) unavailable.push(Date.now()), why.set(`apply ${Math.round((Date.now() - killedAt) / 1000)}s ${a.body?.error?.message}`, (why.get(`apply ${Math.round((Date.now() - killedAt) / 1000)}s ${a.body?.error?.message}`) ?? 0) + 1)
        else unexpected.push(`apply ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`)
        await new Promise((r) => setTimeout(r, 100)) // Retry-After, shortened
      }
    }
  })
  // Beacons: every batch until 202, re-sent whole (same ids) after a failure.
  let nextBatch = 0
  const beacons = Array.from({ length: 4 }, async () => {
    const http = client(d.url)
    while (nextBatch < batches.length) {
      const batch = batches[nextBatch++]!
      for (;;) {
        const a = await http.post('/api/events', { events: batch }).catch((e: Error) => ({ status: 0, body: e.message, upstream: null }))
        if (a.status === 202) break
        if (a.status === 503) unavailable.push(Date.now()), why.set(`beacons ${Math.round((Date.now() - killedAt) / 1000)}s ${a.body?.error?.message}`, (why.get(`beacons ${Math.round((Date.now() - killedAt) / 1000)}s ${a.body?.error?.message}`) ?? 0) + 1)
        else unexpected.push(`beacons ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`)
        await new Promise((r) => setTimeout(r, 100))
      }
      // Spread the audience over the whole run, before and after the kill.
      await new Promise((r) => setTimeout(r, 20))
    }
  })

  await until('some applications before the kill', () => acknowledged.size >= 50, 30_000)
  killedAt = Date.now()
  d.cluster!.kill(victim)
  await until('the replica promoted', async () => !(await d.cluster!.primaries()).includes(victim) && (await d.cluster!.primaries()).length === 3, 30_000, 100)
  const promotedAt = Date.now()
  // Until a replica is back, the promoted primary cannot confirm writes: applications to its
  // slots answer 503 (WAIT). The operator's supervisor restarts the lost node; it rejoins as a replica.
  d.cluster!.restart(victim)
  await d.cluster!.healthy(60_000)
  const healedAt = Date.now()
  const before = acknowledged.size
  await until('applications acknowledged after the failover', () => acknowledged.size >= before + 50, 30_000)
  stop = true
  await Promise.all([...appliers, ...beacons])

  const span = (xs: number[]) => (xs.length ? `${xs.at(-1)! - xs[0]!} ms (${xs[0]! - killedAt}–${xs.at(-1)! - killedAt} ms after the kill, ${xs.length} answers)` : 'none')
  console.log(
    `failover: primary :${victim} killed; replica promoted after ${promotedAt - killedAt} ms; lost node back as a replica after ${healedAt - killedAt} ms; ` +
      `503 while the slot had no primary: ${span(unavailable.filter((t) => t <= promotedAt + 2000))}; 503 overall: ${span(unavailable)}; ${acknowledged.size} applications acknowledged`,
  )
  console.log([...why].map(([k, v]) => `  ${k}: ${v}`).join('\n'))

  expect(unexpected).toEqual([]) // only 503s while the slot had no primary: never a 500 or a lost answer
  // Every acknowledged application is there, once, as the owner lists them.
  const listed: string[] = []
  let cursor: string | null = null
  do {
    const page: any = expectStatus('list', await s.owner.get(`/api/streams/${s.streamId}/applications?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`), 200)
    listed.push(...page.items.map((a: { id: string }) => a.id))
    cursor = page.next
  } while (cursor)
  expect(new Set(listed)).toEqual(new Set(acknowledged.values()))
  expect(listed.length).toBe(acknowledged.size)
  const st = expectStatus('stats', await s.owner.get(`/api/streams/${s.streamId}/stats`), 200)
  expect(st.applications).toBe(acknowledged.size)

  // Counters exact once the retried batches have landed.
  const counted = await until(
    `counters equal to ${JSON.stringify(expected)}`,
    async () => {
      const x = expectStatus('stats', await s.owner.get(`/api/streams/${s.streamId}/stats`), 200)
      const got = { entries: x.entries, uniqueViewers: x.uniqueViewers, views: x.views, watchSeconds: x.watchSeconds, impressions: x.impressions, clicks: x.clicks, concurrent: x.concurrent }
      return JSON.stringify(got) === JSON.stringify(expected) ? got : false
    },
    90_000,
    500,
  )
  expect(counted).toEqual(expected)
})
