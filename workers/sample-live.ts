import { readFileSync } from 'node:fs'
import type { Redis } from 'ioredis'
import { keys } from '../server/store/keys.ts'
import { luaScript } from '../server/lib/lua.ts'
import { getManyJson } from '../server/store/json.ts'
import type { Stream } from '../server/store/types.ts'

const SAMPLE = luaScript(readFileSync(new URL('./sample-live.lua', import.meta.url), 'utf8'))
// KEYS[1] hash, ARGV field, value: keeps the larger.
const KEEP_MAX = luaScript(`
if tonumber(ARGV[2]) > tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '-1') then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end`)

/**
 * Lifecycle job, every second: concurrency, peak and per-minute series for every live stream,
 * and for every fair the sum over its live streams at this same instant (a fair's peak is the
 * most people watching its streams at once, not the sum of peaks reached at different times).
 */
export async function sampleLive(redis: Redis, now = Date.now()): Promise<Record<string, number>> {
  const ids = await redis.zrange(keys.streams('live'), '0', '-1')
  const out: Record<string, number> = {}
  for (const id of ids) {
    out[id] = (await SAMPLE(redis, [keys.streamActive(id), keys.streamCounters(id), keys.streamMinutes(id), keys.live(id)], [now, keys.liveChannel(), id])) as number
  }
  const byFair = new Map<string, number>()
  for (const s of await getManyJson<Stream>(redis, ids.map(keys.stream))) {
    if (s?.fairId) byFair.set(s.fairId, (byFair.get(s.fairId) ?? 0) + (out[s.id] ?? 0))
  }
  const minute = `conc:${Math.floor(now / 60_000)}`
  for (const [fairId, n] of byFair) if (n > 0) await KEEP_MAX(redis, [keys.fairMinutes(fairId)], [minute, n])
  return out
}
