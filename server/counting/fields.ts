/**
 * Every field name of a stream's numbers, in one place (definitions: docs/counting.md).
 * The Lua scripts that write them get these names as an argument (`names`), so no script and
 * no reader spells a field itself. Where to look for "how is 有效观看 counted":
 *   fields.ts (names) · rows.ts (what a beacon becomes) · fold.lua.ts (beacons → counters) ·
 *   sample.lua.ts (online now, peak) · stats.ts and rollups.ts (the readers). Applications and
 *   placements are counted where they are stored, in the same script as the record
 *   (server/store/create-application.lua.ts, set-application-status.lua.ts), with these names.
 */

/** Totals in a stream's counters hash. */
export const TOTAL = {
  entries: 'entries',
  views: 'views',
  uniqueViewers: 'uniqueViewers',
  concurrent: 'concurrent',
  peakConcurrent: 'peakConcurrent',
  watchMs: 'watchMs',
  impressions: 'impressions',
  clicks: 'clicks',
  suspect: 'suspect',
  applications: 'applications',
  placements: 'placements',
  likes: 'likes', // like beacons of admitted sessions, each id once (fold.lua.ts)
  comments: 'comments', // comments stored (comments.lua.ts, called where a comment is stored)
  commenters: 'commenters', // distinct viewers who commented (the stream's commenters set)
  reservations: 'reservations', // 预约直播: phones holding a reservation (reminders/create-reservation.lua.ts; unsubscribing un-counts)
} as const

/** Per-job fields in a stream's counters hash: prefix + jobId. */
export const PER_JOB = { impressions: 'impressions:', clicks: 'clicks:', applications: 'apps:', placements: 'hired:' } as const
/** Per-town and per-station fields in a stream's counters hash: prefix + town / station id. */
export const PER_TOWN = { applications: 'town:', placements: 'hiredTown:' } as const
export const PER_STATION = { applications: 'station:', placements: 'hiredStation:' } as const
/**
 * Per-channel fields in a stream's counters hash: prefix + channel (a share link's ?src=, or
 * 'direct' / 'other'; server/counting/channels.ts). Reservations are counted per channel where
 * a reservation is stored, with PER_CHANNEL.reservations, like applications.
 */
export const PER_CHANNEL = { entries: 'chEntries:', views: 'chViews:', applications: 'chApps:', reservations: 'chRes:' } as const
export const channelField = (metric: keyof typeof PER_CHANNEL, channel: string) => PER_CHANNEL[metric] + channel
/** Per-minute fields in a stream's (and a fair's) minutes hash: prefix + epoch minute. */
export const PER_MINUTE = { concurrent: 'conc:', applications: 'apps:', comments: 'comments:', likes: 'likes:' } as const

export const jobField = (metric: keyof typeof PER_JOB, jobId: string) => PER_JOB[metric] + jobId
export const minuteField = (metric: keyof typeof PER_MINUTE, minute: number) => PER_MINUTE[metric] + minute
export const epochMinute = (ms: number) => Math.floor(ms / 60_000)

/** Everything above as one JSON argument for Lua (`local F = cjson.decode(A.names)`). */
export const LUA_NAMES = JSON.stringify({
  ...TOTAL,
  job: PER_JOB,
  town: PER_TOWN,
  station: PER_STATION,
  channel: PER_CHANNEL,
  minute: PER_MINUTE,
})

/** The counter fields a stream's stats read: its totals and its own jobs' fields, a bounded set. */
export const statsFields = (jobIds: string[]) => [...Object.values(TOTAL), ...jobIds.flatMap((j) => Object.values(PER_JOB).map((p) => p + j))]
