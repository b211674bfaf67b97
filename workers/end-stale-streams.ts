import { keys } from '../server/store/keys.ts'
import { getStreams } from '../server/store/streams.ts'
import { endStream, type StreamMoveDeps } from '../server/streams/moves.ts'

/** A live stream nobody ended (the recruiter forgot) is closed after this long. */
export const STALE_LIVE_MS = 12 * 3600_000
/** …and one whose host left LiveKit (phone died, OBS stopped) and has not come back. */
export const HOST_GONE_MS = 15 * 60_000

/**
 * Processor of the lifecycle queue: ends streams left live past STALE_LIVE_MS, or whose host
 * has been gone HOST_GONE_MS (LiveKit webhooks), so the home page never shows a dead room as
 * live. Safe to run twice: it only moves live streams. Ended as the recruiter's POST …/end
 * would (their pending 预约直播 reminders are dropped).
 */
export async function endStaleStreams(d: StreamMoveDeps, now = new Date()): Promise<{ ended: string[] }> {
  const { redis } = d
  const ids = await redis.zrange(keys.streams('live'), '0', '-1')
  const ended: string[] = []
  for (const stream of await getStreams(redis, ids)) {
    const since = Date.parse(stream.startedAt ?? stream.scheduledAt)
    const [joined, left] = (await redis.hmget(keys.overlay(stream.id), 'hostJoinedAt', 'hostLeftAt')).map(Number)
    const hostGone = left! > joined! && left! > since && now.getTime() - left! >= HOST_GONE_MS
    if (stream.status !== 'live' || (now.getTime() - since < STALE_LIVE_MS && !hostGone)) continue
    await endStream(d, stream, now)
    ended.push(stream.id)
  }
  return { ended }
}
