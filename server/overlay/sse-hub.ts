import type { ServerResponse } from 'node:http'
import type { Redis } from 'ioredis'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import { keys } from '../store/keys.ts'
import { readOverlay, type OverlayState } from '../store/overlay.ts'
import { connectRedis, isCluster, type RedisClient, type RedisTarget } from '../store/redis.ts'
import { parseChat } from '../comments/messages.ts'
import { chatIntervalMs, createChatFanout } from './chat-fanout.ts'

/** SSE fan-out for the Node entry: one Redis subscription per process, frames written raw. */
export type SseHub = {
  /** Whether one more connection from `address` fits under the caps; attach() takes it. */
  admit(address: string): Admission
  /** `extra`: frames a new joiner gets after the state (the last comments, the pinned answer). */
  attach(streamId: string, res: ServerResponse, initial: OverlayState, address: string, extra?: string): Response
  connections(): number
  close(): Promise<void>
}

export type SseHubOptions = {
  redisTarget: RedisTarget | string // where to subscribe (a connection of its own)
  redis: Redis // for reading state
  heartbeatMs?: number
  /** Called with each rebuilt state, even with no local viewers (LiveKit metadata). */
  onState?: (streamId: string, state: OverlayState) => void
  /** Open connections per process, and per client address (unbounded when not given). */
  maxConnections?: number
  maxPerAddress?: number
}

export type Admission = 'ok' | 'address-full' | 'process-full'

const MAX_BUFFERED = 256 * 1024 // a viewer this far behind is dropped; the browser reconnects

const frame = (state: OverlayState) => `event: live\ndata: ${JSON.stringify(state)}\n\n`

export function createSseHub(opts: SseHubOptions): SseHub {
  const rooms = new Map<string, Set<ServerResponse>>()
  const running = new Set<string>()
  const dirty = new Set<string>()
  const latest = new Map<string, { version: number; text: string }>() // per room with viewers
  let count = 0
  const byAddress = new Map<string, number>()
  const maxConnections = opts.maxConnections ?? Infinity
  const maxPerAddress = opts.maxPerAddress ?? Infinity

  function admit(address: string): Admission {
    if (count >= maxConnections) return 'process-full'
    return (byAddress.get(address) ?? 0) >= maxPerAddress ? 'address-full' : 'ok'
  }

  const sub = connectRedis(opts.redisTarget, 'worker')
  // The conversation rides the same connection: batched per room, only for rooms with viewers here.
  const chat = createChatFanout(
    (streamId, text) => broadcast(streamId, text),
    (streamId) => chatIntervalMs(rooms.get(streamId)?.size ?? 0),
  )
  void sub.subscribe(keys.overlayChannel(), keys.chatChannel())
  sub.on('message', (channel: string, message: string) => {
    if (channel !== keys.chatChannel()) return schedule(message)
    const m = parseChat(message)
    if (m && rooms.has(m.s)) chat.push(m)
  })
  // Messages sent while we were disconnected are gone: refresh every room on reconnect.
  let connectedBefore = false
  const refreshAll = () => {
    for (const id of rooms.keys()) schedule(id)
  }
  sub.on('ready', () => {
    if (connectedBefore) refreshAll()
    connectedBefore = true
  })
  // A cluster delivers PUBLISH on every node, and ioredis subscribes on one: when a node leaves,
  // it moves the subscription to another without telling us, so refresh then and once it has.
  if (isCluster(sub as RedisClient)) {
    sub.on('-node', () => {
      refreshAll()
      setTimeout(refreshAll, 1000).unref()
    })
  }

  // Coalesce: while a stream's state is being read, further changes only mark it dirty, so a
  // burst of 1 000 applications costs a handful of reads, not 1 000 × viewers.
  function schedule(streamId: string) {
    if (!rooms.has(streamId) && !opts.onState) return
    if (running.has(streamId)) {
      dirty.add(streamId)
      return
    }
    running.add(streamId)
    void (async () => {
      try {
        do {
          dirty.delete(streamId)
          const state = await readOverlay(opts.redis, streamId)
          if (state) {
            const text = frame(state)
            if (rooms.has(streamId)) latest.set(streamId, { version: state.version, text })
            broadcast(streamId, text)
            opts.onState?.(streamId, state)
          }
        } while (dirty.has(streamId))
      } catch {
        // Redis hiccup: the next change or the reconnect refresh tries again.
      } finally {
        running.delete(streamId)
      }
    })()
  }

  function broadcast(streamId: string, text: string) {
    const room = rooms.get(streamId)
    if (!room) return
    const buf = Buffer.from(text)
    for (const res of room) send(res, buf)
  }

  function send(res: ServerResponse, data: Buffer | string) {
    if (res.writableLength > MAX_BUFFERED) res.destroy()
    else res.write(data)
  }

  const heartbeat = setInterval(() => {
    const ping = Buffer.from(': ping\n\n')
    for (const room of rooms.values()) for (const res of room) send(res, ping)
  }, opts.heartbeatMs ?? 20_000)
  heartbeat.unref()

  return {
    admit,
    attach(streamId, res, initial, address, extra = '') {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        // Written raw (not through the app's header middleware): the same protections, by hand.
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'x-frame-options': 'DENY',
        'referrer-policy': 'strict-origin-when-cross-origin',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no', // nginx: do not buffer the stream
      })
      // A change may have landed between reading `initial` and now: send the newer one too.
      const newer = latest.get(streamId)
      res.write(`retry: 3000\n\n${frame(initial)}${newer && newer.version > initial.version ? newer.text : ''}${extra}`)
      let room = rooms.get(streamId)
      if (!room) {
        rooms.set(streamId, (room = new Set()))
        schedule(streamId) // the first viewer here: changes before now were not being followed
      }
      room.add(res)
      count++
      byAddress.set(address, (byAddress.get(address) ?? 0) + 1)
      res.once('close', () => {
        count--
        const left = byAddress.get(address)! - 1
        if (left === 0) byAddress.delete(address)
        else byAddress.set(address, left)
        room.delete(res)
        if (room.size === 0 && rooms.get(streamId) === room) {
          rooms.delete(streamId)
          latest.delete(streamId)
          chat.forget(streamId)
        }
      })
      return RESPONSE_ALREADY_SENT
    },
    connections: () => count,
    async close() {
      clearInterval(heartbeat)
      chat.close()
      for (const room of rooms.values()) for (const res of room) res.end()
      rooms.clear()
      sub.disconnect()
    },
  }
}
