import { readFileSync } from 'node:fs'
import type { Redis } from 'ioredis'
import { keys } from '../server/store/keys.ts'
import { luaScript } from '../server/lib/lua.ts'

const SAMPLE = luaScript(readFileSync(new URL('./sample-live.lua', import.meta.url), 'utf8'))

/** Lifecycle job, every second: concurrency, peak and per-minute series for every live stream. */
export async function sampleLive(redis: Redis, now = Date.now()): Promise<Record<string, number>> {
  const ids = await redis.zrange(keys.streams('live'), '0', '-1')
  const out: Record<string, number> = {}
  for (const id of ids) {
    out[id] = (await SAMPLE(redis, [keys.streamActive(id), keys.streamCounters(id), keys.streamMinutes(id), keys.live(id)], [now, keys.liveChannel(), id])) as number
  }
  return out
}
