import type { Redis } from 'ioredis'
import { keys } from './keys.ts'
import { newId } from '../lib/ids.ts'
import { luaScript } from '../lib/lua.ts'
import { toWellFormed } from '../lib/unicode.ts'
import { ApiError } from '../errors.ts'
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

// One round trip, all or nothing: idempotency replay, the stream and job checks, one per
// phone per job, the record (its companyId from the stream), both indexes, the counters (per
// job, town and station), the per-minute series, and the overlay version + change message.
// Every read, decode and check comes before the first write, so a failure can only refuse:
// a write that ran before an error would stay (Redis does not roll scripts back) — a phone
// entry pointing at no application locked that phone out of the job for good. The record
// arrives as flat field/value pairs (ARGV[13..]) so nothing of the applicant's is decoded;
// a stored stream or job cjson cannot read answers 'unreadable' instead of raising.
const CREATE = luaScript(`
if ARGV[1] == '1' then
  local prior = redis.call('GET', KEYS[1])
  if prior then return {'replay', prior} end
end
local streamJson = redis.call('GET', KEYS[10])
if not streamJson then return {'no-stream', ''} end
local okStream, stream = pcall(cjson.decode, streamJson)
if not okStream or type(stream) ~= 'table' or type(stream.companyId) ~= 'string' or type(stream.jobIds) ~= 'table' then return {'unreadable', KEYS[10]} end
local listed = false
for _, id in ipairs(stream.jobIds) do if id == ARGV[6] then listed = true end end
if not listed then return {'not-in-stream', ''} end
local jobJson = redis.call('GET', KEYS[11])
if not jobJson then return {'job-closed', ''} end
local okJob, job = pcall(cjson.decode, jobJson)
if not okJob or type(job) ~= 'table' then return {'unreadable', KEYS[11]} end
if job.status ~= 'open' then return {'job-closed', ''} end
local existing = redis.call('HGET', KEYS[2], ARGV[2])
if existing then return {'duplicate', existing} end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
redis.call('HSET', KEYS[3], 'companyId', stream.companyId, unpack(ARGV, 13))
redis.call('ZADD', KEYS[4], ARGV[5], ARGV[3])
redis.call('ZADD', KEYS[5], ARGV[5], ARGV[3])
redis.call('HINCRBY', KEYS[6], 'applications', 1)
redis.call('HINCRBY', KEYS[6], 'apps:' .. ARGV[6], 1)
redis.call('HINCRBY', KEYS[7], 'applications', 1)
redis.call('HINCRBY', KEYS[8], 'apps:' .. ARGV[7], 1)
if ARGV[11] ~= '' then redis.call('HINCRBY', KEYS[6], 'town:' .. ARGV[11], 1) end
if ARGV[12] ~= '' then redis.call('HINCRBY', KEYS[6], 'station:' .. ARGV[12], 1) end
redis.call('HINCRBY', KEYS[9], 'version', 1)
if ARGV[1] == '1' then redis.call('SET', KEYS[1], ARGV[3], 'EX', ARGV[8]) end
redis.call('PUBLISH', ARGV[9], ARGV[10])
return {'created', ARGV[3], stream.companyId}`)

// Moves an application's status; a move into or out of 'hired' counts or un-counts a placement.
const SET_STATUS = luaScript(`
local old = redis.call('HGET', KEYS[1], 'status')
if not old then return nil end
if old == ARGV[1] then return old end
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'updatedAt', ARGV[2])
local delta = 0
if ARGV[1] == 'hired' then delta = 1 elseif old == 'hired' then delta = -1 end
if delta ~= 0 then
  redis.call('HINCRBY', KEYS[2], 'placements', delta)
  redis.call('HINCRBY', KEYS[2], 'hired:' .. ARGV[3], delta)
  local town = redis.call('HGET', KEYS[1], 'town')
  if town then redis.call('HINCRBY', KEYS[2], 'hiredTown:' .. town, delta) end
  local station = redis.call('HGET', KEYS[1], 'stationId')
  if station then redis.call('HINCRBY', KEYS[2], 'hiredStation:' .. station, delta) end
  redis.call('HINCRBY', KEYS[3], 'placements', delta)
  redis.call('HINCRBY', KEYS[4], 'version', 1)
  redis.call('PUBLISH', ARGV[4], ARGV[5])
end
return old`)

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
    (await CREATE(
      redis,
      [
        keys.idempotency(s, idempotencyKey ?? '-'),
        keys.jobPhones(input.jobId),
        keys.application(id),
        keys.streamApplications(s),
        keys.jobApplications(input.jobId),
        keys.streamCounters(s),
        keys.jobCounters(input.jobId),
        keys.streamMinutes(s),
        keys.live(s),
        keys.stream(s),
        keys.job(input.jobId),
      ],
      [
        idempotencyKey ? '1' : '0',
        record.phone!,
        id,
        '', // (was the record as JSON; now ARGV[13..])
        String(now.getTime()),
        input.jobId,
        String(Math.floor(now.getTime() / 60_000)),
        String(IDEMPOTENCY_TTL_SECONDS),
        keys.liveChannel(),
        s,
        record.town ?? '',
        input.station?.id ?? '',
        ...Object.entries(record).flat(),
      ],
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
      throw new ApiError('INVALID_STATE', 'This stream cannot take applications right now: its stored record is damaged')
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
  await SET_STATUS(
    redis,
    [keys.application(app.id), keys.streamCounters(app.streamId), keys.jobCounters(app.jobId), keys.live(app.streamId)],
    [status, now.toISOString(), app.jobId, keys.liveChannel(), app.streamId],
  )
  return (await getApplication(redis, app.id))!
}
