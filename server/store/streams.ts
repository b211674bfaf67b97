import type { ChainableCommander, Redis } from 'ioredis'
import { TOTAL } from '../counting/fields.ts'
import { keys, type StreamScope } from './keys.ts'
import { getJson, getManyJson, present, toJson } from './json.ts'
import { newId } from '../lib/ids.ts'
import { rangeAfter, encodeCursor, decodeCursor, type Page } from './paging.ts'
import type { Stream, StreamStatus } from './types.ts'
import { bumpOverlay } from './overlay.ts'
import { withFreshCopy, writeIfUnchanged } from './guarded.ts'

export type StreamInput = Pick<Stream, 'title' | 'scheduledAt' | 'jobIds' | 'fairId' | 'description'>

/** Every index a stream belongs to: all streams, its company's, and its fair's. */
function scopes(s: Pick<Stream, 'companyId' | 'fairId'>): StreamScope[] {
  const list: StreamScope[] = [{}, { companyId: s.companyId }]
  if (s.fairId) list.push({ fairId: s.fairId })
  return list
}

function unindex(tx: ChainableCommander, s: Stream) {
  for (const scope of scopes(s)) tx.zrem(keys.streams(s.status, scope), s.id)
  for (const jobId of s.jobIds) tx.srem(keys.jobStreams(jobId), s.id)
}

function index(tx: ChainableCommander, s: Stream) {
  for (const scope of scopes(s)) tx.zadd(keys.streams(s.status, scope), Date.parse(s.scheduledAt), s.id)
  for (const jobId of s.jobIds) tx.sadd(keys.jobStreams(jobId), s.id)
}

/**
 * The catalog side of a stream change: its index entries (and, when it ends, the pending
 * report), all in the catalog slot, after the record itself was written in the stream's slot.
 * Two steps because they are two slots; listStreams mends an entry a crash left behind.
 */
async function reindex(redis: Redis, before: Stream | null, after: Stream, now: Date) {
  const tx = redis.multi()
  if (before) unindex(tx, before)
  index(tx, after)
  // The lifecycle worker writes the final report once late beacons have had time to arrive.
  if (after.status === 'ended' && before?.status !== 'ended') tx.zadd(keys.reportsPending(), now.getTime(), after.id)
  await tx.exec()
}

export async function createStream(redis: Redis, companyId: string, input: StreamInput, now = new Date()) {
  const stream: Stream = {
    ...input,
    id: newId(now.getTime()),
    companyId,
    status: 'scheduled',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    startedAt: null,
    endedAt: null,
  }
  await redis.set(keys.stream(stream.id), toJson(stream))
  await reindex(redis, null, stream, now)
  return stream
}

export const getStream = (redis: Redis, id: string) => getJson<Stream>(redis, keys.stream(id))

/**
 * Saves `after` over `before`; CONFLICT (nothing written) if the stream changed since it was
 * read. The record and its overlay change together (one slot); then its index entries move.
 */
export async function saveStream(redis: Redis, before: Stream, after: Stream, now = new Date()) {
  const next = { ...after, updatedAt: now.toISOString() }
  await writeIfUnchanged(redis, keys.stream(next.id), JSON.stringify(before), (tx) => {
    tx.set(keys.stream(next.id), toJson(next))
    // The show is over: no card stays 正在讲解 (viewers) or 已置顶 (the console).
    if (next.status === 'ended' && before.status !== 'ended') tx.hdel(keys.overlay(next.id), 'pinnedJobId', 'pinnedAt')
    bumpOverlay(tx, next.id) // status and job list are part of the overlay
  })
  await reindex(redis, before, next, now)
  return next
}

/**
 * scheduled → live → ended. Returns the stream unchanged when it is already there, and
 * null for a move that is not allowed (an ended stream never goes live again).
 */
