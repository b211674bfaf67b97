import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { livekitEnabled } from '../env.ts'
import { redisAnswers } from '../store/redis.ts'

const PING_TIMEOUT_MS = 1000

export const health = new Hono<AppEnv>().get('/', async (c) => {
  const { redis, config } = c.get('deps')
  const livekit = livekitEnabled(config) ? ('configured' as const) : ('disabled' as const)
  const up = await redisAnswers(redis, PING_TIMEOUT_MS)
  if (!up) return c.json({ ok: false as const, redis: 'down' as const, livekit }, 503)
  return c.json({ ok: true as const, redis: 'up' as const, livekit }, 200)
})
