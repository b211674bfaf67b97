import { createMiddleware } from 'hono/factory'
import type { Context } from 'hono'
import type { AppEnv } from '../context.ts'
import { ApiError } from '../errors.ts'
import { keys } from '../store/keys.ts'
import { hitCounterScript } from './hit-counter.lua.ts'

// An address is short and made of these; anything else in a header is ignored, so a forged
// value cannot become a huge or odd Redis key.
const ADDRESS = /^[0-9A-Za-z:.%_-]{1,64}$/
const address = (v: string | undefined) => (v !== undefined && ADDRESS.test(v.trim()) ? v.trim() : undefined)

/** The header TRUST_PROXY names, as our proxy set it; undefined when off or absent. */
function proxiedAddress(c: Context<AppEnv>): string | undefined {
  const trusted = c.get('deps').config.TRUST_PROXY
  if (trusted === 'off') return undefined
  const value = c.req.header(trusted)
  // X-Forwarded-For: the client may send its own list; our proxy appends the address it saw,
  // so only the right-most entry is not the client's say.
  return address(trusted === 'x-forwarded-for' ? value?.split(',').at(-1) : value)
}

/** Client address: the header TRUST_PROXY names, else the platform's peer (Workers) or the Node socket. */
export function clientIp(c: Context<AppEnv>): string {
  const proxied = proxiedAddress(c)
  if (proxied) return proxied
  const peer = c.get('deps').peerAddress?.(c.req.raw)
  if (peer) return peer
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  return env?.incoming?.socket?.remoteAddress ?? 'unknown'
}

export type Limit = { bucket: string; who: string; limit: number; windowSeconds: number }

/**
 * Fixed-window counters in Redis, shared by every process serving the API. One script call per
 * counter (each may live on its own Cluster slot), all sent at once: one round trip.
 */
export async function hitAll(c: Context<AppEnv>, limits: Limit[]) {
  const now = Date.now() / 1000
  const { redis } = c.get('deps')
  const counts = await Promise.all(
    limits.map((l) => hitCounterScript(redis, { counter: keys.rateLimit(l.bucket, l.who, Math.floor(now / l.windowSeconds)) }, { ttlSeconds: l.windowSeconds + 1 }) as Promise<number>),
  )
  limits.forEach((l, i) => {
    if (counts[i]! > l.limit) {
      const retry = l.windowSeconds - (Math.floor(now) % l.windowSeconds)
      throw new ApiError('RATE_LIMITED', 'Too many attempts; wait a moment and try again', undefined, { 'Retry-After': String(retry) })
    }
  })
}

export const hit = (c: Context<AppEnv>, bucket: string, who: string, limit: number, windowSeconds: number) =>
  hitAll(c, [{ bucket, who, limit, windowSeconds }])

export const rateLimitByIp = (bucket: string, limit: (c: Context<AppEnv>) => number, windowSeconds = 60) =>
  createMiddleware<AppEnv>(async (c, next) => {
    await hit(c, bucket, clientIp(c), limit(c), windowSeconds)
    await next()
  })
