import type { Redis } from 'ioredis'
import { keys } from '../store/keys.ts'
import type { Stream } from '../store/types.ts'
import { jobField, PER_MINUTE, statsFields, TOTAL } from './fields.ts'
import { channelFields, channelsOf, namedChannels, type ChannelRow } from './channels.ts'

/** GET /api/streams/:id/stats, with the definitions of docs/counting.md. */
export type StreamStats = {
  entries: number
  views: number
  uniqueViewers: number
  concurrent: number
  peakConcurrent: number
  watchSeconds: number
  impressions: number
  clicks: number
  applications: number
  placements: number
  /** 点赞 (like beacons), comments stored, distinct viewers who commented (docs/counting.md). */
  likes: number
  comments: number
  commenters: number
  /** 预约直播: phones holding a reservation for the stream (docs/counting.md). */
  reservations: number
  /** Beacons refused as suspect (docs/counting.md): an organizer can see an attempt. */
  suspectEvents: number
  jobs: { jobId: string; impressions: number; clicks: number; applications: number; placements: number }[]
  /** Per share channel (?src=; 'direct' without one, 'other' beyond the cap): docs/counting.md. */
  channels: ChannelRow[]
  series: { t: string; concurrent: number; applications: number; comments: number; likes: number }[]
  final?: boolean
  /** When an ended stream's final report was written (workers/finalize-reports.ts). */
  finalizedAt?: string
}

const MINUTE = 60_000
const MAX_POINTS = 24 * 60

/** Reads the named fields of a hash as a record (absent fields left out). */
export async function hashFields(redis: Redis, key: string, fields: string[]): Promise<Record<string, string>> {
  const values = await redis.hmget(key, ...fields)
  const out: Record<string, string> = {}
  fields.forEach((f, i) => values[i] !== null && (out[f] = values[i]!))
  return out
}

export async function computeStats(redis: Redis, stream: Stream): Promise<StreamStats> {
  const fields = await readFields(redis, stream)
  const [counters, minutes] = await Promise.all([hashFields(redis, keys.streamCounters(stream.id), fields), redis.hgetall(keys.streamMinutes(stream.id))])
  return fromCounters(stream, counters, minutes)
}

/** The counter fields read for a stream's stats: totals, its jobs', its channels'. */
async function readFields(redis: Redis, stream: Stream) {
  return [...statsFields(stream.jobIds), ...(await channelFields(redis, stream.id))]
}

function fromCounters(stream: Stream, counters: Record<string, string>, minutes: Record<string, string>): StreamStats {
  const n = (field: string) => Number(counters[field] ?? 0)
  return {
    entries: n(TOTAL.entries),
    views: n(TOTAL.views),
    uniqueViewers: n(TOTAL.uniqueViewers),
    concurrent: stream.status === 'live' ? n(TOTAL.concurrent) : 0,
    peakConcurrent: n(TOTAL.peakConcurrent),
    watchSeconds: Math.round(n(TOTAL.watchMs) / 1000),
    impressions: n(TOTAL.impressions),
    clicks: n(TOTAL.clicks),
    applications: n(TOTAL.applications),
    placements: n(TOTAL.placements),
    likes: n(TOTAL.likes),
    comments: n(TOTAL.comments),
    commenters: n(TOTAL.commenters),
    reservations: n(TOTAL.reservations),
    suspectEvents: n(TOTAL.suspect),
    jobs: stream.jobIds.map((jobId) => ({
      jobId,
      impressions: n(jobField('impressions', jobId)),
      clicks: n(jobField('clicks', jobId)),
      applications: n(jobField('applications', jobId)),
      placements: n(jobField('placements', jobId)),
    })),
    channels: channelsOf([counters]),
    series: series(minutes),
  }
}

/**
 * One point per minute from the first to the last minute with data, gaps filled with 0, from
 * the per-minute fields (PER_MINUTE).
 */
