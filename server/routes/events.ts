import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { AppEnv, Deps } from '../context.ts'
import { ApiError } from '../errors.ts'
import { clientIp, hitAll } from '../middleware/rate-limit.ts'
import { keys } from '../store/keys.ts'
import { EVENT_TYPES, type CountedEvent } from '../events/types.ts'
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
  at: z.union([z.string().max(40), z.number()]).optional(), // the client's clock: kept out of the counts
})
const bodySchema = z.object({ events: z.array(eventSchema).min(1).max(100, 'At most 100 events per request') })

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
  const parsed = bodySchema.safeParse(raw)
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }))
    throw new ApiError('VALIDATION_FAILED', `${details[0]?.path.join('.')}: ${details[0]?.message}`, details)
  }
  return parsed.data.events
}

export const events = new Hono<AppEnv>().post('/', async (c) => {
  const { config, redis } = c.get('deps')
  const list = await readBody(c)
  await hitAll(c, [
    { bucket: 'events-ip', who: clientIp(c), limit: config.EVENTS_RATE_LIMIT_IP, windowSeconds: 60 },
    ...[...new Set(list.map((e) => e.viewerId))].map((who) => ({ bucket: 'events-viewer', who, limit: config.EVENTS_RATE_LIMIT_VIEWER, windowSeconds: 60 })),
  ])
  // Events for streams that do not exist are dropped, so nobody can grow keys at will.
  const streamIds = [...new Set(list.map((e) => e.streamId))]
  const exists = await redis.mget(...streamIds.map(keys.stream))
  const known = new Set(streamIds.filter((_, i) => exists[i] !== null))
  const t = Date.now()
  // Plain object literals of one shape (no rest/spread); the client's clock `at` is left out.
  const accepted: CountedEvent[] = []
  for (const e of list) {
    if (!known.has(e.streamId)) continue
    accepted.push({ id: e.id, type: e.type, streamId: e.streamId, viewerId: e.viewerId, sessionId: e.sessionId, jobId: e.jobId, watchedMs: e.watchedMs === undefined ? undefined : Math.min(e.watchedMs, 20_000), t })
  }
  if (accepted.length) await sinkOf(c.get('deps'))(accepted)
  return c.json({ accepted: accepted.length }, 202)
})
