/**
 * Every Redis key the platform uses is built here, so the whole layout reads in one place.
 * Per-stream keys carry the hash tag {s:<id>} so one Lua script may touch all of a
 * stream's keys, and the layout stays valid on Redis Cluster.
 */
export type StreamStatus = 'scheduled' | 'live' | 'ended'
export type StreamScope = { fairId?: string; companyId?: string }

const P = 'zb:'

export const keys = {
  // accounts
  user: (id: string) => `${P}user:${id}`,
  userIdByEmail: () => `${P}users:by-email`, // hash email -> userId
  usersByRole: (role: string) => `${P}users:role:${role}`, // zset createdAt
  recruitersByStatus: (status: string) => `${P}recruiters:status:${status}`, // zset createdAt
  session: (token: string) => `${P}session:${token}`, // string userId, TTL
  userSessions: (userId: string) => `${P}user:${userId}:sessions`, // set of tokens, for revocation
  rateLimit: (bucket: string, who: string, window: number) => `${P}rl:${bucket}:${who}:${window}`,
  loginBackoff: (account: string) => `${P}login-backoff:${account}`, // hash tries, until (ms): per-account sign-in backoff, TTL; account = email digest

  // companies
  company: (id: string) => `${P}company:${id}`,
  companies: () => `${P}companies`, // zset createdAt

  // jobs
  job: (id: string) => `${P}job:${id}`,
  jobs: (status: 'open' | 'closed' | 'all', companyId?: string) =>
    companyId ? `${P}company:${companyId}:jobs:${status}` : `${P}jobs:${status}`, // zset createdAt

  // fairs
  fair: (id: string) => `${P}fair:${id}`,
  fairs: () => `${P}fairs`, // zset startsAt
  fairMinutes: (id: string) => `${P}fair:${id}:minutes`, // hash conc:<epochMinute> -> highest fair-wide concurrency sampled

  // streams
  stream: (id: string) => `${P}stream:{s:${id}}`,
  // hash: applications, placements, apps:<jobId>, hired:<jobId> (written with the records);
  // audience counters (concurrent, …) written by the counting workers
  streamCounters: (id: string) => `${P}stream:{s:${id}}:counters`,
  /** Streams by scheduled time, one sorted set per status and scope. */
  streams: (status: StreamStatus, scope: StreamScope = {}) =>
    scope.fairId
      ? `${P}fair:${scope.fairId}:streams:${status}`
      : scope.companyId
        ? `${P}company:${scope.companyId}:streams:${status}`
        : `${P}streams:${status}`,

  // live room: overlay state (version, pinned job) and its change channel
  overlay: (id: string) => `${P}stream:{s:${id}}:live`, // hash version, pinnedJobId, pinnedAt
  overlayChannel: () => `${P}live`, // pub/sub: message = streamId whose overlay changed
  metadataPush: (id: string) => `${P}stream:{s:${id}}:metadata-push`, // one LiveKit push per window
  livekitEvent: (eventId: string) => `${P}livekit:event:${eventId}`, // webhook dedupe, TTL

  // applications (one hash each)
  application: (id: string) => `${P}app:${id}`,
  streamApplications: (id: string) => `${P}stream:{s:${id}}:apps`, // zset createdAt
  idempotency: (streamId: string, key: string) => `${P}stream:{s:${streamId}}:idem:${key}`, // appId, TTL
  streamMinutes: (id: string) => `${P}stream:{s:${id}}:minutes`, // hash apps:<epochMinute> -> count
  jobApplications: (jobId: string) => `${P}job:${jobId}:apps`, // zset createdAt
  jobPhones: (jobId: string) => `${P}job:${jobId}:phones`, // hash phone -> appId: one per phone per job
  jobStreams: (jobId: string) => `${P}job:${jobId}:streams`, // set: streams showing this job card
  jobCounters: (jobId: string) => `${P}job:${jobId}:counters`, // hash applications, placements

  // audience counting (server/counting/)
  streamSessions: (id: string) => `${P}stream:{s:${id}}:sessions`, // set: sessions with a join
  streamViewers: (id: string) => `${P}stream:{s:${id}}:viewers`, // set: exact unique viewerIds
  streamViewersHll: (id: string) => `${P}stream:{s:${id}}:viewers-hll`, // HyperLogLog, for rollups
  streamWatch: (id: string) => `${P}stream:{s:${id}}:watch`, // hash sessionId -> watched ms, until it makes a view
  streamViewed: (id: string) => `${P}stream:{s:${id}}:viewed`, // set: sessions that have watched 10 s (a view)
  streamActive: (id: string) => `${P}stream:{s:${id}}:active`, // zset sessionId -> last join/beat ms
  streamLeft: (id: string) => `${P}stream:{s:${id}}:left`, // set: sessions that sent leave
  streamPairs: (id: string) => `${P}stream:{s:${id}}:pairs`, // set: impressions|session|job, clicks|…
  streamSeen: (id: string, bucket: number) => `${P}stream:{s:${id}}:seen:${bucket}`, // event ids, TTL
  streamAdmitted: (id: string) => `${P}stream:{s:${id}}:admitted`, // hash sessionId -> began ms: sessions that count
  streamAdmissions: (id: string, minute: number) => `${P}stream:{s:${id}}:admissions:${minute}`, // hash address tag -> sessions admitted that minute, TTL
  streamReport: (id: string) => `${P}stream:{s:${id}}:report`, // JSON stats frozen after the end
  reportsPending: () => `${P}reports:pending`, // zset streamId -> endedAt ms

  totals: () => `${P}totals`, // hash jobsOpen, headcountOpen: platform figures kept as they change

  scratch: (token: string) => `${P}scratch:${token}`, // short-lived working keys (HLL merges)

  // bookkeeping
  seeded: () => `${P}meta:seeded`,
  queuePrefix: () => `${P}q`,
}

/** BullMQ queue names carry a hash tag so each queue's keys live on one Cluster slot. */
export const queues = {
  lifecycle: '{lifecycle}',
  events: '{events}',
}
