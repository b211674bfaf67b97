import * as z from 'zod/mini'

// What the API answers with, for the OpenAPI document (server/openapi/) and the tests that hold
// real answers against it. Strict objects: a field the server starts sending (say a password
// hash or a full phone number) breaks the contract instead of slipping out unnoticed.

const id = z.string()
const when = z.string() // ISO-8601 UTC, as the store writes it
const count = z.number()
const page = <T extends z.ZodMiniType>(item: T) => z.strictObject({ items: z.array(item), next: z.nullable(z.string()) })

export const user = z.strictObject({
  id,
  email: z.string(),
  name: z.string(),
  role: z.enum(['organizer', 'recruiter', 'station', 'assistant']),
  status: z.enum(['pending', 'approved', 'suspended']),
  companyId: z.nullable(id),
  town: z.nullable(z.string()),
  createdAt: when,
})
export const company = z.strictObject({ id, name: z.string(), createdAt: when })
const companyRef = z.nullable(z.strictObject({ id, name: z.string() }))

const jobFields = {
  id,
  companyId: id,
  status: z.enum(['open', 'closed']),
  title: z.string(),
  pay: z.strictObject({ min: z.number(), max: z.number(), unit: z.enum(['month', 'day', 'hour', 'piece']) }),
  headcount: z.int(),
  // townCode, lat/lng and coordsOf come from the gazetteer; jobs stored before it have a free-text town only.
  location: z.strictObject({
    town: z.string(),
    townCode: z.optional(z.string()),
    address: z.optional(z.string()),
    shuttle: z.optional(z.string()),
    lat: z.optional(z.number()),
    lng: z.optional(z.number()),
    coordsOf: z.optional(z.enum(['town', 'county'])),
  }),
  tags: z.array(z.string()),
  ageMin: z.optional(z.int()),
  ageMax: z.optional(z.int()),
  description: z.optional(z.string()),
  dailyOutput: z.optional(z.number()),
  createdAt: when,
  updatedAt: when,
}
export const job = z.strictObject(jobFields)

export const fair = z.strictObject({ id, title: z.string(), startsAt: when, endsAt: when, description: z.optional(z.string()), createdAt: when })

const streamFields = {
  id,
  companyId: id,
  title: z.string(),
  status: z.enum(['scheduled', 'live', 'ended']),
  scheduledAt: when,
  jobIds: z.array(id),
  fairId: z.nullable(id),
  description: z.optional(z.string()),
  createdAt: when,
  updatedAt: when,
  startedAt: z.nullable(when),
  endedAt: z.nullable(when),
}
export const stream = z.strictObject(streamFields)
/** A list row: the company, the number of jobs and the live viewer count. */
const streamRow = z.strictObject({ ...streamFields, company: companyRef, jobCount: count, viewers: count })

const applicationStatus = z.enum(['new', 'contacted', 'interview', 'hired', 'rejected'])
/** The hiring company's view; an organizer's has name and phone masked and no note or viewerId. */
export const application = z.strictObject({
  id,
  streamId: id,
  jobId: id,
  companyId: id,
  name: z.string(),
  phone: z.string(),
  status: applicationStatus,
  createdAt: when,
  updatedAt: when,
  age: z.optional(z.int()),
  town: z.optional(z.string()),
  village: z.optional(z.string()),
  note: z.optional(z.string()),
  viewerId: z.optional(z.string()),
  station: z.nullable(z.strictObject({ id, name: z.string() })),
})
/** What the applicant (or the station) gets back: nothing about anyone else. */
export const applicationReceipt = z.strictObject({ id, streamId: id, jobId: id, status: applicationStatus, createdAt: when, receipt: z.optional(z.string()) })
/** 我的报名: how one application is going, for the device holding its receipt (no personal data). */
const applicationProgress = z.strictObject({ status: applicationStatus, updatedAt: when, job: z.strictObject({ id, title: z.string() }), company: z.strictObject({ name: z.string(), hiringPhone: z.optional(z.string()) }) })
/** What a station filed, masked like an organizer's view (the phone is the hiring company's). */
const stationApplication = z.strictObject({ id, streamId: id, jobId: id, jobTitle: z.string(), companyName: z.string(), name: z.string(), phone: z.string(), status: applicationStatus, createdAt: when, updatedAt: when })
const screenLink = { id, fairId: id, label: z.string(), createdAt: when }

