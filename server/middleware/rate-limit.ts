import { createMiddleware } from 'hono/factory'
import type { Context } from 'hono'
import type { AppEnv } from '../context.ts'
import { ApiError } from '../errors.ts'
import { keys } from '../store/keys.ts'
import { luaScript } from '../lib/lua.ts'

/** Client address: Cloudflare's header, a trusted proxy's, or the Node socket. */
export function clientIp(c: Context<AppEnv>): string {
  const cf = c.req.header('cf-connecting-ip')
  if (cf) return cf
  if (c.get('deps').config.TRUST_PROXY) {
    const fwd = c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
    if (fwd) return fwd
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  return env?.incoming?.socket?.remoteAddress ?? 'unknown'
}

export type Limit = { bucket: string; who: string; limit: number; windowSeconds: number }

// INCR each counter; a new one gets its window's expiry. One command for all of a request's limits.
const HIT = luaScript(`
local out = {}
for i, key in ipairs(KEYS) do
  out[i] = redis.call('INCR', key)
  if out[i] == 1 then redis.call('EXPIRE', key, ARGV[i]) end
end
return out`)

/** Fixed-window counters in Redis, shared by every process serving the API; one round trip. */
export async function hitAll(c: Context<AppEnv>, limits: Limit[]) {
  const now = Date.now() / 1000
  const counts = (await HIT(
    c.get('deps').redis,
    limits.map((l) => keys.rateLimit(l.bucket, l.who, Math.floor(now / l.windowSeconds))),
    limits.map((l) => l.windowSeconds + 1),
  )) as number[]
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
