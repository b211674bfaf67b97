import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// npm run test:cluster: the platform on a real Redis Cluster (3 primaries + 3 replicas), two
// API processes behind nginx and two worker processes. Not part of `npm test` (it needs nginx
// and takes a minute); .ci/run runs it after. One file at a time: each starts its own cluster.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    name: 'cluster',
    include: ['tests/cluster/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
