// Bench child: one Node server process serving GET /api/streams/:id/live/events, either with the
// platform's hub (SSE_MODE=hub, wired exactly as server/node.ts wires it) or with a
// straightforward Hono streamSSE implementation (SSE_MODE=streamSSE) fed by the same single
// Redis subscription. Run with `node --import tsx --expose-gc`; talks to the bench over IPC.
import { EventEmitter } from 'node:events'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { requestId } from 'hono/request-id'
import { streamSSE } from 'hono/streaming'
import { createApp } from '../../../server/app.ts'
import type { AppEnv, Deps } from '../../../server/context.ts'
import { loadConfig } from '../../../server/env.ts'
import { notFound } from '../../../server/errors.ts'
import { createSseHub } from '../../../server/overlay/sse-hub.ts'
import { session } from '../../../server/middleware/session.ts'
import { keys } from '../../../server/store/keys.ts'
import { readOverlay } from '../../../server/store/overlay.ts'
import { connectRedis, waitReady } from '../../../server/store/redis.ts'

export type ServerMsg =
  | { type: 'ready'; port: number }
  | { type: 'mem'; id: number; rss: number; heapUsed: number; external: number; connections: number; cpuUs: number }

const mode = process.env.SSE_MODE
const redisUrl = process.env.REDIS_URL!
const HEARTBEAT_MS = 20_000 // the hub's default, used for both
const send = (m: ServerMsg) => process.send!(m)
// The bench owns us: if it goes away, so do we.
process.on('disconnect', () => process.exit(0))

// BENCH_CONFIG: more settings as JSON (bench chat lifts the per-address limits: all its traffic is from 127.0.0.1)
const config = loadConfig({ PORT: '0', REDIS_URL: redisUrl, DEMO: '0', ...JSON.parse(process.env.BENCH_CONFIG ?? '{}') })
const redis = connectRedis(redisUrl, 'api')
await waitReady(redis)

const app = new Hono()
let connections: () => number

if (mode === 'hub') {
  const sseHub = createSseHub({ redisTarget: redisUrl, redis, heartbeatMs: HEARTBEAT_MS })
  connections = () => sseHub.connections()
  app.route('/', createApp({ redis, config, sseHub }))
} else if (mode === 'streamSSE') {
  // The baseline: one Redis subscription, state read once per change, then an EventEmitter
  // that calls stream.writeSSE on every connection's SSEStreamingApi.
  const deps: Deps = { redis, config }
  const bus = new EventEmitter()
  bus.setMaxListeners(0)
  const sub = connectRedis(redisUrl, 'worker')
  void sub.subscribe(keys.overlayChannel())
  sub.on('message', async (_channel: string, streamId: string) => {
    if (bus.listenerCount(streamId) === 0) return
    const state = await readOverlay(redis, streamId).catch(() => null)
    if (state) bus.emit(streamId, JSON.stringify(state))
  })
  let count = 0
  connections = () => count
  const sse = new Hono<AppEnv>()
  // The real route's per-request middleware (request id, deps, session), minus limitBody: on a
  // GET that one reads c.req.raw.body, which makes @hono/node-server build a full Request that it
  // keeps for the life of the connection (~4 KB). Leaving it out keeps the baseline conservative.
  sse.get(
    '/api/streams/:id/live/events',
    requestId(),
    async (c, next) => {
      c.set('deps', deps)
      await next()
    },
    session,
    async (c) => {
      const id = c.req.param('id')
      const initial = await readOverlay(redis, id)
      if (!initial) throw notFound('Stream')
      return streamSSE(c, async (stream) => {
        count++
        const onState = (data: string) => void stream.writeSSE({ event: 'live', data })
        bus.on(id, onState)
        let left = false
        const leave = () => {
          if (left) return
          left = true
          bus.off(id, onState)
          count--
        }
        stream.onAbort(leave)
        try {
          await stream.writeSSE({ event: 'live', data: JSON.stringify(initial), retry: 3000 })
          while (!stream.aborted && !stream.closed) {
            await stream.sleep(HEARTBEAT_MS)
            await stream.write(': ping\n\n')
          }
        } finally {
          leave()
        }
      })
    },
  )
  app.route('/', sse) // registered first, so it answers before createApp's hub-less route
  app.route('/', createApp(deps))
} else {
  throw new Error(`SSE_MODE must be hub or streamSSE, not ${mode}`)
}

const gc = (globalThis as { gc?: () => void }).gc
async function settledMemory() {
  for (let i = 0; i < 3; i++) {
    gc?.()
    await new Promise((r) => setTimeout(r, 50))
  }
  return process.memoryUsage()
}

process.on('message', async (m: { type: string; id: number }) => {
  if (m.type === 'mem') {
    const cpu = process.cpuUsage() // this process's user + system time so far (before the GCs below)
    const mem = await settledMemory()
    send({ type: 'mem', id: m.id, rss: mem.rss, heapUsed: mem.heapUsed, external: mem.external, connections: connections(), cpuUs: cpu.user + cpu.system })
  } else if (m.type === 'exit') {
    process.exit(0)
  }
})

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => send({ type: 'ready', port: info.port }))
server.on('error', (e) => {
  console.error('bench server error', e)
  process.exit(1)
})
