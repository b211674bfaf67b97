import type * as z from 'zod/mini'
import type { ErrorCode } from '../errors.ts'
import type { ResponseName } from '../../schemas/responses.ts'
import type { Role } from '../store/types.ts'
import { beaconBatch } from '../../schemas/beacons.ts'

/**
 * What the routes' code says and their middleware cannot: who may call each operation, what it
 * answers on success and which error codes it can give. Request bodies and queries are not here:
 * the document takes them from the routes' own validators (server/lib/validate.ts). Errors every
 * operation can give (a cross-site write, a body too large, Redis down…) are added by document.ts.
 * The key is the route as Hono registers it; tests/integration/openapi.test.ts fails when a
 * route of the app has no entry here.
 */
export type Operation = {
  summary: string
  tag: 'Health' | 'Accounts' | 'Admin' | 'Jobs' | 'Fairs' | 'Streams' | 'Live room' | 'Applications' | 'Numbers' | 'Video' | 'Docs'
  /** public: no session needed; optional: a session changes the answer; else signed in with one of the roles (any role: 'signed-in'). */
  auth: 'public' | 'optional' | 'signed-in' | Role[]
  /** Where the route itself narrows who may call, beyond the roles. */
  who?: string
  ok: Partial<Record<number, ResponseName | 'csv' | 'event-stream' | 'empty' | 'html' | 'openapi' | 'asset' | 'png' | 'calendar'>>
  errors: ErrorCode[]
  /** Only for a route that reads its own body (no validator middleware to take it from). */
  body?: { schema: z.ZodMiniType; types: string[] }
  headers?: { name: string; description: string }[]
}

const recruiter: Role[] = ['recruiter']
const organizer: Role[] = ['organizer']
const APPROVED = 'An approved recruiter (NOT_APPROVED while the company waits for approval).'
const OWNER = `${APPROVED} The resource must belong to their company (FORBIDDEN otherwise).`
const STAFF = 'An approved recruiter of the stream’s company or one of its 场控 assistants (FORBIDDEN otherwise).'
const asRecruiter: ErrorCode[] = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_APPROVED']
const asOrganizer: ErrorCode[] = ['UNAUTHENTICATED', 'FORBIDDEN']

