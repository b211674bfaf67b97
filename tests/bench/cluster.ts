// Bench section: the platform scaled out. Events per second end to end (POST /api/events through
// nginx → BullMQ → 2 worker processes → counters exact, read back by GET /stats) and apply
// latency (p50/p99, each acknowledged only once a replica holds it on the cluster), with 1 and
// 2 API processes, on a 3+3 Redis Cluster and on one Redis, in the same run; then SSE fan-out:
// viewers split over 2 API processes through nginx, time from a pin to each viewer seeing it.
// Everything runs on this machine (2 shared cores): the figures compare set-ups, they are not
// what a province's hardware does. Knobs: CLUSTER_EVENTS, CLUSTER_APPLIES, CLUSTER_SSE_VIEWERS.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { audience, chunk } from '../helpers/events.ts'
import { startRedis } from '../helpers/redis.ts'
import { until } from '../helpers/until.ts'
import { startDeployment, type Deployment } from '../cluster/deployment.ts'
import { applicant, liveStream } from '../cluster/flow.ts'
import { expectStatus } from '../cluster/http.ts'
import { startRedisCluster } from '../cluster/redis-cluster.ts'
import { client as rawClient } from './events/http.ts'
import { forkChild } from './child.ts'
import type { ClientReply } from './sse/clients.ts'

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const EVENTS = env('CLUSTER_EVENTS', 60_000)
const APPLIES = env('CLUSTER_APPLIES', 1500)
const APPLY_CONCURRENCY = 50
const SSE_VIEWERS = env('CLUSTER_SSE_VIEWERS', 4000)
const STREAMS = 4 // spread over slots (and so over the cluster's primaries)

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')

type Row = { setup: string; eventsPerSecond: number; applyP50: number; applyP99: number; appliesPerSecond: number }

/** Events/s: from the first POST until GET /stats of every stream shows exactly what was sent. */
async function eventsRun(d: Deployment, tag: string) {
  const streams = await Promise.all(Array.from({ length: STREAMS }, (_, i) => liveStream(d.url, `${tag}-ev${i}`, 1)))
  const perStream = Math.ceil(EVENTS / STREAMS / 5.8) // audience() makes ~5.8 events per viewer
  const audiences = streams.map((s, i) => ({ s, ...audience(s.streamId, s.jobIds[0]!, perStream, `${tag}${i}`) }))
  // Interleaved: requests for all rooms arrive at once, as in a fair with several rooms live.
  const perRoom = audiences.map((a) => chunk(a.events, 100))
  const bodies = perRoom[0]!.flatMap((_, i) => perRoom.map((b) => b[i]).filter((b) => b !== undefined)).map((events) => JSON.stringify({ events }))
  const total = audiences.reduce((n, a) => n + a.events.length, 0)
  const http = rawClient(Number(new URL(d.url).port), 32)
  const t0 = performance.now()
  let next = 0
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!
        for (;;) {
          const r = await http.post('/api/events', body)
          if (r.status === 202) break
          if (r.status !== 503) throw new Error(`events: ${r.status} ${r.body.slice(0, 200)}`)
        }
      }
    }),
  )
  const sentMs = performance.now() - t0
  for (const a of audiences) {
    await until(`${tag}: counters of ${a.s.streamId}`, async () => {
      const st = expectStatus('stats', await a.s.owner.get(`/api/streams/${a.s.streamId}/stats`), 200)
      return st.entries === a.expected.entries && st.impressions === a.expected.impressions && st.watchSeconds === a.expected.watchSeconds && st.clicks === a.expected.clicks
    }, 120_000, 50)
  }
  const ms = performance.now() - t0
  http.close()
  return { total, eventsPerSecond: (total / ms) * 1000, sentMs, ms }
}

/** Apply latency: APPLIES applications, APPLY_CONCURRENCY at a time, each timed. */
async function applyRun(d: Deployment, tag: string) {
  const s = await liveStream(d.url, `${tag}-ap`, 2)
  const http = rawClient(Number(new URL(d.url).port), APPLY_CONCURRENCY)
  const times: number[] = []
  let next = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: APPLY_CONCURRENCY }, async () => {
      while (next < APPLIES) {
        const n = next++
        const r = await http.post(`/api/streams/${s.streamId}/applications`, JSON.stringify(applicant(s.jobIds[n % 2]!, 30_000 + n)))
        if (r.status !== 201) throw new Error(`apply: ${r.status} ${r.body.slice(0, 200)}`)
        times.push(r.ms)
      }
    }),
  )
  const ms = performance.now() - t0
  http.close()
  times.sort((a, b) => a - b)
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99), perSecond: (APPLIES / ms) * 1000 }
}

