import type { Redis } from 'ioredis'
import { WebhookReceiver, type WebhookEvent } from 'livekit-server-sdk'
import { ApiError } from '../errors.ts'
import type { Config } from '../env.ts'
import { keys } from '../store/keys.ts'
import { getStream } from '../store/streams.ts'
import { endStream, startStream, type StreamMoveDeps } from '../streams/moves.ts'
import { livekitCredentials } from './tokens.ts'

// LiveKit's signed webhooks. They are hints (late, duplicated or lost — DESIGN "Shape"):
// room_started / room_finished move the stream, each at most once per event id; the host's
// participant_joined / participant_left are noted for the lifecycle worker (a host gone too
// long ends the stream). Nothing here feeds watch time or concurrency.

const DEDUPE_SECONDS = 24 * 3600
/** LiveKit's clock and ours may differ a little. */
const SKEW_MS = 5_000

export type WebhookOutcome =
  | { ok: true; applied: 'live' | 'ended'; streamId: string }
  | { ok: true; duplicate: true }
  | { ok: true; ignored: string }

/** Verifies the Authorization JWT and its sha256 claim against the raw body text. */
export async function verifyWebhook(config: Config, rawBody: string, authorization: string | undefined): Promise<WebhookEvent> {
  const lk = livekitCredentials(config)
  const token = authorization?.replace(/^Bearer\s+/i, '').trim()
  if (!token) throw new ApiError('INVALID_SIGNATURE', 'Missing Authorization header')
  try {
    return await new WebhookReceiver(lk.apiKey, lk.apiSecret).receive(rawBody, token)
  } catch (err) {
    // The SDK checks the signature before it parses; a SyntaxError means a signed non-JSON body.
    if (err instanceof SyntaxError) throw new ApiError('MALFORMED_JSON', 'The webhook body is not valid JSON')
    throw new ApiError('INVALID_SIGNATURE', 'The webhook signature does not match its body')
  }
}

const MOVES = { room_started: 'live', room_finished: 'ended' } as const

const HOST_EVENTS = { participant_joined: 'hostJoinedAt', participant_left: 'hostLeftAt' } as const

/**
 * Remembers when the host (anyone but a viewer: the recruiter's browser or the OBS ingress)
 * last joined or left, by LiveKit's own event time so late or repeated events cannot undo a
 * newer one.
 */
async function noteHost(redis: Redis, event: WebhookEvent, field: 'hostJoinedAt' | 'hostLeftAt'): Promise<WebhookOutcome> {
  const identity = event.participant?.identity ?? ''
  const roomName = event.room?.name ?? ''
  if (!identity || identity.startsWith('v_')) return { ok: true, ignored: 'not the host' }
  if (!roomName || roomName.length > 64 || !(await getStream(redis, roomName))) return { ok: true, ignored: 'room is not a stream' }
  const at = Number(event.createdAt ?? 0n) * 1000 || Date.now()
  const prior = Number((await redis.hget(keys.overlay(roomName), field)) ?? 0)
  if (at > prior) await redis.hset(keys.overlay(roomName), field, at)
  return { ok: true, ignored: `noted ${field}` }
}

/** Applies a verified event: moves the stream named by the room (as the recruiter's start / end would), once per event id. */
export async function applyWebhook(d: StreamMoveDeps, event: WebhookEvent, now = new Date()): Promise<WebhookOutcome> {
  const { redis } = d
  const hostField = HOST_EVENTS[event.event as keyof typeof HOST_EVENTS]
  if (hostField) return noteHost(redis, event, hostField)
  const to = MOVES[event.event as keyof typeof MOVES]
  if (!to) return { ok: true, ignored: `event ${event.event || '(none)'}` }
  const roomName = event.room?.name ?? ''
  const stream = roomName.length > 0 && roomName.length <= 64 ? await getStream(redis, roomName) : null
  if (!stream) return { ok: true, ignored: 'room is not a stream' }

  // A room that finished before the stream (re)started says nothing about the current run.
  const createdMs = Number(event.createdAt ?? 0n) * 1000
  if (to === 'ended' && createdMs > 0 && stream.startedAt && createdMs + SKEW_MS < Date.parse(stream.startedAt)) {
    return { ok: true, ignored: 'event is older than the stream’s start' }
  }

  const dedupeKey = event.id ? keys.livekitEvent(event.id) : null
  if (dedupeKey && (await redis.set(dedupeKey, '1', 'EX', DEDUPE_SECONDS, 'NX')) === null) return { ok: true, duplicate: true }
  try {
    const moved = to === 'live' ? await startStream(d, stream, now) : await endStream(d, stream, now)
    // A new room (the first join, or LiveKit restarted and its rooms are gone) has empty
    // metadata: ask the live hub to push the overlay into it again.
    if (to === 'live' && (moved || stream.status === 'live')) await redis.publish(keys.overlayChannel(), stream.id)
    if (!moved) return { ok: true, ignored: `stream is ${stream.status}` }
    return { ok: true, applied: to, streamId: stream.id }
  } catch (err) {
    // Not applied: let LiveKit's retry of the same event through.
    if (dedupeKey) await redis.del(dedupeKey).catch(() => {})
    throw err
  }
}
