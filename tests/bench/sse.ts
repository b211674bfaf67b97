// Bench section: 10 000 SSE viewers on one Node server process. Pin, then time until every
// viewer has the new state, and memory per connection; the platform's hub (raw writes to the
// Node response) against a straightforward Hono streamSSE server in the same run.
// Each server runs in its own child (tests/bench/sse/server.ts) so its memory is its own; the
// viewers are raw sockets in client children (tests/bench/sse/clients.ts).
// Floor (issue 3 item 8): p99 ≤ 0.5 s and ≤ 15 KB per connection, the latter checked on server
// RSS (heap is printed too); the section sets a failing exit code when the floor is not met.
// Knobs: SSE_VIEWERS (10 000), SSE_ROUNDS (2), SSE_PINS per server per round (5), SSE_CLIENT_PROCS (1).
import { fileURLToPath } from 'node:url'
import { Redis } from 'ioredis'
import { keys } from '../../server/store/keys.ts'
import { createJob } from '../../server/store/jobs.ts'
import { setPinned } from '../../server/store/overlay.ts'
import { createStream, moveStream } from '../../server/store/streams.ts'
import type { ClientReply } from './sse/clients.ts'
import type { ServerMsg } from './sse/server.ts'
import { benchRig, forkChild, type Child } from './child.ts'

const VIEWERS = Number(process.env.SSE_VIEWERS ?? 10_000)
const ROUNDS = Number(process.env.SSE_ROUNDS ?? 2)
const PINS = Number(process.env.SSE_PINS ?? 5) // per server per round
const CLIENT_PROCS = Number(process.env.SSE_CLIENT_PROCS ?? 1)
const BATCH = 500 // connections opened at once (all processes together); the listen backlog is 511
const FLOOR_P99_MS = 500
const FLOOR_KB = 15

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))
const track = (all: Set<Child>, c: Child) => (all.add(c), c)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))


type Mem = Extract<ServerMsg, { type: 'mem' }>
type PinResult = { p50: number; p99: number; max: number; missing: number }
type ModeResult = { connectMs: number; open: number; perConnRss: number; perConnHeap: number; pins: PinResult[]; rssAt10k: number }

/** Median; the mean of the middle two for an even count. */
const mid = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const h = s.length >> 1
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2
}
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!

