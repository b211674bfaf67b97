import { createMiddleware } from 'hono/factory'
import type { Context } from 'hono'
import type { AppEnv } from '../context.ts'
import { ApiError } from '../errors.ts'
import { keys } from '../store/keys.ts'

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

/** Fixed-window counter in Redis, shared by every process serving the API. */
export async function hit(c: Context<AppEnv>, bucket: string, who: string, limit: number, windowSeconds: number) {
  const { redis } = c.get('deps')
  const window = Math.floor(Date.now() / 1000 / windowSeconds)
  const key = keys.rateLimit(bucket, who, window)
  const res = await redis.multi().incr(key).expire(key, windowSeconds + 1).exec()
  const count = Number(res?.[0]?.[1] ?? 0)
  if (count > limit) {
    const retry = windowSeconds - (Math.floor(Date.now() / 1000) % windowSeconds)
    throw new ApiError('RATE_LIMITED', 'Too many attempts; wait a moment and try again', undefined, { 'Retry-After': String(retry) })
  }
}

export const rateLimitByIp = (bucket: string, limit: (c: Context<AppEnv>) => number, windowSeconds = 60) =>
  createMiddleware<AppEnv>(async (c, next) => {
    await hit(c, bucket, clientIp(c), limit(c), windowSeconds)
    await next()
  })
