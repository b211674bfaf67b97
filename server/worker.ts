import type { Redis } from 'ioredis'
import type { ExecutionContext } from 'hono'
import { createApp } from './app.ts'
import { loadConfig, type Config } from './env.ts'
import { connectRedis } from './store/redis.ts'

/** Vars from wrangler.toml and secrets (`wrangler secret put`); all strings. */
export type WorkerEnv = Record<string, unknown>

type Isolate = { redis: Redis; app: ReturnType<typeof createApp>; config: Config }

// One per isolate: created on the first request, reused by every later one.
let isolate: Isolate | undefined

function setUp(env: WorkerEnv): Isolate {
  const config = loadConfig(env)
  if (!config.REDIS_URL) throw new Error('REDIS_URL is not set: run `wrangler secret put REDIS_URL` (or put it in .dev.vars)')
  const redis = connectRedis(config.REDIS_URL, 'api')
  return { redis, config, app: createApp({ redis, config }) }
}

const misconfigured = (message: string) =>
  Response.json({ error: { code: 'INTERNAL', message, requestId: '' } }, { status: 500 })

/** Cloudflare Workers entry: API only; BullMQ workers run elsewhere (`npm run workers`). */
export default {
  fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Response | Promise<Response> {
    if (!isolate) {
      try {
        isolate = setUp(env)
      } catch (err) {
        console.error((err as Error).message)
        return misconfigured((err as Error).message)
      }
    }
    return isolate.app.fetch(request, env, ctx)
  },
}
