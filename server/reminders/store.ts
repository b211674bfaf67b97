import type { Redis } from 'ioredis'
import { keys, reservationId, streamOfReservation } from '../store/keys.ts'
import { LUA_NAMES } from '../counting/fields.ts'
import { newId, randomToken } from '../lib/ids.ts'
import { sameSecret } from '../lib/secrets.ts'
import { CODE_BYTES } from './text.ts'
import { createReservationScript } from './create-reservation.lua.ts'
import { unsubscribeScript } from './unsubscribe.lua.ts'

/**
 * A reservation (预约直播): one phone, one stream, one SMS reminder. `token` is the unsubscribe
 * secret and the SMS link's code; `phone` is gone once unsubscribed; `sentFor` is the start
 * time the reminder was sent for (a reschedule to a new time reminds again).
 */
export type Reservation = {
  id: string
  streamId: string
  phone?: string
  token: string
  channel: string
  createdAt: string
  unsubscribedAt?: string
  sentFor?: string
  sentAt?: string
}

/** The keys of storing a reservation: all in its stream's slot. */
export const reservationKeys = (streamId: string, id: string) => ({
  stream: keys.stream(streamId),
  reservation: keys.reservation(id),
  phones: keys.streamReservations(streamId),
  counters: keys.streamCounters(streamId),
  channels: keys.streamChannels(streamId),
})

/** The keys of unsubscribing one: its stream's slot, found from its id. */
export const unsubscribeKeys = (id: string) => ({ reservation: keys.reservation(id), phones: keys.streamReservations(streamOfReservation(id)), counters: keys.streamCounters(streamOfReservation(id)) })

export type CreateOutcome = { outcome: 'created' | 'exists'; id: string } | { outcome: 'no-stream' } | { outcome: 'ended' }

/** Stores a reservation, or answers the phone's existing one for this stream. */
export async function createReservation(redis: Redis, input: { streamId: string; phone: string; src?: string }, now = new Date()): Promise<CreateOutcome> {
  const id = reservationId(input.streamId, newId(now.getTime()))
  const token = randomToken(CODE_BYTES)
  const keyset = reservationKeys(input.streamId, id)
  const args = { id, streamId: input.streamId, phone: input.phone, token, src: input.src ?? '', createdAt: now.toISOString(), names: LUA_NAMES }
  const [outcome, found] = (await createReservationScript(redis, keyset, args)) as [string, string]
  if (outcome === 'no-stream' || outcome === 'ended') return { outcome } as CreateOutcome
  if (outcome === 'unreadable') throw new Error(`stream ${input.streamId} record is not readable`)
  // The short link's index lives in the catalog: a crash before it is mended when the reminder goes out.
  if (outcome === 'created') await redis.set(keys.reservationLink(token), id)
  return { outcome: outcome as 'created' | 'exists', id: found }
}

export async function getReservation(redis: Redis, id: string): Promise<Reservation | null> {
  const r = await redis.hgetall(keys.reservation(id))
  return r.id ? (r as unknown as Reservation) : null
}

/** The reservation a token opens, or null: unknown id or wrong token look the same. */
async function withToken(redis: Redis, id: string, token: string): Promise<Reservation | null> {
  const r = await getReservation(redis, id)
  return r && sameSecret(token, r.token) ? r : null
}

/** The SMS link's code → its reservation (the code is the token). */
export async function reservationByCode(redis: Redis, code: string): Promise<Reservation | null> {
  const id = await redis.get(keys.reservationLink(code))
  return id ? withToken(redis, id, code) : null
}

/** Unsubscribes with the link's token; 'not-found' for an unknown id or a wrong token. */
export async function unsubscribe(redis: Redis, id: string, token: string, now = new Date()): Promise<'unsubscribed' | 'already' | 'not-found'> {
  if (!(await withToken(redis, id, token))) return 'not-found'
  const outcome = (await unsubscribeScript(redis, unsubscribeKeys(id), { id, at: now.toISOString(), names: LUA_NAMES })) as string
  return outcome === 'missing' ? 'not-found' : (outcome as 'unsubscribed' | 'already')
}

/**
 * The stream is over (its final report is written): its reservations' phones are not needed any
 * more and go, record and index together (one slot); the counts stay.
 */
export async function forgetReservationPhones(redis: Redis, streamId: string) {
  const ids = await redis.hvals(keys.streamReservations(streamId))
  if (ids.length === 0) return
  const tx = redis.multi()
  for (const id of ids) tx.hdel(keys.reservation(id), 'phone')
  tx.del(keys.streamReservations(streamId))
  await tx.exec()
}

/** Ids of a stream's reservations that still hold a phone (not unsubscribed). */
export const activeReservationIds = (redis: Redis, streamId: string) => redis.hvals(keys.streamReservations(streamId))
