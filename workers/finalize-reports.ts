import type { Redis } from 'ioredis'
import { keys } from '../server/store/keys.ts'
import { getStream } from '../server/store/streams.ts'
import { computeStats } from '../server/counting/stats.ts'
import { TOTAL } from '../server/counting/fields.ts'
import { forgetReservationPhones } from '../server/reminders/store.ts'

/** Leave-beacons from phones on weak networks can trail the end of the show. */
export const REPORT_GRACE_MS = 60_000

/**
 * Lifecycle job: for each stream that ended more than REPORT_GRACE_MS ago, freeze its stats
 * into a final report. Writing the report and leaving the pending list happen together.
 */
export async function finalizeReports(redis: Redis, now = Date.now()): Promise<string[]> {
  const due = await redis.zrangebyscore(keys.reportsPending(), '-inf', now - REPORT_GRACE_MS, 'LIMIT', 0, 50)
  const done: string[] = []
  for (const id of due) {
    const stream = await getStream(redis, id)
    if (!stream) {
      await redis.zrem(keys.reportsPending(), id)
      continue
    }
    const report = { ...(await computeStats(redis, stream)), final: true, finalizedAt: new Date(now).toISOString() }
    // The per-session sets only served counting, which ends with the report: they go (most of a
    // stream's memory); counters, per-minute series and the viewers HyperLogLog (fair rollups) stay.
    // The stream's slot first (report and cleanup together), then the catalog's pending list:
    // a crash between leaves it pending, and writing the report again is harmless.
    await redis
      .multi()
      .set(keys.streamReport(id), JSON.stringify(report))
      .del(keys.streamActive(id), keys.streamSessions(id), keys.streamViewers(id), keys.streamPairs(id), keys.streamWatch(id), keys.streamViewed(id), keys.streamLeft(id), keys.streamAdmitted(id), keys.streamCommenters(id), keys.streamSessionChannel(id))
      .hset(keys.streamCounters(id), TOTAL.concurrent, 0)
      .exec()
    await forgetReservationPhones(redis, id) // 预约直播: no reminder is sent for an ended stream
    await redis.zrem(keys.reportsPending(), id)
    done.push(id)
  }
  return done
}
