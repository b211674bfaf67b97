import { defineConfig } from 'vitest/config'

// Four lanes, each runnable alone (npm run test:<lane>); `npm test` runs them all.
// unit: no Redis, no browser, seconds. integration: real Redis (and a real livekit-server
// where video is involved). e2e: real Chromium against the real platform. workers: the
// Cloudflare Workers build under wrangler.
const lane = (name: string, include: string[]) => ({ extends: true as const, test: { name, include } })

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Two cores here: keep Chromium and the Redis-backed suites from starving each other.
    maxWorkers: 2,
    projects: [
      lane('unit', ['tests/unit/**/*.test.ts']),
      lane('integration', ['tests/integration/**/*.test.ts']),
      lane('e2e', ['tests/e2e/**/*.test.ts']),
      lane('workers', ['tests/workers/**/*.test.ts']),
    ],
  },
})
