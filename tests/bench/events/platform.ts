// Bench child: the Node API on a free port against the bench's Redis, in its own process so the
// load generator never shares its event loop, with the workers as a separate process (`npm run
// workers`), as docs/architecture.md deploys them. Run with `node --import tsx`; talks to the bench over IPC.
//   BENCH_SINK=batched  startPlatform() as `npm start` runs it, workers out of process
//                       (IN_PROCESS_WORKERS=0); micro-batching producer: ≤500 events or 50 ms per job.
//   BENCH_SINK=naive    the same app and the same workers process, but the straightforward
//                       producer: one BullMQ job per event (`queue.add` per event).
// 'cpu' answers the CPU both processes used since the previous 'cpu' call.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { createApp } from '../../../server/app.ts'
import { loadConfig } from '../../../server/env.ts'
import { startPlatform } from '../../../server/node.ts'
import { eventsQueue, type EventSink } from '../../../server/beacons/queue.ts'
import { ROW } from '../../../server/counting/rows.ts'
import { connectRedis, waitReady } from '../../../server/store/redis.ts'

export type PlatformMsg =
  | { type: 'ready'; port: number }
  | { type: 'cpu'; id: number; api: number; workers: number; rss: number }
  | { type: 'bye'; id: number }

const mode = process.env.BENCH_SINK
const redisUrl = process.env.REDIS_URL!
const HIGH = '1000000000' // every request comes from 127.0.0.1: the per-address limits must not bite
const config = loadConfig({
  PORT: '0',
  REDIS_URL: redisUrl,
  DEMO: '0',
  EVENTS_RATE_LIMIT_IP: HIGH,
  EVENTS_RATE_LIMIT_VIEWER: HIGH,
  AUDIENCE_NEW_SESSIONS_PER_IP: '0', // the load client is one address playing thousands of viewers
  APPLY_RATE_LIMIT_IP: HIGH,
  IN_PROCESS_WORKERS: '0',
})
// The bench owns us: if it goes away, so do we (and the workers process with us).
process.on('disconnect', () => process.exit(0))

/** `npm run workers`, with the bench's execArgv (e.g. --cpu-prof); ready once it says so. */
async function startWorkersProcess() {
  const proc = spawn(process.execPath, [...process.execArgv, fileURLToPath(new URL('../../../workers/main.ts', import.meta.url))], {
    env: { ...process.env, REDIS_URL: redisUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  process.on('exit', () => proc.kill('SIGKILL'))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('workers process not ready within 20 s')), 20_000)
    proc.stdout!.on('data', (b: Buffer) => {
      if (b.toString().includes('workers running')) (clearTimeout(timer), resolve())
    })
    proc.once('exit', (code) => reject(new Error(`workers process exited (${code})`)))
  })
  proc.stdout!.resume()
  return {
    /** User + system CPU in µs, from /proc (Linux). */
    cpu() {
      const f = readFileSync(`/proc/${proc.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
      return ((Number(f[11]) + Number(f[12])) / 100) * 1e6
    },
    async stop() {
      const gone = new Promise((r) => proc.once('exit', r))
      proc.kill('SIGTERM') // graceful: finishes the active batch
      await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))])
    },
  }
}

let stopApi: () => Promise<void>
let port: number
if (mode === 'batched') {
  const running = await startPlatform(config, () => {})
  port = Number(new URL(running.url).port)
  stopApi = running.stop
} else if (mode === 'naive') {
  const redis = connectRedis(redisUrl, 'api')
  await waitReady(redis)
  const queue = eventsQueue(redis) // same job options (attempts, backoff, removeOnComplete…)
  const naive: EventSink = async ({ t, streams }) => {
    const jobs = [...streams].flatMap(([id, rows]) =>
      Array.from({ length: rows.length / ROW }, (_, i) => queue.add('count', { streams: { [id]: { t, rows: JSON.stringify(rows.slice(i * ROW, (i + 1) * ROW)) } } })),
    )
    await Promise.all(jobs)
  }
  const app = new Hono()
  app.route('/', createApp({ redis, config, beaconSink: naive }))
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((r) => server.once('listening', r))
  port = (server.address() as { port: number }).port
  stopApi = async () => {
    await new Promise<void>((r) => server.close(() => r()))
    await queue.close()
    redis.disconnect()
  }
} else throw new Error(`BENCH_SINK must be batched or naive, not ${mode}`)
const workers = await startWorkersProcess()

process.send!({ type: 'ready', port } satisfies PlatformMsg)

let apiBase = process.cpuUsage()
let workersBase = workers.cpu()
process.on('message', async (m: { type: string; id: number }) => {
  if (m.type === 'cpu') {
    const d = process.cpuUsage(apiBase)
    apiBase = process.cpuUsage()
    const w = workers.cpu()
    process.send!({ type: 'cpu', id: m.id, api: d.user + d.system, workers: w - workersBase, rss: process.memoryUsage().rss } satisfies PlatformMsg)
    workersBase = w
  } else if (m.type === 'exit') {
    const force = setTimeout(() => process.exit(0), 8000)
    try {
      await stopApi()
      await workers.stop()
    } finally {
      clearTimeout(force)
      process.exit(0)
    }
  }
})
