import { Hono, type Context } from 'hono'
import type { AppEnv, Deps } from '../context.ts'
import { ApiError } from '../errors.ts'
import { assertWellFormed, parseOrFail } from '../lib/validate.ts'
import { beaconBatch } from '../../schemas/beacons.ts'
import { clientIp, hitAll } from '../middleware/rate-limit.ts'
import { acceptBeacons } from '../beacons/accept.ts'
import { directSink, eventsQueue, type EventSink } from '../beacons/queue.ts'

// The Workers path has no process-wide batcher: one job per request.
const fallbackSinks = new WeakMap<Deps, EventSink>()
function sinkOf(deps: Deps): EventSink {
  if (deps.beaconSink) return deps.beaconSink
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
  return parseOrFail(beaconBatch, raw)
}

export const beacons = new Hono<AppEnv>().post('/', async (c) => {
  const deps = c.get('deps')
  const { config } = deps
  const batch = await readBody(c)
  const list = batch.events
  const ip = clientIp(c)
  await hitAll(c, [
    { bucket: 'events-ip', who: ip, limit: config.EVENTS_RATE_LIMIT_IP, windowSeconds: 60 },
    ...[...new Set(list.map((e) => e.viewerId))].map((who) => ({ bucket: 'events-viewer', who, limit: config.EVENTS_RATE_LIMIT_VIEWER, windowSeconds: 60 })),
  ])
  const { accepted, count } = await acceptBeacons(deps.redis, batch, ip, config.AUDIENCE_NEW_SESSIONS_PER_IP)
  if (count) {
    await sinkOf(deps)(accepted)
    deps.metrics?.beaconEventsAccepted(count) // once durably queued, as the 202 means
  }
  return c.json({ accepted: count }, 202)
})