export function series(minutes: Record<string, string>) {
  const metrics = Object.keys(PER_MINUTE) as (keyof typeof PER_MINUTE)[]
  const by = Object.fromEntries(metrics.map((k) => [k, new Map<number, number>()])) as Record<keyof typeof PER_MINUTE, Map<number, number>>
  for (const [field, value] of Object.entries(minutes)) {
    const k = metrics.find((m) => field.startsWith(PER_MINUTE[m]))
    if (k) by[k].set(Number(field.slice(PER_MINUTE[k].length)), Number(value))
  }
  const all = metrics.flatMap((k) => [...by[k].keys()])
  if (all.length === 0) return []
  const last = Math.max(...all)
  const first = Math.max(Math.min(...all), last - MAX_POINTS + 1)
  const out: StreamStats['series'] = []
  for (let m = first; m <= last; m++) {
    const at = (k: keyof typeof PER_MINUTE) => by[k].get(m) ?? 0
    out.push({ t: new Date(m * MINUTE).toISOString(), concurrent: at('concurrent'), applications: at('applications'), comments: at('comments'), likes: at('likes') })
  }
  return out
}

/** What a stream's numbers are now: an ended stream's final report once written, else its counters. */
export async function statsOf(redis: Redis, stream: Stream): Promise<StreamStats> {
  const { stats } = (await statsOfMany(redis, [stream], { series: true, breakdowns: false }))[0]!
  return { ...stats, channels: await namedChannels(redis, stats.channels) }
}

/**
 * statsOf for many streams in one pipeline, with their counters. With `breakdowns` every
 * counter field is read (the town and station breakdowns are fields too; the fold writes no
 * field but the stream's own jobs', so the hash stays bounded), else only statsFields.
 * Without `series` the per-minute hashes are not read: rollups of thousands of streams do not
 * chart them.
 */
export async function statsOfMany(redis: Redis, streams: Stream[], opts: { series: boolean; breakdowns: boolean }) {
  // Each stream is its own slot: its reads go together, all streams' at once (API
  // connections auto-pipeline them: one write per node).
  return Promise.all(
    streams.map(async (stream) => {
      const fields = opts.breakdowns ? null : await readFields(redis, stream)
      const [counters, minutes, report] = await Promise.all([
        fields ? hashFields(redis, keys.streamCounters(stream.id), fields) : redis.hgetall(keys.streamCounters(stream.id)),
        opts.series ? redis.hgetall(keys.streamMinutes(stream.id)) : ({} as Record<string, string>),
        stream.status === 'ended' ? redis.get(keys.streamReport(stream.id)) : null,
      ])
      const stats = report ? withLiveOutcomes(JSON.parse(report) as StreamStats, counters) : fromCounters(stream, counters, minutes)
      return { stream, stats, counters }
    }),
  )
}

/**
 * An ended stream's frozen audience report with applications and placements read fresh:
 * hiring goes on for days after the show.
 */
function withLiveOutcomes(report: StreamStats, counters: Record<string, string>): StreamStats {
  const n = (field: string) => Number(counters[field] ?? 0)
  return {
    ...report,
    suspectEvents: report.suspectEvents ?? n(TOTAL.suspect), // reports written before the field
    likes: report.likes ?? n(TOTAL.likes), // reports written before the conversation counters
    comments: report.comments ?? n(TOTAL.comments),
    commenters: report.commenters ?? n(TOTAL.commenters),
    reservations: n(TOTAL.reservations), // read fresh, like applications: unsubscribing goes on after the end
    series: report.series.map((p) => ({ ...p, comments: p.comments ?? 0, likes: p.likes ?? 0 })),
    applications: n(TOTAL.applications),
    placements: n(TOTAL.placements),
    jobs: report.jobs.map((j) => ({ ...j, applications: n(jobField('applications', j.jobId)), placements: n(jobField('placements', j.jobId)) })),
    // the fold writes nothing once the report exists: channel entries and views read from the
    // counters equal the report's, and applications and reservations there are fresh
    channels: channelsOf([counters]),
  }
}