async function measure(setup: string, d: Deployment, tag: string): Promise<Row> {
  const ev = await eventsRun(d, tag)
  const ap = await applyRun(d, tag)
  console.log(`  ${setup.padEnd(26)} ${fmt(ev.eventsPerSecond).padStart(7)} events/s (${fmt(ev.total)} events, counted in ${fmt(ev.ms)} ms)   apply p50 ${ap.p50.toFixed(1)} ms p99 ${ap.p99.toFixed(1)} ms, ${fmt(ap.perSecond)}/s`)
  return { setup, eventsPerSecond: ev.eventsPerSecond, applyP50: ap.p50, applyP99: ap.p99, appliesPerSecond: ap.perSecond }
}

/** SSE: viewers over 2 API processes (nginx round robin), a pin, each viewer's delay until it sees it. */
async function sseFanOut(d: Deployment, where: string) {
  const s = await liveStream(d.url, `sse-${where.length}`, 2)
  const clients = [forkChild(here('./sse/clients.ts'), {}), forkChild(here('./sse/clients.ts'), {})]
  try {
    const path = `/api/streams/${s.streamId}/live/events`
    const port = Number(new URL(d.url).port)
    const opened = await Promise.all(clients.map((c) => c.call<Extract<ClientReply, { type: 'opened' }>>({ type: 'open', port, path, count: SSE_VIEWERS / 2, batch: 250, batchTimeoutMs: 15_000 }, 150_000)))
    const open = opened.reduce((n, o) => n + o.open, 0)
    const rss = d.apis.map((a) => Number(/VmRSS:\s+(\d+)/.exec(readStatus(a.proc.pid!))?.[1] ?? 0) / 1024)
    const latencies: number[] = []
    for (let round = 0; round < 3; round++) {
      const live = expectStatus('live', await s.owner.get(`/api/streams/${s.streamId}/live`), 200)
      await Promise.all(clients.map((c) => c.call({ type: 'arm', target: live.version + 1 }, 5000)))
      const t0 = Number(process.hrtime.bigint())
      expectStatus('pin', await s.owner.post(`/api/streams/${s.streamId}/pin`, { jobId: s.jobIds[round % 2] }), 200)
      const got = await Promise.all(clients.map((c) => c.call<Extract<ClientReply, { type: 'collected' }>>({ type: 'collect', timeoutMs: 10_000 }, 15_000)))
      for (const g of got) for (const at of g.seenAt) latencies.push((at - t0) / 1e6)
      const missing = got.reduce((n, g) => n + g.missing, 0)
      if (missing) console.log(`  round ${round}: ${missing} viewers missed the pin`)
    }
    latencies.sort((a, b) => a - b)
    console.log(`  SSE on ${where}, 2 API processes: ${fmt(open)} viewers open (API RSS ${rss.map((r) => `${fmt(r)} MB`).join(' + ')}); pin → viewer p50 ${quantile(latencies, 0.5).toFixed(0)} ms, p99 ${quantile(latencies, 0.99).toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms`)
  } finally {
    await Promise.all(clients.map((c) => c.stop()))
  }
}

const readStatus = (pid: number) => readFileSync(`/proc/${pid}/status`, 'utf8')

export async function benchCluster() {
  const cluster = await startRedisCluster()
  const single = await startRedis()
  const rows: Row[] = []
  try {
    console.log(`  ${EVENTS} events over ${STREAMS} live streams, ${APPLIES} applications ${APPLY_CONCURRENCY} at a time; 2 worker processes; nginx in front`)
    for (const apis of [1, 2]) {
      for (const where of ['one Redis', 'Redis Cluster 3+3'] as const) {
        const d = await startDeployment(where === 'one Redis' ? { apis, workers: 2, redisUrl: single.url } : { apis, workers: 2, cluster })
        try {
          rows.push(await measure(`${where}, ${apis} API`, d, `${where === 'one Redis' ? 'r' : 'c'}${apis}`))
          if (apis === 2) await sseFanOut(d, where).catch((err: Error) => console.log(`  SSE on ${where}: failed: ${err.message}`))
        } finally {
          await d.stop()
        }
      }
    }
  } finally {
    await single.stop()
    await cluster.stop()
  }
  const by = (s: string) => rows.find((r) => r.setup === s)!
  const ratio = (a: number, b: number) => (a / b).toFixed(2)
  console.log(`  2 API / 1 API events/s: cluster ×${ratio(by('Redis Cluster 3+3, 2 API').eventsPerSecond, by('Redis Cluster 3+3, 1 API').eventsPerSecond)}, one Redis ×${ratio(by('one Redis, 2 API').eventsPerSecond, by('one Redis, 1 API').eventsPerSecond)}`)
  console.log(`  cluster / one Redis (2 API): events/s ×${ratio(by('Redis Cluster 3+3, 2 API').eventsPerSecond, by('one Redis, 2 API').eventsPerSecond)}, apply p99 ×${ratio(by('Redis Cluster 3+3, 2 API').applyP99, by('one Redis, 2 API').applyP99)}`)
}
