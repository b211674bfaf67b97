import type { Redis } from 'ioredis'
import { keys } from '../store/keys.ts'
import { series, statsOfMany, type StreamStats } from './stats.ts'
import { getCompanies } from '../store/companies.ts'
import { getManyJson, present } from '../store/json.ts'
import { randomToken } from '../lib/ids.ts'
import type { Stream, UserRecord } from '../store/types.ts'
import { epochMinute, PER_MINUTE, PER_STATION, PER_TOWN } from './fields.ts'
import { channelsOf, namedChannels } from './channels.ts'

// Fairs, companies and the platform sum their streams (docs/counting.md); unique viewers
// merge the streams' HyperLogLogs (≤ 1% error), so one person watching two streams counts once.

export type Totals = Omit<StreamStats, 'jobs' | 'series' | 'final' | 'channels'>
// commenters sum too: someone commenting on two streams counts once per stream (docs/counting.md)
const SUMMED = ['entries', 'views', 'concurrent', 'watchSeconds', 'impressions', 'clicks', 'applications', 'placements', 'likes', 'comments', 'commenters', 'reservations', 'suspectEvents'] as const

// Peaks reached at different times do not add up: a group's peak is at least its busiest
// stream's (fairs replace it with their sampled fair-wide peak, see fairTimeline).
export function sumTotals(list: StreamStats[], uniqueViewers: number): Totals {
  const out = { uniqueViewers, peakConcurrent: Math.max(0, ...list.map((s) => s.peakConcurrent)) } as Totals
  for (const k of SUMMED) out[k] = list.reduce((n, s) => n + s[k], 0)
  return out
}

/**
 * Distinct viewers across streams. Each stream's HyperLogLog lives in its own Cluster slot and
 * PFMERGE/PFCOUNT take keys of one slot, so the sketches (plain strings) are copied into
 * scratch keys of one slot, merged there, counted and dropped — in chunks, so no command
 * carries thousands of keys.
 */
export async function mergedUniqueViewers(redis: Redis, streamIds: string[]): Promise<number> {
  if (streamIds.length === 0) return 0
  const token = randomToken(12)
  const total = keys.scratch(token, 0)
  const CHUNK = 500
  try {
    for (let i = 0; i < streamIds.length; i += CHUNK) {
      const ids = streamIds.slice(i, i + CHUNK)
      const sketches = await Promise.all(ids.map((id) => redis.getBuffer(keys.streamViewersHll(id))))
      const present = sketches.map((b, k) => [b, keys.scratch(token, k + 1)] as const).filter(([b]) => b !== null)
      if (present.length === 0) continue
      const write = redis.multi()
      for (const [b, key] of present) write.set(key, b!, 'EX', 60)
      write.pfmerge(total, total, ...present.map(([, key]) => key))
      write.del(...present.map(([, key]) => key))
      await write.exec()
    }
    return await redis.pfcount(total)
  } finally {
    await redis.del(total)
  }
}

/**
 * A fair over time, within [from, to]: its per-minute series (sampled fair-wide concurrency,
 * and the sum of its streams' applications) and its peak — the most sessions watching any of
 * its streams at one sampled instant, never below its busiest stream's own peak (which also
 * covers streams counted before fair-wide sampling existed).
 */
export async function fairTimeline(redis: Redis, fairId: string, streams: { streamId: string; peakConcurrent: number }[], from?: string, to?: string) {
  const lo = from ? epochMinute(Date.parse(from)) : -Infinity
  const hi = to ? epochMinute(Date.parse(to)) : Infinity
  const inRange = (field: string, prefix: string) => {
    if (!field.startsWith(prefix)) return false
    const m = Number(field.slice(prefix.length))
    return m >= lo && m <= hi
  }
  const [fair, ...minutes] = await Promise.all([redis.hgetall(keys.fairMinutes(fairId)), ...streams.map((s) => redis.hgetall(keys.streamMinutes(s.streamId)))])
  const merged: Record<string, string> = {}
  let peak = Math.max(0, ...streams.map((s) => s.peakConcurrent))
  for (const [field, v] of Object.entries(fair ?? {})) {
    if (!inRange(field, PER_MINUTE.concurrent)) continue
    merged[field] = v
    peak = Math.max(peak, Number(v))
  }
  for (const m of minutes) {
    for (const [field, v] of Object.entries(m)) {
      // per-minute applications, comments and likes of the fair's streams add up
      if (inRange(field, PER_MINUTE.applications) || inRange(field, PER_MINUTE.comments) || inRange(field, PER_MINUTE.likes)) merged[field] = String(Number(merged[field] ?? 0) + Number(v))
    }
  }
  return { peakConcurrent: peak, series: series(merged) }
}