export async function moveStream(redis: Redis, stream: Stream, to: 'live' | 'ended', now = new Date()): Promise<Stream | null> {
  // Moves come from people, webhooks and the lifecycle worker at once: on a conflict, read again.
  return withFreshCopy(stream, () => getStream(redis, stream.id), async (from) => {
    if (!from) return null
    if (from.status === to) return from
    if (from.status === 'ended') return null
    const next: Stream = to === 'live' ? { ...from, status: 'live', startedAt: now.toISOString() } : { ...from, status: 'ended', endedAt: now.toISOString() }
    return saveStream(redis, from, next, now)
  })
}

export async function getStreams(redis: Redis, ids: string[]) {
  return (await getManyJson<Stream>(redis, ids.map(keys.stream))).filter(present)
}

/** Live viewers per stream, as the counting workers last wrote them. */
export async function viewerCounts(redis: Redis, ids: string[]): Promise<number[]> {
  if (ids.length === 0) return []
  // Streams live in different Cluster slots: one command each, sent together.
  const res = await Promise.all(ids.map((id) => redis.hget(keys.streamCounters(id), TOTAL.concurrent)))
  return res.map((v) => Number(v ?? 0) || 0)
}

// Without a status filter: live first, then upcoming by time, then ended (most recent first).
const PHASES: { status: StreamStatus; order: 'asc' | 'desc' }[] = [
  { status: 'live', order: 'asc' },
  { status: 'scheduled', order: 'asc' },
  { status: 'ended', order: 'desc' },
]

export async function listStreams(
  redis: Redis,
  filter: { status?: StreamStatus; fairId?: string; companyId?: string },
  limit: number,
  cursor?: string,
): Promise<Page<Stream>> {
  const after = decodeCursor(cursor)
  const phases = filter.status ? PHASES.filter((p) => p.status === filter.status) : PHASES
  // A fair index is narrower than a company's; filter the rest in memory.
  const scope: StreamScope = filter.fairId ? { fairId: filter.fairId } : filter.companyId ? { companyId: filter.companyId } : {}
  const extraCompany = filter.fairId && filter.companyId ? filter.companyId : undefined
  const items: Stream[] = []
  let last: { score: number; id: string; phase: StreamStatus } | undefined
  let startIndex = after ? Math.max(0, phases.findIndex((p) => p.status === after.phase)) : 0
  let position = after
  for (let i = startIndex; i < phases.length && items.length < limit; i++) {
    const phase = phases[i]!
    if (i !== startIndex) position = undefined
    for (;;) {
      const want = limit - items.length
      const batch = await rangeAfter(redis, keys.streams(phase.status, scope), want, position, phase.order)
      const streams = await getStreams(redis, batch.map((b) => b.id))
      const stale: Stream[] = []
      for (const b of batch) {
        position = b
        last = { ...b, phase: phase.status }
        const s = streams.find((x) => x.id === b.id)
        if (s && s.status !== phase.status) stale.push(s) // a move whose index step did not run
        else if (s && (!extraCompany || s.companyId === extraCompany)) items.push(s)
      }
      if (stale.length) await mendIndexes(redis, phase.status, stale)
      if (batch.length < want || items.length >= limit) break
    }
  }
  const more = items.length === limit && last !== undefined
  return { items, next: more ? encodeCursor(last!) : null }
}

/** The ids among `ids` that are streams. */
export async function streamsThatExist(redis: Redis, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return []
  // One stream per Cluster slot: EXISTS each, sent together.
  const res = await Promise.all(ids.map((id) => redis.exists(keys.stream(id))))
  return ids.filter((_, i) => res[i] === 1)
}

/** Index entries left under a status the record no longer has (a crash between the two steps). */
async function mendIndexes(redis: Redis, listedAs: StreamStatus, streams: Stream[]) {
  const tx = redis.multi()
  for (const s of streams) {
    unindex(tx, { ...s, status: listedAs })
    index(tx, s)
    if (s.status === 'ended') tx.zadd(keys.reportsPending(), 'NX', Date.parse(s.endedAt ?? s.updatedAt), s.id)
  }
  await tx.exec()
}
