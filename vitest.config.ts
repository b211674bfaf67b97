import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Two cores here: keep Chromium and the Redis-backed suites from starving each other.
    maxWorkers: 2,
  },
})