async function runMode(mode: 'hub' | 'streamSSE', redisUrl: string, redis: Redis, streamId: string, jobIds: string[], all: Set<Child>): Promise<ModeResult> {
  const server = track(all, forkChild(here('./sse/server.ts'), { SSE_MODE: mode, REDIS_URL: redisUrl }, ['--expose-gc']))
  const clients: Child[] = []
  try {
    const { port } = await server.waitFor<{ port: number }>((m) => m?.type === 'ready', 30_000)
    for (let i = 0; i < CLIENT_PROCS; i++) clients.push(track(all, forkChild(here('./sse/clients.ts'), {}, ['--expose-gc'])))
    const path = `/api/streams/${streamId}/live/events`
    const mem = () => server.call<Mem>({ type: 'mem' }, 10_000)
    const openAll = async (count: number) => {
      const share = (i: number) => Math.floor(count / clients.length) + (i < count % clients.length ? 1 : 0)
      const replies = await Promise.all(
        clients.map((c, i) => c.call<Extract<ClientReply, { type: 'opened' }>>({ type: 'open', port, path, count: share(i), batch: Math.ceil(BATCH / clients.length), batchTimeoutMs: 15_000 }, 150_000)),
      )
      const errors: Record<string, number> = {}
      for (const r of replies) for (const [k, n] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + n
      return { open: replies.reduce((s, r) => s + r.open, 0), ms: Math.max(...replies.map((r) => r.ms)), errors }
    }
    const alive = () => {
      if (server.exited()) throw new Error(`the ${mode} server process exited during the run`)
    }
    const pin = async (jobId: string): Promise<PinResult> => {
      alive()
      const target = Number((await redis.hget(keys.overlay(streamId), 'version')) ?? 0) + 1
      await Promise.all(clients.map((c) => c.call({ type: 'arm', target }, 5000)))
      const t0 = Number(process.hrtime.bigint())
      await setPinned(redis, streamId, jobId)
      const got = await Promise.all(clients.map((c) => c.call<Extract<ClientReply, { type: 'collected' }>>({ type: 'collect', timeoutMs: 5000 }, 10_000)))
      const ms = got.flatMap((g) => g.seenAt.map((t) => (t - t0) / 1e6)).sort((a, b) => a - b)
      const missing = got.reduce((s, g) => s + g.missing, 0)
      alive()
      if (ms.length === 0) return { p50: NaN, p99: NaN, max: NaN, missing }
      return { p50: quantile(ms, 0.5), p99: quantile(ms, 0.99), max: ms[ms.length - 1]!, missing }
    }

    // Warm up (JIT, first-request allocations), then back to zero connections.
    await openAll(50)
    await pin(jobIds[0]!)
    await Promise.all(clients.map((c) => c.call({ type: 'close' }, 10_000)))
    let m0 = await mem()
    for (let i = 0; i < 50 && m0.connections > 0; i++) {
      await sleep(100)
      m0 = await mem()
    }
    if (m0.connections > 0) console.log(`  ${mode}: ${m0.connections} warm-up connections still counted after close`)

    const opened = await openAll(VIEWERS)
    alive()
    if (opened.open < VIEWERS) console.log(`  ${mode}: only ${opened.open} of ${VIEWERS} viewers held; failures: ${JSON.stringify(opened.errors)}`)
    await sleep(500)
    const m1 = await mem()
    const n = opened.open
    const pins: PinResult[] = []
    for (let k = 0; k < PINS; k++) {
      pins.push(await pin(jobIds[(k + 1) % jobIds.length]!))
      await sleep(300)
    }
    return {
      connectMs: opened.ms,
      open: n,
      perConnRss: (m1.rss - m0.rss) / n,
      perConnHeap: (m1.heapUsed - m0.heapUsed) / n,
      rssAt10k: m1.rss,
      pins,
    }
  } finally {
    await server.stop() // the server closes first, so TIME_WAIT lands on its port, not on ephemeral ones
    await Promise.all(clients.map((c) => c.stop()))
  }
}

export async function benchSse() {
  const t0 = performance.now()
  const rig = await benchRig()
  const { redis, children: all } = rig
  try {
    const jobs = await Promise.all(
      ['缝纫工', '包装工', '质检员'].map((title, i) =>
        createJob(redis, 'C1', { title, pay: { min: 180 + i * 20, max: 240, unit: 'day' }, headcount: 30, location: { town: '商水县平店乡' }, tags: ['包吃住', '日结'] } as never),
      ),
    )
    const jobIds = jobs.map((j) => j.id)
    const stream = await createStream(redis, 'C1', { title: '探厂直播', scheduledAt: new Date().toISOString(), jobIds, fairId: null })
    await moveStream(redis, stream, 'live')

    console.log(
      `${VIEWERS} viewers on one Node server process (each server its own child), ${CLIENT_PROCS} client process${CLIENT_PROCS > 1 ? 'es' : ''} on raw sockets; ` +
        `${ROUNDS} rounds (hub/baseline order alternates) × ${PINS} pins; latency = medians over pins, memory = median over rounds`,
    )
    const runs: Record<'hub' | 'streamSSE', ModeResult[]> = { hub: [], streamSSE: [] }
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? (['hub', 'streamSSE'] as const) : (['streamSSE', 'hub'] as const)
      for (const mode of order) runs[mode].push(await runMode(mode, rig.redisUrl, redis, stream.id, jobIds, all))
    }

    type Summary = { open: number; connectMs: number; p50: number; p99: number; max: number; rss: number; heap: number; rssTotal: number; missing: number; pins: PinResult[]; rssRounds: number[] }
    const summarize = (rs: ModeResult[]): Summary => {
      const pins = rs.flatMap((r) => r.pins)
      return {
        open: Math.min(...rs.map((r) => r.open)),
        connectMs: mid(rs.map((r) => r.connectMs)),
        p50: mid(pins.map((x) => x.p50)),
        p99: mid(pins.map((x) => x.p99)),
        max: mid(pins.map((x) => x.max)),
        rss: mid(rs.map((r) => r.perConnRss)),
        heap: mid(rs.map((r) => r.perConnHeap)),
        rssTotal: mid(rs.map((r) => r.rssAt10k)),
        missing: pins.reduce((s, x) => s + x.missing, 0),
        pins,
        rssRounds: rs.map((r) => r.perConnRss),
      }
    }
    const hub = summarize(runs.hub)
    const base = summarize(runs.streamSSE)
    const ms = (x: number) => `${x.toFixed(0)} ms`.padStart(9)
    const kb = (x: number) => `${(x / 1024).toFixed(1)} KB`.padStart(10)
    const row = (name: string, s: Summary) =>
      console.log(
        `${name.padEnd(26)}${String(s.open).padStart(6)}${`${(s.connectMs / 1000).toFixed(1)} s`.padStart(9)}${ms(s.p50)}${ms(s.p99)}${ms(s.max)}${kb(s.rss)}${kb(s.heap)}${`${(s.rssTotal / 2 ** 20).toFixed(0)} MB`.padStart(9)}` +
          (s.missing ? `  (${s.missing} viewer-pins missed the 5 s window)` : ''),
      )
    const x = (b: number, h: number) => `${(b / h).toFixed(1)}×`
    console.log(`${''.padEnd(26)}${'held'.padStart(6)}${'connect'.padStart(9)}${'p50'.padStart(9)}${'p99'.padStart(9)}${'max'.padStart(9)}${'RSS/conn'.padStart(10)}${'heap/conn'.padStart(10)}${'RSS@10k'.padStart(9)}`)
    row('hub (raw Node writes)', hub)
    row('streamSSE + EventEmitter', base)
    console.log(`${'ratio baseline / hub'.padEnd(26)}${''.padStart(15)}${x(base.p50, hub.p50).padStart(9)}${x(base.p99, hub.p99).padStart(9)}${x(base.max, hub.max).padStart(9)}${x(base.rss, hub.rss).padStart(10)}${x(base.heap, hub.heap).padStart(10)}`)
    const perPin = (s: Summary) => s.pins.map((p) => `${p.p50.toFixed(0)}/${p.p99.toFixed(0)}/${p.max.toFixed(0)}`).join(' ')
    console.log(`per pin p50/p99/max ms  hub: ${perPin(hub)}`)
    console.log(`                   baseline: ${perPin(base)}`)
    console.log(`RSS/conn per round      hub: ${hub.rssRounds.map((r) => (r / 1024).toFixed(1)).join(' ')} KB   baseline: ${base.rssRounds.map((r) => (r / 1024).toFixed(1)).join(' ')} KB`)
    const held = hub.open >= VIEWERS
    const ok = held && hub.p99 <= FLOOR_P99_MS && hub.rss / 1024 <= FLOOR_KB
    console.log(
      `floor (hub): ${VIEWERS} held ${held ? 'yes' : `NO (${hub.open})`}; p99 ${hub.p99.toFixed(0)} ms ≤ ${FLOOR_P99_MS} ms ${hub.p99 <= FLOOR_P99_MS ? 'ok' : 'MISSED'}; ` +
        `RSS ${(hub.rss / 1024).toFixed(1)} KB/conn ≤ ${FLOOR_KB} KB ${hub.rss / 1024 <= FLOOR_KB ? 'ok' : 'MISSED'} (heap ${(hub.heap / 1024).toFixed(1)} KB) → ${ok ? 'met' : 'NOT MET'}`,
    )
    console.log(`section time ${((performance.now() - t0) / 1000).toFixed(0)} s`)
    if (!ok) process.exitCode = 1
  } finally {
    await rig.close()
  }
}
