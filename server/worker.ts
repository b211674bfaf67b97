import type { ExecutionContext } from 'hono'
import type { Redis } from 'ioredis'
import { createAppPerRequest } from './app.ts'
import type { Deps } from './context.ts'
import { loadConfig, type Config } from './env.ts'
import { connectRedis } from './store/redis.ts'
import { ensureOrganizer } from './demo/accounts.ts'
import { isPreviewPath, previewPages, type Assets } from './share/worker-preview.ts'

/**
 * Cloudflare Workers entry (wrangler.toml): the API only. BullMQ workers cannot run here
 * (no long-lived process); they run elsewhere with `npm run workers`. The web build is
 * served by the assets binding; `/api/*` always reaches this function.
 *
 * One Redis connection PER REQUEST, not per isolate: workerd ties a TCP socket to the
 * request that opened it, and a later request's commands on it never get an answer (we
 * measured: the 2nd request times out). The config is plain data, so it is parsed once.
 * Each isolate applies ORGANIZER_EMAIL / ORGANIZER_PASSWORD once, as node.ts does at start.
 */
export type WorkerEnv = Record<string, unknown>

const CONNECT_TIMEOUT_MS = 3000

let config: Config | undefined
let organizer: 'todo' | 'running' | 'done' = 'todo'
// The app is built once per isolate; each request hands it that request's connection.
let app: ReturnType<typeof createAppPerRequest> | undefined
let pages: ReturnType<typeof previewPages> | undefined
const REQUEST_DEPS = '__zbRequestDeps'

function configFrom(env: WorkerEnv): Config {
  config ??= loadConfig(env)
  if (!config.REDIS_URL) throw new Error('REDIS_URL is not set: run `wrangler secret put REDIS_URL` (or put it in .dev.vars)')
  return config
}

/** Resolves once the connection is ready, or has given up (the app then answers 503). */
function settled(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve()
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      redis.off('ready', done)
      redis.off('end', done)
      resolve()
    }
    const timer = setTimeout(done, CONNECT_TIMEOUT_MS)
    redis.once('ready', done)
    redis.once('end', done)
  })
}

// Cloudflare sets CF-Connecting-IP on every request it passes to a Worker, replacing any a
// client sent, so here (unlike on Node) it is the client's address.
export const cloudflareClient = (req: Request) => req.headers.get('cf-connecting-ip') ?? undefined

const misconfigured = (message: string) =>
  Response.json({ error: { code: 'INTERNAL', message, requestId: '' } }, { status: 500 })

async function handle(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
  // a shared watch or fair link: the app's page with its own title and og: tags
  const assets = env.ASSETS as Assets | undefined
  const preview = assets && request.method === 'GET' && isPreviewPath(new URL(request.url).pathname) ? assets : undefined
  let cfg: Config
  try {
    cfg = configFrom(env)
  } catch (err) {
    config = undefined
    console.error((err as Error).message)
    return preview ? preview.fetch(request) : misconfigured((err as Error).message)
  }
  // No reconnect loop inside one request: if Redis is away the request gets 503 now.
  const redis = connectRedis(cfg.REDIS_URL!, 'api', { connectTimeout: CONNECT_TIMEOUT_MS, retryStrategy: () => null })
  try {
    await settled(redis)
    if (organizer === 'todo' && redis.status === 'ready') {
      organizer = 'running' // one request per isolate does it; the Lua create is idempotent anyway
      await ensureOrganizer(redis, cfg).then(
        () => void (organizer = 'done'),
        (err) => {
          organizer = 'todo'
          console.error('organizer account:', (err as Error).message)
        },
      )
    }
    if (preview) {
      pages ??= previewPages(cfg)
      return await pages.fetch(request, { redis, assets: preview }, ctx)
    }
    app ??= createAppPerRequest(cfg, (c) => (c.env as { [REQUEST_DEPS]: Deps })[REQUEST_DEPS])
    return await app.fetch(request, { ...env, [REQUEST_DEPS]: { redis, config: cfg, peerAddress: cloudflareClient } }, ctx)
  } finally {
    // Close after the response is handed back; QUIT lets pending replies drain first.
    ctx.waitUntil(redis.status === 'ready' ? redis.quit().then(() => {}, () => redis.disconnect()) : Promise.resolve(redis.disconnect()))
  }
}

export default { fetch: handle }
