import { loadConfig } from '../../server/env.ts'
import { startPlatform } from '../../server/node.ts'
import { startRedis } from './redis.ts'

export const TEST_ORGANIZER = { email: 'organizer@test.local', password: 'organizer-pass-1' }

/** The real Node platform (API, web build, workers) on a free port against its own Redis. */
export async function startServer(opts: { env?: Record<string, string> } = {}) {
  const redis = await startRedis()
  const config = loadConfig({
    PORT: '0',
    REDIS_URL: redis.url,
    DEMO: '0',
    ORGANIZER_EMAIL: TEST_ORGANIZER.email,
    ORGANIZER_PASSWORD: TEST_ORGANIZER.password,
    ...opts.env,
  })
  const running = await startPlatform(config, () => {})
  return {
    url: running.url.replace('localhost', '127.0.0.1'),
    redisUrl: redis.url,
    async stop() {
      await running.stop()
      await redis.stop()
    },
  }
}
