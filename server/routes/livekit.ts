import { Hono, type Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../context.ts'
import { livekitEnabled } from '../env.ts'
import { ApiError, notFound } from '../errors.ts'
import { assertWellFormed, jsonBody } from '../lib/validate.ts'
import { ingressBody, tokenBody } from '../../schemas/livekit.ts'
import { currentUser, requireApprovedRecruiter } from '../middleware/roles.ts'
import { hit, rateLimitByIp } from '../middleware/rate-limit.ts'
import { ownStream } from './owned.ts'
import { getStream } from '../store/streams.ts'
import { getCompany } from '../store/companies.ts'
import { hostToken, newViewerId, viewerToken } from '../livekit/tokens.ts'
import { streamIngress } from '../livekit/rooms.ts'
import { requireReachable } from '../livekit/reachable.ts'
import { applyWebhook, verifyWebhook } from '../livekit/webhook.ts'
import { streamMovesOf } from '../streams/moves.ts'

const TOKENS_PER_MINUTE = 60
const INGRESS_PER_MINUTE = 10


const now = (c: Context<AppEnv>) => c.get('deps').now?.() ?? new Date()

/** 503 LIVEKIT_DISABLED when LIVEKIT_URL / _API_KEY / _API_SECRET are not all set. */
const requireLivekit = createMiddleware<AppEnv>(async (c, next) => {
  if (!livekitEnabled(c.get('deps').config)) throw new ApiError('LIVEKIT_DISABLED', 'Live video is not configured on this server')
  await next()
})

// Mounted at /api: POST /streams/:id/token, POST /streams/:id/ingress, POST /livekit/webhook.
export const livekit = new Hono<AppEnv>()
  .post('/streams/:id/token', rateLimitByIp('lk-token', () => TOKENS_PER_MINUTE), requireLivekit, jsonBody(tokenBody), async (c) => {
    const { redis, config } = c.get('deps')
    const body = c.req.valid('json')
    const stream = await getStream(redis, c.req.param('id'))
    if (!stream) throw notFound('Stream')
    const user = c.get('user')
    const isHost = user?.role === 'recruiter' && user.status === 'approved' && user.companyId === stream.companyId
    if (isHost) {
      await requireReachable(config) // LiveKit down: a clear 503 now, not a token that cannot connect
      return c.json(await hostToken(config, stream, user), 200)
    }
    // Only a live stream admits viewers: LiveKit creates a room for whoever joins first, and
    // room_started / room_finished move the stream, so a viewer must never open the room.
    if (stream.status !== 'live') throw new ApiError('INVALID_STATE', stream.status === 'ended' ? 'This stream has ended' : 'This stream has not started yet')
    await requireReachable(config)
    const viewerId = body.viewerId ?? newViewerId()
    return c.json({ ...(await viewerToken(config, stream, viewerId, body.name)), viewerId }, 200)
  })
  .post('/streams/:id/ingress', requireApprovedRecruiter, jsonBody(ingressBody), requireLivekit, async (c) => {
    const { redis, config } = c.get('deps')
    const { type } = c.req.valid('json')
    const stream = await ownStream(c)
    if (stream.status === 'ended') throw new ApiError('INVALID_STATE', 'This stream has ended')
    await hit(c, 'lk-ingress', currentUser(c).id, INGRESS_PER_MINUTE, 60)
    const company = await getCompany(redis, stream.companyId)
    const { url, streamKey } = await streamIngress(config, stream, type, company?.name ?? stream.title)
    return c.json({ url, streamKey }, 200)
  })
  .post('/livekit/webhook', async (c) => {
    const { config } = c.get('deps')
    if (!livekitEnabled(config)) throw new ApiError('LIVEKIT_DISABLED', 'Live video is not configured on this server')
    const raw = await c.req.text()
    const event = await verifyWebhook(config, raw, c.req.header('authorization'))
    assertWellFormed(event) // signed, but its room and event ids still become keys
    return c.json(await applyWebhook(streamMovesOf(c.get('deps')), event, now(c)), 200)
  })
