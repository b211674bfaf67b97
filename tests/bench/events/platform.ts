// Bench child: the Node platform on a free port against the bench's Redis, in its own process
// so the load generator never shares its event loop. Run with `node --import tsx`; talks to
// the bench over IPC.
//   BENCH_SINK=batched  startPlatform() exactly as `npm start` runs it (API + in-process workers,
//                       micro-batching producer: ≤500 events or 50 ms per job).
//   BENCH_SINK=naive    the same app and the same workers, but the straightforward producer:
//                       one BullMQ job per event (`queue.add` per event).
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { createApp } from '../../../server/app.ts'
import { loadConfig } from '../../../server/env.ts'
import { startPlatform } from '../../../server/node.ts'
import { eventsQueue, type EventSink } from '../../../server/events/queue.ts'
import { connectRedis, waitReady } from '../../../server/store/redis.ts'
import { startWorkers } from '../../../workers/main.ts'

export type PlatformMsg =
  | { type: 'ready'; port: number }
  | { type: 'cpu'; id: number; user: number; system: number; rss: number }
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
  APPLY_RATE_LIMIT_IP: HIGH,
  IN_PROCESS_WORKERS: process.env.IN_PROCESS_WORKERS ?? '1',
})
const log = (msg: string) => {
  if (msg.startsWith('[workers]')) console.error(`  [${mode} child] ${msg}`)
}
// The bench owns us: if it goes away, so do we.
process.on('disconnect', () => process.exit(0))

let stop: () => Promise<void>
let port: number

import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
let wk: ReturnType<typeof spawn> | null = null
const wkCpu = () => {
  if (!wk?.pid) return 0
  const f = readFileSync(`/proc/${wk.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return ((Number(f[11]) + Number(f[12])) / 100) * 1e6
}
if (mode === 'batched') {
  const running = await startPlatform(config, log)
  if (!config.IN_PROCESS_WORKERS) {
    wk = spawn(process.execPath, ['--import', 'tsx', new URL('../../../workers/main.ts', import.meta.url).pathname], { env: { ...process.env, REDIS_URL: redisUrl }, stdio: ['ignore', 'ignore', 'inherit'] })
    await new Promise((r) => setTimeout(r, 2500))
  }
  port = Number(new URL(running.url).port)
  stop = async () => {
    wk?.kill('SIGTERM')
    await running.stop()
  }
} else if (mode === 'naive') {
  const redis = connectRedis(redisUrl, 'api')
  await waitReady(redis)
  const workers = await startWorkers(redisUrl, log) // same workers, same default concurrency
  const queue = eventsQueue(redis) // same job options (attempts, backoff, removeOnComplete…)
  const naive: EventSink = async (events) => {
    await Promise.all(events.map((e) => queue.add('count', { events: [e] })))
  }
  const app = new Hono()
  app.route('/', createApp({ redis, config, events: naive }))
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((r) => server.once('listening', r))
  port = (server.address() as { port: number }).port
  stop = async () => {
    await new Promise<void>((r) => server.close(() => r()))
    await queue.close()
    await workers.close()
    redis.disconnect()
  }
} else throw new Error(`BENCH_SINK must be batched or naive, not ${mode}`)

process.send!({ type: 'ready', port } satisfies PlatformMsg)

let base = process.cpuUsage()
let wbase = wkCpu()
process.on('message', async (m: { type: string; id: number }) => {
  if (m.type === 'cpu') {
    // CPU since the previous 'cpu' call (µs): API + in-process workers.
    const d = process.cpuUsage(base)
    base = process.cpuUsage()
    const w = wkCpu()
    d.user += w - wbase // the workers process, when it is separate
    wbase = w
    process.send!({ type: 'cpu', id: m.id, user: d.user, system: d.system, rss: process.memoryUsage().rss } satisfies PlatformMsg)
  } else if (m.type === 'exit') {
    const force = setTimeout(() => process.exit(0), 5000)
    try {
      await stop()
    } finally {
      clearTimeout(force)
      process.exit(0)
    }
  }
})
