import { ReplyError, type Redis } from 'ioredis'
import { keys } from '../store/keys.ts'
import { acceptedOf, batchOf, LEGACY_ROW, type CountedEvent, type EventBatch } from './rows.ts'
import { epochMinute, LUA_NAMES, TOTAL } from './fields.ts'
import { foldScript } from './fold.lua.ts'

/** Event ids are remembered per 10-minute bucket, checked against this and the previous one. */
export const SEEN_BUCKET_MS = 10 * 60_000
const SEEN_TTL_SECONDS = 3 * 60 * 60 // the retry window, with room to spare

type StreamPart = EventBatch['streams'][string]

/** The fold's keys for one stream's share received at `t`: all in the stream's slot. */
export function foldKeys(streamId: string, t: number) {
  const bucket = Math.floor(t / SEEN_BUCKET_MS)
  return {
    counters: keys.streamCounters(streamId),
    sessions: keys.streamSessions(streamId),
    viewers: keys.streamViewers(streamId),
    viewersHll: keys.streamViewersHll(streamId),
    watch: keys.streamWatch(streamId),
    active: keys.streamActive(streamId),
    left: keys.streamLeft(streamId),
    pairs: keys.streamPairs(streamId),
    seenNow: keys.streamSeen(streamId, bucket),
    seenBefore: keys.streamSeen(streamId, bucket - 1),
    viewed: keys.streamViewed(streamId),
    report: keys.streamReport(streamId),
    stream: keys.stream(streamId),
    admitted: keys.streamAdmitted(streamId),
    admissions: keys.streamAdmissions(streamId, epochMinute(t)),
    minutes: keys.streamMinutes(streamId),
    viewerWatch: keys.viewerWatch(streamId), // hash viewerId -> watched ms (comments: established viewers)
    channels: keys.streamChannels(streamId),
    sessionChannel: keys.streamSessionChannel(streamId),
  }
}

function fold(redis: Redis, streamId: string, { t, rows, width = LEGACY_ROW, admit = 0 }: StreamPart) {
  return foldScript(
    redis,
    foldKeys(streamId, t),
    { seenTtl: SEEN_TTL_SECONDS, rows, width, now: t, budget: admit, names: LUA_NAMES },
  ) as Promise<number>
}

/**
 * The script refuses a batch only before writing anything (it reads and checks all input
 * first), so a refused batch is split in halves and each folded again: one row the script
 * cannot read never costs the others their count. That row alone is dropped, as suspect.
 * A Redis outage is not a refusal: it propagates, and BullMQ retries the whole job.
 */
async function foldResilient(redis: Redis, streamId: string, part: StreamPart, log: (msg: string) => void): Promise<number> {
  try {
    return await fold(redis, streamId, part)
  } catch (err) {
    if (!(err instanceof ReplyError) || /^(WRONGTYPE|NOSCRIPT|BUSY|LOADING|READONLY|OOM|CLUSTERDOWN|MOVED|ASK|TRYAGAIN)/.test((err as Error).message)) throw err
    const width = part.width ?? LEGACY_ROW
    let list: unknown[]
    try {
      list = JSON.parse(part.rows) as unknown[]
    } catch {
      list = []
    }
    const events = Math.floor(list.length / width)
    if (events <= 1) {
      log(`[counting] stream ${streamId}: dropped ${Math.max(events, 1)} unreadable event row(s)`)
      await redis.hincrby(keys.streamCounters(streamId), TOTAL.suspect, Math.max(events, 1))
      return 0
    }
    const cut = Math.floor(events / 2) * width
    const half = (rows: unknown[]) => ({ ...part, rows: JSON.stringify(rows) })
    return (await foldResilient(redis, streamId, half(list.slice(0, cut)), log)) + (await foldResilient(redis, streamId, half(list.slice(cut)), log))
  }
}

/**
 * Processor of the events queue: one Lua call per stream folds that stream's rows.
 * Safe to re-run after a crash or a failure part-way: events already folded are skipped.
 */
export async function countEvents(redis: Redis, batch: EventBatch | { events: CountedEvent[] }, log: (msg: string) => void = console.log): Promise<{ counted: number; streams: number }> {
  const { streams } = 'events' in batch ? batchOf(acceptedOf(batch.events)) : batch // jobs queued before the row format
  // Streams fold independently (each script touches only its stream's keys): all sent at once.
  const counts = await Promise.all(Object.entries(streams).map(([streamId, part]) => foldResilient(redis, streamId, part, log)))
  const counted = counts.reduce((a, n) => a + n, 0)
  return { counted, streams: Object.keys(streams).length }
}
