import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'
import type { BeaconBatch } from '../../schemas/beacons.ts'
import type { Accepted, EventRows } from '../counting/rows.ts'
import { streamsThatExist } from '../store/streams.ts'

const MAX_AGE_MS = 24 * 3600_000
const MAX_BEAT_MS = 20_000

/** How long ago the client says the event happened (0 when it cannot say). */
function ageOf(at: string | number | undefined, sentAt: number | undefined) {
  if (sentAt === undefined || at === undefined) return 0
  const ms = sentAt - (typeof at === 'number' ? at : Date.parse(at))
  return ms > 0 ? Math.min(ms, MAX_AGE_MS) : 0 // NaN (unparseable) → 0
}

/** The sender's address as a short tag: enough to budget new sessions, not the address itself. */
const addressTag = (ip: string) => createHash('sha256').update(ip).digest('base64url').slice(0, 12)

// Streams are never deleted, so one seen to exist is remembered (bounded): most requests
// then skip the existence lookup.
const KNOWN_STREAMS_MAX = 10_000
const knownStreams = new WeakMap<Redis, Set<string>>()
async function known(redis: Redis, streamIds: string[]) {
  let set = knownStreams.get(redis)
  if (!set) knownStreams.set(redis, (set = new Set()))
  const unknown = streamIds.filter((id) => !set.has(id))
  if (unknown.length) {
    const found = await streamsThatExist(redis, unknown)
    if (set.size + found.length > KNOWN_STREAMS_MAX) set.clear()
    for (const id of found) set.add(id)
  }
  return set
}

/**
 * A validated batch as counting rows (server/counting/rows.ts), by stream, received now from
 * `ip`. Events for streams that do not exist are dropped, so nobody can grow keys at will.
 */
export async function acceptBeacons(redis: Redis, batch: BeaconBatch, ip: string, admit: number): Promise<{ accepted: Accepted; count: number }> {
  const exists = await known(redis, [...new Set(batch.events.map((e) => e.streamId))])
  const t = Date.now()
  const who = addressTag(ip)
  const streams = new Map<string, EventRows>()
  let count = 0
  for (const e of batch.events) {
    if (!exists.has(e.streamId)) continue
    let rows = streams.get(e.streamId)
    if (!rows) streams.set(e.streamId, (rows = []))
    rows.push(e.id, e.type, e.viewerId, e.sessionId, e.jobId ?? '', Math.min(e.watchedMs ?? 0, MAX_BEAT_MS), t - ageOf(e.at, batch.sentAt), who, e.type === 'join' ? (e.src ?? '') : '')
    count++
  }
  return { accepted: { t, streams, admit }, count }
}