export const operations: Record<string, Operation> = {
  'GET /api/health': { summary: 'Is the API up and does Redis answer', tag: 'Health', auth: 'public', ok: { 200: 'health', 503: 'health' }, errors: [] },

  'POST /api/auth/register': { summary: 'Register a company (recruiter account, pending approval); signs in', tag: 'Accounts', auth: 'public', ok: { 201: 'signedIn' }, errors: ['VALIDATION_FAILED', 'EMAIL_TAKEN', 'RATE_LIMITED'] },
  'POST /api/auth/login': { summary: 'Sign in: sets the session cookie', tag: 'Accounts', auth: 'public', ok: { 200: 'signedIn' }, errors: ['VALIDATION_FAILED', 'INVALID_CREDENTIALS', 'ACCOUNT_SUSPENDED', 'RATE_LIMITED'] },
  'POST /api/auth/logout': { summary: 'Sign out: ends the session and clears the cookie', tag: 'Accounts', auth: 'optional', ok: { 204: 'empty' }, errors: [] },
  'GET /api/me': { summary: 'The signed-in account and its company', tag: 'Accounts', auth: 'signed-in', ok: { 200: 'signedIn' }, errors: ['UNAUTHENTICATED'] },

  'GET /api/admin/recruiters': { summary: 'Recruiter accounts by status, with their companies', tag: 'Admin', auth: organizer, ok: { 200: 'recruiters' }, errors: [...asOrganizer, 'VALIDATION_FAILED'] },
  'POST /api/admin/recruiters/:userId/approve': { summary: 'Approve a recruiter', tag: 'Admin', auth: organizer, ok: { 200: 'user' }, errors: [...asOrganizer, 'NOT_FOUND', 'CONFLICT'] },
  'POST /api/admin/recruiters/:userId/suspend': { summary: 'Suspend a recruiter (ends their sessions)', tag: 'Admin', auth: organizer, ok: { 200: 'user' }, errors: [...asOrganizer, 'NOT_FOUND', 'CONFLICT'] },
  'GET /api/admin/stations': { summary: 'Village service station accounts', tag: 'Admin', auth: organizer, ok: { 200: 'stations' }, errors: [...asOrganizer, 'VALIDATION_FAILED'] },
  'POST /api/admin/stations': { summary: 'Create a village service station account', tag: 'Admin', auth: organizer, ok: { 201: 'user' }, errors: [...asOrganizer, 'VALIDATION_FAILED', 'EMAIL_TAKEN'] },

  'POST /api/company/assistants': { summary: 'Create a 场控 assistant account for the company (pins cards, moderates, sees counts; never phones or CSV)', tag: 'Accounts', auth: recruiter, who: APPROVED, ok: { 201: 'user' }, errors: [...asRecruiter, 'VALIDATION_FAILED', 'EMAIL_TAKEN'] },
  'GET /api/company/assistants': { summary: 'The company’s 场控 assistant accounts', tag: 'Accounts', auth: recruiter, who: APPROVED, ok: { 200: 'assistants' }, errors: [...asRecruiter, 'VALIDATION_FAILED'] },
  'DELETE /api/company/assistants/:userId': { summary: 'Remove one of the company’s assistants (signs it out everywhere)', tag: 'Accounts', auth: recruiter, who: APPROVED, ok: { 204: 'empty' }, errors: [...asRecruiter, 'NOT_FOUND'] },

  'GET /api/company': { summary: 'The recruiter’s company, with its 招聘电话', tag: 'Accounts', auth: recruiter, who: APPROVED, ok: { 200: 'companyProfile' }, errors: [...asRecruiter, 'NOT_FOUND'] },
  'PATCH /api/company': { summary: 'Set or clear the company’s 招聘电话 (shown only to its applicants, in 我的报名)', tag: 'Accounts', auth: recruiter, who: APPROVED, ok: { 200: 'companyProfile' }, errors: [...asRecruiter, 'VALIDATION_FAILED', 'NOT_FOUND'] },

  'POST /api/jobs': { summary: 'Post a job', tag: 'Jobs', auth: recruiter, who: APPROVED, ok: { 201: 'job' }, errors: [...asRecruiter, 'VALIDATION_FAILED'] },
  'GET /api/jobs': { summary: 'Jobs, newest first', tag: 'Jobs', auth: 'public', ok: { 200: 'jobs' }, errors: ['VALIDATION_FAILED'] },
  'GET /api/jobs/:id': { summary: 'One job and its company', tag: 'Jobs', auth: 'public', ok: { 200: 'jobWithCompany' }, errors: ['NOT_FOUND'] },
  'PATCH /api/jobs/:id': { summary: 'Edit a job (null removes an optional field)', tag: 'Jobs', auth: recruiter, who: OWNER, ok: { 200: 'job' }, errors: [...asRecruiter, 'VALIDATION_FAILED', 'NOT_FOUND', 'INVALID_STATE', 'CONFLICT'] },
  'POST /api/jobs/:id/close': { summary: 'Close a job (no more applications)', tag: 'Jobs', auth: recruiter, who: OWNER, ok: { 200: 'job' }, errors: [...asRecruiter, 'NOT_FOUND', 'INVALID_STATE', 'CONFLICT'] },

  'POST /api/fairs': { summary: 'Create a job fair', tag: 'Fairs', auth: organizer, ok: { 201: 'fair' }, errors: [...asOrganizer, 'VALIDATION_FAILED'] },
  'GET /api/fairs': { summary: 'Job fairs', tag: 'Fairs', auth: 'public', ok: { 200: 'fairs' }, errors: ['VALIDATION_FAILED'] },
  'POST /api/fairs/:id/screen-links': { summary: 'Make a read-only 大屏 link for a hall screen (the token is shown only now)', tag: 'Fairs', auth: organizer, ok: { 201: 'screenLinkMade' }, errors: [...asOrganizer, 'VALIDATION_FAILED', 'NOT_FOUND', 'CONFLICT'] },
  'GET /api/fairs/:id/screen-links': { summary: 'A fair’s 大屏 links (without their tokens)', tag: 'Fairs', auth: organizer, ok: { 200: 'screenLinks' }, errors: [...asOrganizer, 'NOT_FOUND'] },
  'DELETE /api/screen-links/:id': { summary: 'Revoke a 大屏 link: its token answers 404 from now on', tag: 'Fairs', auth: organizer, ok: { 204: 'empty' }, errors: [...asOrganizer, 'NOT_FOUND'] },
  'GET /api/screen/:token/stats': { summary: 'A fair’s numbers for the 大屏, by a screen link’s token (no session, no personal data)', tag: 'Numbers', auth: 'public', ok: { 200: 'fairStats' }, errors: ['NOT_FOUND', 'RATE_LIMITED'] },
  'GET /api/fairs/:id': { summary: 'One fair and its streams', tag: 'Fairs', auth: 'public', ok: { 200: 'fairWithStreams' }, errors: ['NOT_FOUND'] },

  'POST /api/streams': { summary: 'Schedule a stream showing some of the company’s open jobs', tag: 'Streams', auth: recruiter, who: APPROVED, ok: { 201: 'stream' }, errors: [...asRecruiter, 'VALIDATION_FAILED'] },
  'GET /api/streams': { summary: 'Streams by status, fair or company', tag: 'Streams', auth: 'public', ok: { 200: 'streams' }, errors: ['VALIDATION_FAILED'] },
  'GET /api/streams/:id': { summary: 'One stream with its company, jobs and fair', tag: 'Streams', auth: 'public', ok: { 200: 'streamDetail' }, errors: ['NOT_FOUND'] },
  'PATCH /api/streams/:id': { summary: 'Edit a stream that has not ended', tag: 'Streams', auth: recruiter, who: OWNER, ok: { 200: 'stream' }, errors: [...asRecruiter, 'VALIDATION_FAILED', 'NOT_FOUND', 'INVALID_STATE', 'CONFLICT'] },
  'POST /api/streams/:id/start': { summary: 'Go live', tag: 'Streams', auth: recruiter, who: OWNER, ok: { 200: 'stream' }, errors: [...asRecruiter, 'NOT_FOUND', 'INVALID_STATE', 'CONFLICT'] },
  'POST /api/streams/:id/end': { summary: 'End the stream', tag: 'Streams', auth: recruiter, who: OWNER, ok: { 200: 'stream' }, errors: [...asRecruiter, 'NOT_FOUND', 'INVALID_STATE', 'CONFLICT'] },

  'POST /api/streams/:id/pin': { summary: 'Pin a job card over the video, or clear it', tag: 'Live room', auth: ['recruiter', 'assistant'], who: `${OWNER} Or one of that company’s 场控 assistants.`, ok: { 200: 'live' }, errors: [...asRecruiter, 'VALIDATION_FAILED', 'NOT_FOUND', 'INVALID_STATE'] },
  'GET /api/streams/:id/live': { summary: 'The overlay state every viewer shows (ETag; 304 when unchanged)', tag: 'Live room', auth: 'public', ok: { 200: 'overlayState', 304: 'empty' }, errors: ['NOT_FOUND'], headers: [{ name: 'If-None-Match', description: 'The ETag of the state the client holds' }] },
  'GET /api/streams/:id/live/events': { summary: 'The overlay state as Server-Sent Events (Node only)', tag: 'Live room', auth: 'public', ok: { 200: 'event-stream' }, errors: ['NOT_FOUND', 'RATE_LIMITED', 'LIVE_EVENTS_UNAVAILABLE'] },

  'POST /api/streams/:id/comments': {
    summary: 'Comment in the live room (phones masked, links refused, banned words rejected; mute, slow mode and the established-viewer rule apply)',
    tag: 'Live room',
    auth: 'optional',
    who: 'Anyone; a signed-in station comments with its own name, the company’s staff with theirs (and no room rules).',
    ok: { 201: 'comment' },
    errors: ['VALIDATION_FAILED', 'CONTENT_REJECTED', 'MUTED', 'NOT_ESTABLISHED', 'NOT_FOUND', 'INVALID_STATE', 'RATE_LIMITED'],
  },
  'GET /api/streams/:id/comments': { summary: 'The newest comments (oldest first), or those after ?since= (polling), with deletions, the pinned answer, the ticker and the room rules', tag: 'Live room', auth: 'optional', who: 'Anyone; the company’s staff also see each comment’s viewerId.', ok: { 200: 'comments' }, errors: ['VALIDATION_FAILED', 'NOT_FOUND'] },
  'DELETE /api/comments/:id': { summary: 'Delete a comment: it disappears for every viewer', tag: 'Live room', auth: ['recruiter', 'assistant'], who: STAFF, ok: { 204: 'empty' }, errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'] },
  'POST /api/comments/:id/answered': { summary: 'Mark a comment 已回答', tag: 'Live room', auth: ['recruiter', 'assistant'], who: STAFF, ok: { 200: 'comment' }, errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'] },
  'POST /api/streams/:id/pinned-answer': { summary: 'Pin an answer to a question for the whole room (commentId null clears it)', tag: 'Live room', auth: ['recruiter', 'assistant'], who: STAFF, ok: { 200: 'pinnedAnswer' }, errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED', 'CONTENT_REJECTED'] },
  'POST /api/streams/:id/mutes': { summary: 'Mute a viewer in this stream (by viewerId or by one of their comments)', tag: 'Live room', auth: ['recruiter', 'assistant'], who: STAFF, ok: { 201: 'mute' }, errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED'] },
  'DELETE /api/streams/:id/mutes/:viewerId': { summary: 'Unmute a viewer in this stream: they can comment again at once (idempotent)', tag: 'Live room', auth: ['recruiter', 'assistant'], who: STAFF, ok: { 204: 'empty' }, errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED'] },
  'PATCH /api/streams/:id/chat-settings': { summary: 'Slow mode and the established-viewer rule (0: off, the default)', tag: 'Live room', auth: ['recruiter', 'assistant'], who: STAFF, ok: { 200: 'chatSettings' }, errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED'] },
  'GET /api/streams/:id/moderation-log': { summary: 'Who deleted, muted, answered or pinned what, and when (newest first)', tag: 'Live room', auth: ['organizer', 'recruiter', 'assistant'], who: `An organizer, or ${STAFF.charAt(0).toLowerCase()}${STAFF.slice(1)}`, ok: { 200: 'moderationLog' }, errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED'] },
  'GET /api/admin/banned-words': { summary: 'The organizer’s banned words (every stream)', tag: 'Admin', auth: organizer, ok: { 200: 'bannedWords' }, errors: asOrganizer },
  'PUT /api/admin/banned-words': { summary: 'Replace the banned words: a comment holding one is refused (CONTENT_REJECTED)', tag: 'Admin', auth: organizer, ok: { 200: 'bannedWords' }, errors: [...asOrganizer, 'VALIDATION_FAILED'] },

  'POST /api/streams/:id/reservations': {
    summary: '预约直播: one SMS reminder 10 minutes before the start (at once when later); the same phone again answers 200 with the same reservation',
    tag: 'Streams',
    auth: 'public',
    ok: { 201: 'reservationCreated', 200: 'reservationCreated' },
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'INVALID_STATE', 'RATE_LIMITED'],
  },
  'DELETE /api/reservations/:id': { summary: 'Unsubscribe (the SMS link’s token): no reminder is sent', tag: 'Streams', auth: 'public', who: 'Whoever holds the reservation’s token (a wrong token: NOT_FOUND).', ok: { 204: 'empty' }, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'RATE_LIMITED'] },
  'GET /api/reservation-links/:code': { summary: 'The reservation an SMS link opens (phone masked), for its unsubscribe page', tag: 'Streams', auth: 'public', ok: { 200: 'reservationLink' }, errors: ['NOT_FOUND', 'RATE_LIMITED'] },
  'GET /api/streams/:id/calendar.ics': { summary: '加入日历: the stream as an iCalendar event (text/calendar)', tag: 'Streams', auth: 'public', ok: { 200: 'calendar' }, errors: ['NOT_FOUND', 'RATE_LIMITED'] },

  'GET /api/streams/:id/stats': { summary: 'A stream’s numbers', tag: 'Numbers', auth: ['recruiter', 'assistant', 'organizer'], who: 'An organizer, or an approved recruiter or assistant of the stream’s company.', ok: { 200: 'streamStats' }, errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'] },
  'GET /api/fairs/:id/stats': { summary: 'A fair’s numbers, by stream, company, town and station', tag: 'Numbers', auth: organizer, ok: { 200: 'fairStats' }, errors: [...asOrganizer, 'VALIDATION_FAILED', 'NOT_FOUND'] },
  'GET /api/fairs/:id/report.csv': { summary: 'A fair’s report as CSV (UTF-8 with BOM)', tag: 'Numbers', auth: organizer, ok: { 200: 'csv' }, errors: [...asOrganizer, 'VALIDATION_FAILED', 'NOT_FOUND'] },
  'GET /api/fairs/:id/channels.csv': { summary: 'A fair’s share channels (来源渠道) as CSV (UTF-8 with BOM), one row per channel and a total', tag: 'Numbers', auth: organizer, ok: { 200: 'csv' }, errors: [...asOrganizer, 'VALIDATION_FAILED', 'NOT_FOUND'] },
  'GET /api/streams/:id/qr.png': { summary: 'A QR code of the stream’s watch link (PUBLIC_URL/watch/:id, with ?src= when given) for share sheets and posters', tag: 'Streams', auth: 'public', ok: { 200: 'png' }, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'RATE_LIMITED'] },
  'GET /api/fairs/:id/qr.png': { summary: 'A QR code of the fair page’s link (PUBLIC_URL/fairs/:id, with ?src= when given)', tag: 'Fairs', auth: 'public', ok: { 200: 'png' }, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'RATE_LIMITED'] },
  'GET /api/stats/overview': { summary: 'Platform totals', tag: 'Numbers', auth: organizer, ok: { 200: 'overview' }, errors: asOrganizer },
  'POST /api/events': {
    summary: 'Viewer beacons (views, impressions, clicks…), JSON or sendBeacon’s text/plain',
    tag: 'Numbers',
    auth: 'public',
    ok: { 202: 'accepted' },
    errors: ['VALIDATION_FAILED', 'RATE_LIMITED'],
    body: { schema: beaconBatch, types: ['application/json', 'text/plain'] },
  },

  'POST /api/streams/:id/applications': {
    summary: 'Apply for a job shown in the stream (a station applies for a villager)',
    tag: 'Applications',
    auth: 'optional',
    who: 'Anyone; a signed-in station is recorded as the one who filed it.',
    ok: { 201: 'applicationReceipt', 200: 'applicationReceipt' },
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'ALREADY_APPLIED', 'INVALID_STATE', 'RATE_LIMITED'],
    headers: [{ name: 'Idempotency-Key', description: '8–64 letters, digits, _ or -: a retry with the same key answers 200 with the same application' }],
  },
  'GET /api/streams/:id/applications': {
    summary: 'A stream’s applicants (organizers and assistants see names and phones masked)',
    tag: 'Applications',
    auth: ['recruiter', 'assistant', 'organizer'],
    who: 'An organizer, or an approved recruiter or assistant of the stream’s company (assistants: masked, like organizers).',
    ok: { 200: 'applications' },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_APPROVED', 'NOT_FOUND', 'VALIDATION_FAILED'],
  },
  'GET /api/streams/:id/applications.csv': {
    summary: 'A stream’s applicants as CSV',
    tag: 'Applications',
    auth: ['recruiter', 'organizer'],
    who: 'An organizer, or an approved recruiter of the stream’s company (never an assistant: FORBIDDEN).',
    ok: { 200: 'csv' },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_APPROVED', 'NOT_FOUND'],
  },
  'GET /api/applications/:id/status': {
    summary: '我的报名: how an application is going, with the company’s 招聘电话 (for the device holding its receipt)',
    tag: 'Applications',
    auth: 'public',
    who: 'Anyone holding the receipt the apply answer gave; a wrong or missing receipt is NOT_FOUND, as for an unknown id.',
    ok: { 200: 'applicationProgress' },
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'RATE_LIMITED'],
  },
  'GET /api/station/applications': { summary: 'The applications this village station filed for villagers (names and phones masked)', tag: 'Applications', auth: ['station'], ok: { 200: 'stationApplications' }, errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED'] },
  'PATCH /api/applications/:id': { summary: 'Move an applicant along (contacted, interview, hired, rejected)', tag: 'Applications', auth: recruiter, who: OWNER, ok: { 200: 'application' }, errors: [...asRecruiter, 'VALIDATION_FAILED', 'NOT_FOUND', 'CONFLICT'] },

  'POST /api/streams/:id/token': {
    summary: 'A LiveKit join token: the host’s for the owning recruiter, else a viewer’s (live streams only)',
    tag: 'Video',
    auth: 'optional',
    ok: { 200: 'joinToken' },
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'INVALID_STATE', 'RATE_LIMITED', 'LIVEKIT_DISABLED', 'LIVEKIT_UNAVAILABLE'],
  },
  'POST /api/streams/:id/ingress': { summary: 'An RTMP or WHIP ingest URL and key for OBS', tag: 'Video', auth: recruiter, who: OWNER, ok: { 200: 'ingress' }, errors: [...asRecruiter, 'VALIDATION_FAILED', 'NOT_FOUND', 'INVALID_STATE', 'RATE_LIMITED', 'LIVEKIT_DISABLED', 'LIVEKIT_UNAVAILABLE'] },
  'POST /api/livekit/webhook': {
    summary: 'LiveKit’s webhooks (signed with the API secret in Authorization)',
    tag: 'Video',
    auth: 'public',
    ok: { 200: 'webhook' },
    errors: ['LIVEKIT_DISABLED', 'INVALID_SIGNATURE', 'MALFORMED_JSON', 'VALIDATION_FAILED'],
    headers: [{ name: 'Authorization', description: 'The JWT LiveKit signs each webhook with' }],
  },

  'GET /api/openapi.json': { summary: 'This document', tag: 'Docs', auth: 'public', ok: { 200: 'openapi' }, errors: [] },
  'GET /api/docs': { summary: 'The API reference page', tag: 'Docs', auth: 'public', ok: { 200: 'html' }, errors: [] },
  'GET /api/docs/:file': { summary: 'The reference page’s scripts and styles', tag: 'Docs', auth: 'public', ok: { 200: 'asset' }, errors: ['NOT_FOUND'] },
}
