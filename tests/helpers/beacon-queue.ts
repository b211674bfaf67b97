import { Redis } from 'ioredis'
import { eventsQueue } from '../../server/beacons/queue.ts'
import { until } from './until.ts'

/**
 * The beacon queue of a running platform, so a test can wait until what it sent has been
 * folded (a job completed since `mark()`, none left waiting) instead of sleeping.
 */
export function beaconQueue(redisUrl: string) {
  const redis = new Redis(redisUrl, { disableClientInfo: true, maxRetriesPerRequest: null })
  const queue = eventsQueue(redis)
  let mark = 0
  return {
    async mark() {
      mark = await queue.getCompletedCount()
    },
    async folded(ms = 15_000) {
      await until('the beacon queue to fold what was sent', async () => {
        const n = await queue.getJobCounts('waiting', 'active', 'delayed', 'completed')
        return (n.completed ?? 0) > mark && (n.waiting ?? 0) + (n.active ?? 0) + (n.delayed ?? 0) === 0
      }, ms)
    },
    async close() {
      await queue.close()
      redis.disconnect()
    },
  }
}
