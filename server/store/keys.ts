/**
 * Every Redis key the platform uses is built here, so the whole layout reads in one place.
 * It is valid on Redis Cluster: every script and MULTI touches keys of one hash slot only.
 * - {c} the catalog: accounts, sessions, companies, jobs (records, indexes, per-job phones,
 *   applications and counters), fairs, stream indexes and platform totals — small and
 *   human-paced, one slot, so their writes stay atomic together.
 * - {s:<streamId>} everything of one stream: its record, overlay, counting, applications.
 *   The busy paths (beacons, applications, SSE reads) spread over streams, hence over nodes.
 * - single keys with no tag (rate limits, webhook dedupe, fair minutes, scratch) are only ever
 *   touched alone.
 */
export type StreamStatus = 'scheduled' | 'live' | 'ended'
export type StreamScope = { fairId?: string; companyId?: string }

const P = 'zb:'
const C = 'zb:{c}:' // the catalog slot

export const keys = {
  // accounts
  user: (id: string) => `${C}user:${id}`,
  userIdByEmail: () => `${C}users:by-email`, // hash email -> userId
  usersByRole: (role: string) => `${C}users:role:${role}`, // zset createdAt
  recruitersByStatus: (status: string) => `${C}recruiters:status:${status}`, // zset createdAt
  session: (token: string) => `${C}session:${token}`, // string userId, TTL
  userSessions: (userId: string) => `${C}user:${userId}:sessions`, // set of tokens, for revocation
  rateLimit: (bucket: string, who: string, window: number) => `${P}rl:${bucket}:${who}:${window}`,
  loginBackoff: (account: string) => `${P}login-backoff:${account}`, // hash tries, until (ms): per-account sign-in backoff, TTL; account = email digest

  // companies
  company: (id: string) => `${C}company:${id}`,
  companies: () => `${C}companies`, // zset createdAt
  companyAssistants: (id: string) => `${C}company:${id}:assistants`, // zset createdAt: its 场控 accounts
  companyContact: (id: string) => `${C}company:${id}:contact`, // hash hiringPhone: shown only to its applicants (GET /api/applications/:id/status)

  // jobs
  job: (id: string) => `${C}job:${id}`,
  jobs: (status: 'open' | 'closed' | 'all', companyId?: string) =>
    companyId ? `${C}company:${companyId}:jobs:${status}` : `${C}jobs:${status}`, // zset createdAt

  // fairs
  fair: (id: string) => `${C}fair:${id}`,
  fairs: () => `${C}fairs`, // zset startsAt
  fairMinutes: (id: string) => `${P}fair:${id}:minutes`, // hash conc:<epochMinute> -> highest fair-wide concurrency sampled
  fairScreenLinks: (id: string) => `${C}fair:${id}:screen-links`, // zset createdAt: its read-only 大屏 links
  screenLink: (id: string) => `${C}screen-link:${id}`, // string JSON {id, fairId, label, tokenHash, createdAt}
  screenLinkByToken: (tokenHash: string) => `${C}screen-token:${tokenHash}`, // string link id, looked up by the token's SHA-256

  // village stations
  stationApplications: (userId: string) => `${C}station:${userId}:apps`, // zset createdAt: applications the station filed for villagers

  // streams
  stream: (id: string) => `${P}stream:{s:${id}}`,
  // hash: applications, placements, apps:<jobId>, hired:<jobId> (written with the records);
  // audience counters (concurrent, …) written by the counting workers
  streamCounters: (id: string) => `${P}stream:{s:${id}}:counters`,
  /** Streams by scheduled time, one sorted set per status and scope. */
  streams: (status: StreamStatus, scope: StreamScope = {}) =>
    scope.fairId
      ? `${C}fair:${scope.fairId}:streams:${status}`
      : scope.companyId
        ? `${C}company:${scope.companyId}:streams:${status}`
        : `${C}streams:${status}`,

  // live room: overlay state (version, pinned job) and its change channel
  overlay: (id: string) => `${P}stream:{s:${id}}:live`, // hash version, pinnedJobId, pinnedAt
  overlayChannel: () => `${P}live`, // pub/sub: message = streamId whose overlay changed
  metadataPush: (id: string) => `${P}stream:{s:${id}}:metadata-push`, // one LiveKit push per window
  livekitEvent: (eventId: string) => `${P}livekit:event:${eventId}`, // webhook dedupe, TTL

  // applications (one hash each)
  /** An application lives with its stream: its id starts with the stream's (applicationId). */
  application: (id: string) => `${P}stream:{s:${streamOfApplication(id)}}:app:${id}`,
  streamApplications: (id: string) => `${P}stream:{s:${id}}:apps`, // zset createdAt
  idempotency: (streamId: string, key: string) => `${P}stream:{s:${streamId}}:idem:${key}`, // appId, TTL
  streamMinutes: (id: string) => `${P}stream:{s:${id}}:minutes`, // hash apps:<epochMinute> -> count
  jobApplications: (jobId: string) => `${C}job:${jobId}:apps`, // zset createdAt
  jobPhones: (jobId: string) => `${C}job:${jobId}:phones`, // hash phone -> appId (or a claim '~appId|ms' while it is being stored): one per phone per job
  jobStreams: (jobId: string) => `${C}job:${jobId}:streams`, // set: streams showing this job card
  jobCounters: (jobId: string) => `${C}job:${jobId}:counters`, // hash applications, placements

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
  streamChannels: (id: string) => `${P}stream:{s:${id}}:channels`, // set: distinct share channels (?src=) counted, capped (counting/channels.ts)
  streamSessionChannel: (id: string) => `${P}stream:{s:${id}}:session-channel`, // hash sessionId -> channel its join came through (non-direct only)
  streamAdmissions: (id: string, minute: number) => `${P}stream:{s:${id}}:admissions:${minute}`, // hash address tag -> sessions admitted that minute, TTL
  streamCommenters: (id: string) => `${P}stream:{s:${id}}:commenters`, // set: viewerIds that commented (counting/comments.ts)
  streamReport: (id: string) => `${P}stream:{s:${id}}:report`, // JSON stats frozen after the end
  reportsPending: () => `${C}reports:pending`, // zset streamId -> endedAt ms

  // the live room's conversation (server/comments/)
  comments: (id: string) => `${P}stream:{s:${id}}:comments`, // Redis stream, MAXLEN ~ 1000: t text, n name, v viewerId, a at ms
  chatSettings: (id: string) => `${P}stream:{s:${id}}:chat`, // hash slowModeSeconds, minWatchSeconds (absent: off)
  chatMutes: (id: string) => `${P}stream:{s:${id}}:mutes`, // set of muted viewerIds
  chatLast: (id: string) => `${P}stream:{s:${id}}:chat-last`, // hash viewerId -> last comment ms (slow mode)
  viewerWatch: (id: string) => `${P}stream:{s:${id}}:viewer-watch`, // hash viewerId -> watched ms over all their sessions (fold.lua.ts)
  commentsAnswered: (id: string) => `${P}stream:{s:${id}}:answered`, // set of comment entry ids marked 已回答
  commentsDeleted: (id: string) => `${P}stream:{s:${id}}:deleted`, // list: recent deleted comment ids, for pollers
  pinnedAnswer: (id: string) => `${P}stream:{s:${id}}:pinned-answer`, // JSON {commentId, question, name, answer, at}
  ticker: (id: string) => `${P}stream:{s:${id}}:ticker`, // list: recent 「张**刚刚报名了…」 items, JSON
  moderationLog: (id: string) => `${P}stream:{s:${id}}:modlog`, // list: JSON entries, newest first, capped
  bannedWords: () => `${C}banned-words`, // JSON array: the organizer's list, every stream
  chatChannel: () => `${P}chat`, // pub/sub: JSON {s: streamId, k: kind, …} (server/comments/messages.ts)

  // 预约直播: SMS reminders (server/reminders/); a reservation's id starts with its stream's
  reservation: (id: string) => `${P}stream:{s:${streamOfReservation(id)}}:rsv:${id}`, // hash id, streamId, phone, token, channel, createdAt, unsubscribedAt?, sentFor?
  reminderClaim: (id: string, startMs: number) => `${P}stream:{s:${streamOfReservation(id)}}:rsv:${id}:sending:${startMs}`, // string, TTL: a worker is sending this reminder for this start (workers/send-reminder.ts)
  streamReservations: (id: string) => `${P}stream:{s:${id}}:rsv-phones`, // hash phone -> reservation id: one per phone per stream
  reservationLink: (code: string) => `${C}rsv-link:${code}`, // string reservation id: the SMS's short link /r/<code> (catalog index)

  totals: () => `${C}totals`, // hash jobsOpen, headcountOpen: platform figures kept as they change

  scratch: (token: string, n: number) => `${P}scratch:{${token}}:${n}`, // short-lived working keys of one slot (HLL merges)

  // bookkeeping
  seeded: () => `${P}meta:seeded:v2`, // v2: the cluster-safe layout,
  queuePrefix: () => `${P}q`,
}

/** BullMQ queue names carry a hash tag so each queue's keys live on one Cluster slot. */
export const queues = {
  lifecycle: '{lifecycle}',
  events: '{events}',
  reminders: '{reminders}', // 预约直播 SMS reminders: one delayed job per reservation
}

/**
 * Application ids start with their stream's id, so the application's key (in the stream's
 * slot) can be found from the id alone.
 */
export const applicationId = (streamId: string, unique: string) => `${streamId}.${unique}`
export function streamOfApplication(id: string): string {
  const dot = id.lastIndexOf('.')
  return dot > 0 ? id.slice(0, dot) : '-'
}

/** A reservation id, like an application's, starts with its stream's: its keys are found from it. */
export const reservationId = applicationId
export const streamOfReservation = (id: string) => streamOfApplication(id)

/** A comment id: its stream's id and its Redis stream entry id, so its keys are found from it. */
export const commentId = (streamId: string, entryId: string) => `${streamId}.${entryId}`
export const streamOfComment = streamOfApplication
export const entryOfComment = (id: string) => id.slice(id.lastIndexOf('.') + 1)