export const overlayState = z.strictObject({
  version: count,
  status: z.enum(['scheduled', 'live', 'ended']),
  pinned: z.nullable(z.strictObject({ jobId: id, at: when })),
  viewers: count,
  jobs: z.array(z.strictObject({ jobId: id, applications: count, headcountLeft: count })),
  jobsUpdatedAt: z.nullable(when), // the newest job record's updatedAt: older ones on a page are stale
})

const totalsFields = {
  entries: count,
  views: count,
  uniqueViewers: count,
  concurrent: count,
  peakConcurrent: count,
  watchSeconds: count,
  impressions: count,
  clicks: count,
  applications: count,
  placements: count,
  likes: count,
  comments: count,
  commenters: count,
  reservations: count, // 预约直播
  suspectEvents: count,
}
const series = z.array(z.strictObject({ t: when, concurrent: count, applications: count, comments: count, likes: count }))
/** Per share channel (?src=; 'direct', 'other' beyond the cap): docs/counting.md. */
const channels = z.array(z.strictObject({ src: z.string(), name: z.optional(z.string()), entries: count, views: count, applications: count, reservations: count }))
export const streamStats = z.strictObject({
  ...totalsFields,
  jobs: z.array(z.strictObject({ jobId: id, impressions: count, clicks: count, applications: count, placements: count })),
  channels,
  series,
  // An ended stream's final report (workers/finalize-reports.ts) says so, and when it was written.
  final: z.optional(z.boolean()),
  finalizedAt: z.optional(when),
})
/** Counts of small groups are shown as "<5" (server/counting/rollups.ts). */
const smallCount = z.union([count, z.literal('<5')])
export const fairStats = z.strictObject({
  fair,
  ...totalsFields,
  series,
  streams: z.array(
    z.strictObject({ streamId: id, title: z.string(), status: z.enum(['scheduled', 'live', 'ended']), scheduledAt: when, companyId: id, companyName: z.string(), ...totalsFields, final: z.optional(z.boolean()), finalizedAt: z.optional(when) }),
  ),
  companies: z.array(z.strictObject({ companyId: id, name: z.string(), streams: count, ...totalsFields })),
  towns: z.array(z.strictObject({ town: z.string(), applications: smallCount, placements: smallCount })),
  stations: z.array(z.strictObject({ stationId: id, name: z.string(), town: z.nullable(z.string()), applications: smallCount, placements: smallCount })),
  channels,
})
export const overview = z.strictObject({
  streamsHeld: count,
  streamsScheduled: count,
  companies: count,
  fairs: count,
  jobsOpen: count,
  headcountOpen: count,
  ...totalsFields,
})

export const joinToken = z.strictObject({
  serverUrl: z.string(),
  roomName: z.string(),
  identity: z.string(),
  token: z.string(),
  role: z.enum(['host', 'viewer']),
  viewerId: z.optional(z.string()),
})

/** Every answer a route names in a response, by name (server/openapi/operations.ts). */
// The live room's conversation (server/comments/).
const comment = z.strictObject({ id, text: z.string(), name: z.string(), at: when, answered: z.boolean(), viewerId: z.optional(z.string()) })
const pinnedAnswer = z.nullable(z.strictObject({ commentId: id, question: z.string(), name: z.string(), answer: z.string(), at: when }))
const chatSettings = z.strictObject({ slowModeSeconds: count, minWatchSeconds: count })
const tickerItem = z.strictObject({ id, name: z.string(), jobTitle: z.string(), at: when })
const moderationEntry = z.strictObject({
  at: when,
  by: z.strictObject({ id, name: z.string(), role: z.string() }),
  action: z.enum(['delete', 'mute', 'unmute', 'answered', 'pin-answer', 'unpin-answer', 'settings']),
  commentId: z.optional(id),
  viewerId: z.optional(z.string()),
  text: z.optional(z.string()),
  name: z.optional(z.string()),
  settings: z.optional(chatSettings),
})

