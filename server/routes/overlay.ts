import { Hono } from 'hono'
import type { ServerResponse } from 'node:http'
import type { AppEnv } from '../context.ts'
import { ApiError, notFound } from '../errors.ts'
import { jsonBody, validationError } from '../lib/validate.ts'
import { pinBody } from '../../schemas/streams.ts'
import { requireCompanyStaff } from '../middleware/roles.ts'
import { readOverlay, setPinned } from '../store/overlay.ts'
import { ownStream } from './owned.ts'
import { clientIp } from '../middleware/rate-limit.ts'
import type { Admission } from '../overlay/sse-hub.ts'
import { joinFramesOf } from '../comments/join.ts'

// Mounted at /api/streams: pin, overlay state (GET /:id/live) and SSE (GET /:id/live/events).
// The company's recruiter or its 场控 assistants pin (ownStream: the stream is their company's).
export const overlay = new Hono<AppEnv>()
  .post('/:id/pin', requireCompanyStaff, jsonBody(pinBody), async (c) => {
    const stream = await ownStream(c)
    const { jobId } = c.req.valid('json')
    if (jobId && !stream.jobIds.includes(jobId)) throw validationError('jobId', 'jobId.notInStream')
    if (stream.status === 'ended') throw new ApiError('INVALID_STATE', 'This stream has ended')
    const { redis } = c.get('deps')
    await setPinned(redis, stream.id, jobId)
    return c.json({ live: (await readOverlay(redis, stream.id))! }, 200)
  })
  .get('/:id/live', async (c) => {
    const state = await readOverlay(c.get('deps').redis, c.req.param('id'))
    if (!state) throw notFound('Stream')
    // Edge- and browser-cacheable for a second: the Workers path is polling.
    const etag = `"v${state.version}"`
    c.header('ETag', etag)
    c.header('Cache-Control', 'public, max-age=1')
    if (c.req.header('if-none-match') === etag) return c.body(null, 304)
    return c.json(state, 200)
  })
  .get('/:id/live/events', async (c) => {
    const hub = c.get('deps').sseHub
    const res = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing
    if (!hub || !res) throw new ApiError('LIVE_EVENTS_UNAVAILABLE', 'Live events are not available here; poll GET /live instead')
    const address = clientIp(c)
    refuseOverCap(hub.admit(address)) // before the read: a refused client costs no Redis round trip
    const [state, joined] = await Promise.all([readOverlay(c.get('deps').redis, c.req.param('id')), joinFramesOf(c.get('deps').redis, c.req.param('id'))])
    if (!state) throw notFound('Stream')
    refuseOverCap(hub.admit(address)) // again, with no await until attach() takes the slot
    return hub.attach(c.req.param('id'), res, state, address, joined)
  })

// The viewer page polls GET /live while refused and asks for SSE again later (web/lib/overlay.ts).
const SSE_RETRY_AFTER = '30'
function refuseOverCap(admission: Admission) {
  if (admission === 'address-full')
    throw new ApiError('RATE_LIMITED', 'Too many live connections from your address; poll GET /live instead', undefined, { 'Retry-After': SSE_RETRY_AFTER })
  if (admission === 'process-full')
    throw new ApiError('LIVE_EVENTS_UNAVAILABLE', 'This server holds as many live connections as it can; poll GET /live instead', undefined, { 'Retry-After': SSE_RETRY_AFTER })
}
