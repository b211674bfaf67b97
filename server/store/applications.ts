import type { Redis } from 'ioredis'
import { keys } from './keys.ts'
import { newId } from '../lib/ids.ts'
import { createApplicationScript } from './create-application.lua.ts'
import { setApplicationStatusScript } from './set-application-status.lua.ts'
import { epochMinute, LUA_NAMES } from '../counting/fields.ts'
import { toWellFormed } from '../lib/unicode.ts'
import { StoreError } from './errors.ts'
import { rewriteWellFormed } from './json.ts'
import { rangeAfter, encodeCursor, decodeCursor, type Page } from './paging.ts'

export type ApplicationStatus = 'new' | 'contacted' | 'interview' | 'hired' | 'rejected'
export type Application = {
  id: string
  streamId: string
  jobId: string
  companyId: string
  name: string
  phone: string
  status: ApplicationStatus
  createdAt: string
  updatedAt: string
  age?: number
  town?: string
  note?: string
  viewerId?: string
  station: { id: string; name: string } | null
}

export type NewApplication = Omit<Application, 'id' | 'status' | 'createdAt' | 'updatedAt'>

const IDEMPOTENCY_TTL_SECONDS = 24 * 3600

export type CreateResult =
  | { outcome: 'created'; application: Application }
  | { outcome: 'replay' | 'duplicate'; id: string }
  | { outcome: 'no-stream' | 'not-in-stream' | 'job-closed' }

/** Stores an application if its stream exists, lists the job and the job is open. */
export async function createApplication(redis: Redis, input: Omit<NewApplication, 'companyId'>, idempotencyKey: string | undefined, now = new Date()): Promise<CreateResult> {
  const id = newId(now.getTime())
  const at = now.toISOString()
  const record: Record<string, string> = {
    id,
    streamId: input.streamId,
    jobId: input.jobId,
    name: input.name,
    phone: input.phone,
    status: 'new',
    createdAt: at,
    updatedAt: at,
  }
  if (input.age !== undefined) record.age = String(input.age)
  if (input.town) record.town = input.town
  if (input.note) record.note = input.note
  if (input.viewerId) record.viewerId = input.viewerId
  if (input.station) {
    record.stationId = input.station.id
    record.stationName = input.station.name
  }
  // What Redis stores (UTF-8 has no lone surrogates), so the answer shows what was kept.
  for (const [k, v] of Object.entries(record)) record[k] = toWellFormed(v)
  const s = input.streamId
  const run = async () =>
    (await createApplicationScript(
      redis,
      {
        idempotency: keys.idempotency(s, idempotencyKey ?? '-'),
        phones: keys.jobPhones(input.jobId),
        application: keys.application(id),
        streamApps: keys.streamApplications(s),
        jobApps: keys.jobApplications(input.jobId),
        streamCounters: keys.streamCounters(s),
        jobCounters: keys.jobCounters(input.jobId),
        streamMinutes: keys.streamMinutes(s),
        live: keys.overlay(s),
        stream: keys.stream(s),
        job: keys.job(input.jobId),
      },
      {
        useKey: idempotencyKey ? '1' : '0',
        phone: record.phone!,
        id,
        score: now.getTime(),
        jobId: input.jobId,
        minute: epochMinute(now.getTime()),
        idempotencyTtl: IDEMPOTENCY_TTL_SECONDS,
        channel: keys.overlayChannel(),
        streamId: s,
        town: record.town ?? '',
        stationId: input.station?.id ?? '',
        names: LUA_NAMES,
      },
      Object.entries(record).flat(),
    )) as [CreateResult['outcome'] | 'unreadable', string, string?]
  let res = await run()
  // A stream or job stored before records were written well-formed: mend it, try again
  // (at most once each).
  for (let mended = 0; res[0] === 'unreadable' && mended < 2 && (await rewriteWellFormed(redis, res[1])); mended++) res = await run()
  switch (res[0]) {
    case 'created':
      return { outcome: 'created', application: fromHash({ ...record, companyId: res[2]! })! }
    case 'replay':
    case 'duplicate':
      return { outcome: res[0], id: res[1] }
    case 'unreadable':
      throw new StoreError('damaged-record', 'This stream cannot take applications right now: its stored record is damaged')
    default:
      return { outcome: res[0] }
  }
}

function fromHash(h: Record<string, string>): Application | null {
  if (!h.id) return null
  return {
    id: h.id,
    streamId: h.streamId!,
    jobId: h.jobId!,
    companyId: h.companyId!,
    name: h.name!,
    phone: h.phone!,
    status: h.status as ApplicationStatus,
    createdAt: h.createdAt!,
    updatedAt: h.updatedAt!,
    ...(h.age ? { age: Number(h.age) } : {}),
    ...(h.town ? { town: h.town } : {}),
    ...(h.note ? { note: h.note } : {}),
    ...(h.viewerId ? { viewerId: h.viewerId } : {}),
    station: h.stationId ? { id: h.stationId, name: h.stationName ?? '' } : null,
  }
}

export async function getApplication(redis: Redis, id: string) {
  return fromHash(await redis.hgetall(keys.application(id)))
}

async function getApplications(redis: Redis, ids: string[]): Promise<Application[]> {
  if (ids.length === 0) return []
  const tx = redis.pipeline()
  for (const id of ids) tx.hgetall(keys.application(id))
  const res = (await tx.exec()) ?? []
  return res.map(([, h]) => fromHash(h as Record<string, string>)).filter((a): a is Application => a !== null)
}

/** Newest first; `newest` marks the first item, for asking later what came since. */
export async function listStreamApplications(redis: Redis, streamId: string, limit: number, cursor?: string): Promise<Page<Application> & { newest: string | null }> {
  const positions = await rangeAfter(redis, keys.streamApplications(streamId), limit, decodeCursor(cursor), 'desc')
  const items = await getApplications(redis, positions.map((p) => p.id))
  const last = positions.at(-1)
  return { items, next: positions.length === limit && last ? encodeCursor(last) : null, newest: positions[0] ? encodeCursor(positions[0]) : null }
}

/**
 * The (up to `limit`) applications that came right after `since`, newest first; `newest` is
 * where to ask next and `more` says whether to ask again at once. A live feed that only ever
 * refetched the first page would skip whatever arrived beyond it between two refetches.
 */
export async function listStreamApplicationsSince(redis: Redis, streamId: string, limit: number, since: string) {
  const after = decodeCursor(since)
  const positions = await rangeAfter(redis, keys.streamApplications(streamId), limit, after, 'asc')
  const items = await getApplications(redis, positions.map((p) => p.id).reverse())
  const newest = positions.at(-1)
  return { items, next: null, newest: newest ? encodeCursor(newest) : since, more: positions.length === limit }
}

export async function setApplicationStatus(redis: Redis, app: Application, status: ApplicationStatus, now = new Date()) {
  await setApplicationStatusScript(
    redis,
    { application: keys.application(app.id), streamCounters: keys.streamCounters(app.streamId), jobCounters: keys.jobCounters(app.jobId), live: keys.overlay(app.streamId) },
    { status, updatedAt: now.toISOString(), jobId: app.jobId, channel: keys.overlayChannel(), streamId: app.streamId, names: LUA_NAMES },
  )
  return (await getApplication(redis, app.id))!
}
