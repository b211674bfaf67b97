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

  // streams
  stream: (id: string) => `${P}stream:{s:${id}}`,
  streamCounters: (id: string) => `${P}stream:{s:${id}}:counters`, // hash, filled by workers
  /** Streams by scheduled time, one sorted set per status and scope. */
  streams: (status: StreamStatus, scope: StreamScope = {}) =>
    scope.fairId
      ? `${P}fair:${scope.fairId}:streams:${status}`
      : scope.companyId
        ? `${P}company:${scope.companyId}:streams:${status}`
        : `${P}streams:${status}`,

  // bookkeeping
  seeded: () => `${P}meta:seeded`,
  queuePrefix: () => `${P}q`,
}

/** BullMQ queue names carry a hash tag so each queue's keys live on one Cluster slot. */
export const queues = {
  lifecycle: '{lifecycle}',
}
