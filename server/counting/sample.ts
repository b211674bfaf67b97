import type { Redis } from 'ioredis'
import { keys } from '../store/keys.ts'
import { getManyJson } from '../store/json.ts'
import type { Stream } from '../store/types.ts'
import { epochMinute, LUA_NAMES, minuteField } from './fields.ts'
import { keepMaxScript, sampleScript } from './sample.lua.ts'

/** The sampler's keys for one stream: its slot. */
export const sampleKeys = (id: string) => ({ active: keys.streamActive(id), counters: keys.streamCounters(id), minutes: keys.streamMinutes(id), overlay: keys.overlay(id) })

/**
 * Lifecycle job, every second: concurrency, peak and per-minute series for every live stream,
 * and for every fair the sum over its live streams at this same instant (a fair's peak is the
 * most people watching its streams at once, not the sum of peaks reached at different times).
 */
export async function sampleLive(redis: Redis, now = Date.now()): Promise<Record<string, number>> {
  const ids = await redis.zrange(keys.streams('live'), '0', '-1')
  const out: Record<string, number> = {}
  for (const id of ids) {
    out[id] = (await sampleScript(
      redis,
      sampleKeys(id),
      { now, channel: keys.overlayChannel(), streamId: id, names: LUA_NAMES },
    )) as number
  }
  const byFair = new Map<string, number>()
  for (const s of await getManyJson<Stream>(redis, ids.map(keys.stream))) {
    if (s?.fairId) byFair.set(s.fairId, (byFair.get(s.fairId) ?? 0) + (out[s.id] ?? 0))
  }
  const field = minuteField('concurrent', epochMinute(now))
  for (const [fairId, n] of byFair) if (n > 0) await keepMaxScript(redis, { hash: keys.fairMinutes(fairId) }, { field, value: n })
  return out
}
