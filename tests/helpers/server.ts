import { loadConfig } from '../../server/env.ts'
import { startPlatform, type PlatformOptions } from '../../server/node.ts'
import { startRedis } from './redis.ts'

export const TEST_ORGANIZER = { email: 'organizer@test.local', password: 'organizer-pass-1' }

/** The real Node platform (API, web build, workers) on a free port against its own Redis. */
export async function startServer(opts: { env?: Record<string, string> } & PlatformOptions = {}) {
  const redis = await startRedis()
  const config = loadConfig({
    PORT: '0',
    REDIS_URL: redis.url,
    DEMO: '0',
    ORGANIZER_EMAIL: TEST_ORGANIZER.email,
    ORGANIZER_PASSWORD: TEST_ORGANIZER.password,
    LOG_LEVEL: 'error', // unexpected errors only: an access line per request would bury the test output
    ...opts.env,
  })
  const running = await startPlatform(config, () => {}, { logDestination: opts.logDestination })
  return {
    url: running.url.replace('localhost', '127.0.0.1'),
    redisUrl: redis.url,
    async stop() {
      await running.stop()
      await redis.stop()
    },
  }
}
