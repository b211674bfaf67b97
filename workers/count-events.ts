import { readFileSync } from 'node:fs'
import type { Redis } from 'ioredis'
import { keys } from '../server/store/keys.ts'
import { luaScript } from '../server/lib/lua.ts'
import { acceptedOf, batchOf, type CountedEvent, type EventBatch } from '../server/events/types.ts'

const FOLD = luaScript(readFileSync(new URL('./count-events.lua', import.meta.url), 'utf8'))

/** Event ids are remembered per 10-minute bucket, checked against this and the previous one. */
export const SEEN_BUCKET_MS = 10 * 60_000
const SEEN_TTL_SECONDS = 3 * 60 * 60 // the retry window, with room to spare

/**
 * Processor of the events queue: one Lua call per stream folds that stream's rows.
 * Safe to re-run after a crash or a failure part-way: events already folded are skipped.
 */
export async function countEvents(redis: Redis, batch: EventBatch | { events: CountedEvent[] }): Promise<{ counted: number; streams: number }> {
  const { streams } = 'events' in batch ? batchOf(acceptedOf(batch.events)) : batch // jobs queued before the row format
  // Streams fold independently (each script touches only its stream's keys): all sent at once.
  const counts = await Promise.all(
    Object.entries(streams).map(([streamId, { t, rows }]) => {
      const bucket = Math.floor(t / SEEN_BUCKET_MS)
      return FOLD(
        redis,
        [
          keys.streamCounters(streamId),
          keys.streamSessions(streamId),
          keys.streamViewers(streamId),
          keys.streamViewersHll(streamId),
          keys.streamWatch(streamId),
          keys.streamActive(streamId),
          keys.streamLeft(streamId),
          keys.streamPairs(streamId),
          keys.streamSeen(streamId, bucket),
          keys.streamSeen(streamId, bucket - 1),
          keys.streamViewed(streamId),
          keys.streamReport(streamId),
        ],
        [SEEN_TTL_SECONDS, rows],
      ) as Promise<number>
    }),
  )
  const counted = counts.reduce((a, n) => a + n, 0)
  return { counted, streams: Object.keys(streams).length }
}
