import { createHash } from 'node:crypto'
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { AppEnv, Deps } from '../context.ts'
import { ApiError } from '../errors.ts'
import { assertWellFormed } from '../lib/validate.ts'
import { clientIp, hitAll } from '../middleware/rate-limit.ts'
import { keys } from '../store/keys.ts'
import { EVENT_TYPES, type EventRows } from '../counting/rows.ts'
import { directSink, eventsQueue, type EventSink } from '../events/queue.ts'

const idField = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'Use 8–64 letters, digits, - or _')
const eventSchema = z.object({
  id: idField,
  type: z.enum(EVENT_TYPES),
  streamId: z.string().min(1).max(64),
  viewerId: idField,
  sessionId: idField,
  jobId: z.string().min(1).max(64).optional(),
  watchedMs: z.number().int().min(0).max(3_600_000).optional(),
  at: z.union([z.string().max(40), z.number()]).optional(), // the client's clock: only its distance to sentAt is used
})
// sentAt: the client's clock when it sent the request. With each event's `at` it gives the
// event's age without trusting the phone's clock to agree with ours.
const bodySchema = z.object({ events: z.array(eventSchema).min(1).max(100, 'At most 100 events per request'), sentAt: z.number().optional() })
const MAX_AGE_MS = 24 * 3600_000

// The Workers path has no process-wide batcher: one job per request.
const fallbackSinks = new WeakMap<Deps, EventSink>()
function sinkOf(deps: Deps): EventSink {
  if (deps.events) return deps.events
  let sink = fallbackSinks.get(deps)
  if (!sink) fallbackSinks.set(deps, (sink = directSink(eventsQueue(deps.redis))))
  return sink
}

/** JSON either way: sendBeacon posts a string as text/plain. */
async function readBody(c: Context<AppEnv>) {
  let raw: unknown
  try {
    raw = JSON.parse(await c.req.text())
  } catch {
    throw new ApiError('MALFORMED_JSON', 'Request body is not valid JSON')
  }
  assertWellFormed(raw)
  const parsed = bodySchema.safeParse(raw)
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }))
    throw new ApiError('VALIDATION_FAILED', `${details[0]?.path.join('.')}: ${details[0]?.message}`, details)
  }
  return parsed.data
}

/** How long ago the client says the event happened (0 when it cannot say). */
function ageOf(at: string | number | undefined, sentAt: number | undefined) {
  if (sentAt === undefined || at === undefined) return 0
  const ms = sentAt - (typeof at === 'number' ? at : Date.parse(at))
  return ms > 0 ? Math.min(ms, MAX_AGE_MS) : 0 // NaN (unparseable) → 0
}

// Streams are never deleted, so one seen to exist is remembered (bounded): most requests
// then skip the existence lookup.
const KNOWN_STREAMS_MAX = 10_000
const knownStreams = new WeakMap<Deps, Set<string>>()
async function existing(deps: Deps, streamIds: string[]) {
  let known = knownStreams.get(deps)
  if (!known) knownStreams.set(deps, (known = new Set()))
  const unknown = streamIds.filter((id) => !known.has(id))
  if (unknown.length) {
    const found = await deps.redis.mget(...unknown.map(keys.stream))
    if (known.size + unknown.length > KNOWN_STREAMS_MAX) known.clear()
    unknown.forEach((id, i) => found[i] !== null && known.add(id))
  }
  return known
}

/** The sender's address as a short tag: enough to budget new sessions, not the address itself. */
const addressTag = (ip: string) => createHash('sha256').update(ip).digest('base64url').slice(0, 12)

export const events = new Hono<AppEnv>().post('/', async (c) => {
  const deps = c.get('deps')
  const { config } = deps
  const { events: list, sentAt } = await readBody(c)
  const ip = clientIp(c)
  await hitAll(c, [
    { bucket: 'events-ip', who: ip, limit: config.EVENTS_RATE_LIMIT_IP, windowSeconds: 60 },
    ...[...new Set(list.map((e) => e.viewerId))].map((who) => ({ bucket: 'events-viewer', who, limit: config.EVENTS_RATE_LIMIT_VIEWER, windowSeconds: 60 })),
  ])
  // Events for streams that do not exist are dropped, so nobody can grow keys at will.
  const known = await existing(deps, [...new Set(list.map((e) => e.streamId))])
  const t = Date.now()
  const who = addressTag(ip)
  const streams = new Map<string, EventRows>()
  let accepted = 0
  for (const e of list) {
    if (!known.has(e.streamId)) continue
    let rows = streams.get(e.streamId)
    if (!rows) streams.set(e.streamId, (rows = []))
    rows.push(e.id, e.type, e.viewerId, e.sessionId, e.jobId ?? '', e.watchedMs === undefined ? 0 : Math.min(e.watchedMs, 20_000), t - ageOf(e.at, sentAt), who)
    accepted++
  }
  if (accepted) await sinkOf(deps)({ t, streams, admit: config.AUDIENCE_NEW_SESSIONS_PER_IP })
  return c.json({ accepted }, 202)
})