export const responses = {
  health: z.strictObject({ ok: z.boolean(), redis: z.enum(['up', 'down']), livekit: z.enum(['configured', 'disabled']) }),
  signedIn: z.strictObject({ user, company: z.optional(z.nullable(company)) }),
  recruiters: page(z.strictObject({ ...user.def.shape, company: z.nullable(company) })),
  stations: page(user),
  assistants: page(user),
  user: z.strictObject({ user }),
  job: z.strictObject({ job }),
  jobWithCompany: z.strictObject({ job, company: z.nullable(company) }),
  jobs: page(z.strictObject({ ...jobFields, company: companyRef })),
  fair: z.strictObject({ fair }),
  fairs: page(fair),
  fairWithStreams: z.strictObject({ fair, streams: z.array(streamRow), next: z.nullable(z.string()) }),
  stream: z.strictObject({ stream }),
  // video: LiveKit is configured here (as health's `livekit`); false → the page asks for no token.
  streamDetail: z.strictObject({ stream, company: z.nullable(company), jobs: z.array(job), fair: z.nullable(z.strictObject({ id, title: z.string() })), video: z.boolean() }),
  streams: page(streamRow),
  live: z.strictObject({ live: overlayState }),
  overlayState,
  streamStats,
  fairStats,
  overview,
  applicationReceipt: z.strictObject({ application: applicationReceipt }),
  application: z.strictObject({ application }),
  applicationProgress,
  stationApplications: page(stationApplication),
  companyProfile: z.strictObject({ company: z.strictObject({ ...company.def.shape, hiringPhone: z.nullable(z.string()) }) }),
  screenLinkMade: z.strictObject({ ...screenLink, token: z.string(), url: z.string() }),
  screenLinks: z.strictObject({ items: z.array(z.strictObject(screenLink)) }),
  applications: z.strictObject({ items: z.array(application), next: z.nullable(z.string()), newest: z.nullable(z.string()), more: z.boolean() }),
  accepted: z.strictObject({ accepted: count }),
  comment: z.strictObject({ comment }),
  comments: z.strictObject({ items: z.array(comment), next: z.nullable(z.string()), cursor: z.nullable(z.string()), deleted: z.array(id), pinnedAnswer, ticker: z.array(tickerItem), settings: chatSettings }),
  pinnedAnswer: z.strictObject({ pinnedAnswer }),
  mute: z.strictObject({ mute: z.strictObject({ viewerId: z.string() }) }),
  chatSettings: z.strictObject({ settings: chatSettings }),
  moderationLog: z.strictObject({ items: z.array(moderationEntry) }),
  bannedWords: z.strictObject({ words: z.array(z.string()) }),
  reservationCreated: z.strictObject({ reservation: z.strictObject({ id }) }),
  reservationLink: z.strictObject({ reservation: z.strictObject({ id, streamId: id, phone: z.nullable(z.string()), status: z.enum(['active', 'unsubscribed']) }) }),
  joinToken,
  ingress: z.strictObject({ url: z.string(), streamKey: z.string() }),
  webhook: z.strictObject({ ok: z.literal(true), applied: z.optional(z.enum(['live', 'ended'])), streamId: z.optional(id), duplicate: z.optional(z.literal(true)), ignored: z.optional(z.string()) }),
}
export type ResponseName = keyof typeof responses

/** The one error shape (server/errors.ts), narrowed to the codes an answer can carry. */
export const errorBody = (codes: readonly [string, ...string[]]) =>
  z.strictObject({
    error: z.strictObject({ code: z.enum(codes), message: z.string(), details: z.optional(z.unknown()), requestId: z.string() }),
  })
