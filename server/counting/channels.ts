import type { Redis } from 'ioredis'
import { keys } from '../store/keys.ts'
import { getManyJson } from '../store/json.ts'
import type { UserRecord } from '../store/types.ts'
import { PER_CHANNEL } from './fields.ts'

/**
 * Share channels (?src=, docs/counting.md "Channels"). The API stores only known-shaped values
 * (schemas/channels.ts); a stream counts at most CHANNEL_CAP distinct ones, a new one beyond
 * that is counted under 'other', so a script sending made-up channels cannot grow a stream's
 * keys. No channel (or an unreadable one) is 'direct'.
 */
export const CHANNEL_CAP = 200
export const DIRECT = 'direct'
export const OTHER = 'other'

/**
 * Lua: `channelOf(src)` → the channel a src is counted under, adding it to the stream's
 * channel set (K.channels) while under the cap. For any script counting per channel in the
 * stream's slot (the fold, applications, reservations); call it after every check, it writes.
 */
export const CHANNEL_OF_LUA = `
local function channelOf(src)
  if type(src) ~= 'string' or src == '' or #src > 40 or src:find('[^%w_%-]') then return '${DIRECT}' end
  if redis.call('SISMEMBER', K.channels, src) == 1 then return src end
  if redis.call('SCARD', K.channels) >= ${CHANNEL_CAP} then return '${OTHER}' end
  redis.call('SADD', K.channels, src)
  return src
end
`

/** `name`: the station's or recruiter's account name for st-<id> / rc-<id>, when the account exists. */
export type ChannelRow = { src: string; name?: string; entries: number; views: number; applications: number; reservations: number }
const METRICS = Object.keys(PER_CHANNEL) as (keyof typeof PER_CHANNEL)[]

/** The per-channel rows of a counters hash (or of many streams' added up), busiest first. */
export function channelsOf(countersList: Record<string, string>[]): ChannelRow[] {
  const rows = new Map<string, ChannelRow>()
  for (const counters of countersList) {
    for (const [field, value] of Object.entries(counters)) {
      const metric = METRICS.find((m) => field.startsWith(PER_CHANNEL[m]))
      if (!metric) continue
      const src = field.slice(PER_CHANNEL[metric].length)
      let row = rows.get(src)
      if (!row) rows.set(src, (row = { src, entries: 0, views: 0, applications: 0, reservations: 0 }))
      row[metric] += Number(value)
    }
  }
  return [...rows.values()].sort((a, b) => b.entries - a.entries || b.applications - a.applications || b.reservations - a.reservations || a.src.localeCompare(b.src))
}

/** A stream's per-channel counter fields (at most CHANNEL_CAP + 2 channels × 4): what stats read. */
export async function channelFields(redis: Redis, streamId: string): Promise<string[]> {
  const channels = [DIRECT, OTHER, ...(await redis.smembers(keys.streamChannels(streamId)))]
  return channels.flatMap((ch) => METRICS.map((m) => PER_CHANNEL[m] + ch))
}

/** The rows with their station's or recruiter's name (one read for all), so a dashboard says who. */
export async function namedChannels(redis: Redis, rows: ChannelRow[]): Promise<ChannelRow[]> {
  const ids = rows.map((r) => (/^(?:st|rc)-/.test(r.src) ? r.src.slice(3) : null))
  const wanted = ids.filter((id): id is string => id !== null)
  if (wanted.length === 0) return rows
  const users = new Map((await getManyJson<UserRecord>(redis, wanted.map(keys.user))).flatMap((u) => (u ? [[u.id, u] as const] : [])))
  return rows.map((r, i) => {
    const u = ids[i] ? users.get(ids[i]!) : undefined
    const fits = u && ((r.src.startsWith('st-') && u.role === 'station') || (r.src.startsWith('rc-') && u.role === 'recruiter'))
    return fits ? { ...r, name: u.name } : r
  })
}
