import { readFileSync } from 'node:fs'
import type { Redis } from 'ioredis'
import { keys } from '../server/store/keys.ts'
import { luaScript } from '../server/lib/lua.ts'
import type { CountedEvent, EventBatch } from '../server/events/types.ts'

const FOLD = luaScript(readFileSync(new URL('./count-events.lua', import.meta.url), 'utf8'))

/** Event ids are remembered per 10-minute bucket, checked against this and the previous one. */
export const SEEN_BUCKET_MS = 10 * 60_000
const SEEN_TTL_SECONDS = 3 * 60 * 60 // the retry window, with room to spare

/**
 * Processor of the events queue: one Lua call per stream folds that stream's events.
 * Safe to re-run after a crash or a failure part-way: events already folded are skipped.
 */
export async function countEvents(redis: Redis, batch: EventBatch): Promise<{ counted: number; streams: number }> {
  const byStream = new Map<string, CountedEvent[]>()
  for (const e of batch.events) {
    const list = byStream.get(e.streamId)
    if (list) list.push(e)
    else byStream.set(e.streamId, [e])
  }
  let counted = 0
  for (const [streamId, events] of byStream) {
    // Bucket by the first event's receive time: one request's events share one bucket.
    const bucket = Math.floor(events[0]!.t / SEEN_BUCKET_MS)
    const args: (string | number)[] = [SEEN_TTL_SECONDS]
    for (const e of events) args.push(e.id, e.type, e.viewerId, e.sessionId, e.jobId ?? '', e.watchedMs ?? 0, e.t)
    counted += (await FOLD(
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
      ],
      args,
    )) as number
  }
  return { counted, streams: byStream.size }
}