/** Small groups are shown as "<5" wherever an organizer might project or share the page. */
export const SMALL_GROUP = 5
const small = (n: number): number | '<5' => (n > 0 && n < SMALL_GROUP ? '<5' : n)

type Row = { stream: Stream; stats: StreamStats; counters: Record<string, string> }

// Pipelined in slices: one round trip per slice, not two or three per stream (overview of 10k
// streams here: 1.4 s → 0.7 s).
const SLICE = 1000
async function rows(redis: Redis, streams: Stream[]): Promise<Row[]> {
  const out: Row[] = []
  for (let i = 0; i < streams.length; i += SLICE) out.push(...(await statsOfMany(redis, streams.slice(i, i + SLICE), { series: false, breakdowns: true })))
  return out
}

/** Sums `prefix:<name>` counter fields across rows, e.g. town:平店乡 → { 平店乡: 12 }. */
function byField(list: Row[], prefix: string): Map<string, number> {
  const out = new Map<string, number>()
  for (const r of list) {
    for (const [field, value] of Object.entries(r.counters)) {
      if (field.startsWith(prefix)) out.set(field.slice(prefix.length), (out.get(field.slice(prefix.length)) ?? 0) + Number(value))
    }
  }
  return out
}

export async function rollup(redis: Redis, streams: Stream[]) {
  const list = await rows(redis, streams)
  const companies = await getCompanies(redis, streams.map((s) => s.companyId))
  const byCompany = new Map<string, Row[]>()
  for (const r of list) {
    const own = byCompany.get(r.stream.companyId)
    if (own) own.push(r)
    else byCompany.set(r.stream.companyId, [r])
  }

  const townApps = byField(list, PER_TOWN.applications)
  const townHired = byField(list, PER_TOWN.placements)
  const stationApps = byField(list, PER_STATION.applications)
  const stationHired = byField(list, PER_STATION.placements)
  const stationUsers = (await getManyJson<UserRecord>(redis, [...stationApps.keys()].map(keys.user))).filter(present)

  return {
    ...sumTotals(list.map((r) => r.stats), await mergedUniqueViewers(redis, streams.map((s) => s.id))),
    streams: list.map(({ stream, stats }) => {
      const { jobs: _jobs, series: _series, channels: _channels, ...totals } = stats
      return { streamId: stream.id, title: stream.title, status: stream.status, scheduledAt: stream.scheduledAt, companyId: stream.companyId, companyName: companies.get(stream.companyId)?.name ?? '', ...totals }
    }),
    companies: await Promise.all(
      [...byCompany].map(async ([companyId, own]) => ({
        companyId,
        name: companies.get(companyId)?.name ?? '',
        streams: own.length,
        ...sumTotals(own.map((r) => r.stats), await mergedUniqueViewers(redis, own.map((r) => r.stream.id))),
      })),
    ),
    towns: [...new Set([...townApps.keys(), ...townHired.keys()])]
      .map((town) => ({ town, applications: townApps.get(town) ?? 0, placements: townHired.get(town) ?? 0 }))
      .sort((a, b) => b.applications - a.applications)
      .map((t) => ({ town: t.town, applications: small(t.applications), placements: small(t.placements) })),
    channels: await namedChannels(redis, channelsOf(list.map((r) => r.counters))),
    stations: stationUsers.map((u) => ({ stationId: u.id, name: u.name, town: u.town, applications: small(stationApps.get(u.id) ?? 0), placements: small(stationHired.get(u.id) ?? 0) })),
  }
}

/** Platform figures kept as they change: companies, fairs, upcoming streams, open jobs and headcount. */
export async function platformFigures(redis: Redis) {
  const [companies, fairs, scheduled, totals] = await Promise.all([redis.zcard(keys.companies()), redis.zcard(keys.fairs()), redis.zcard(keys.streams('scheduled')), redis.hgetall(keys.totals())])
  return { companies, fairs, streamsScheduled: scheduled, jobsOpen: Number(totals.jobsOpen ?? 0), headcountOpen: Number(totals.headcountOpen ?? 0) }
}
