import type { Redis } from 'ioredis'
import { applicationId, keys } from './keys.ts'
import { newId, randomToken } from '../lib/ids.ts'
import { createApplicationScript } from './create-application.lua.ts'
import { claimPhoneScript, confirmPhoneScript, releasePhoneScript } from './claim-phone.lua.ts'
import { setApplicationStatusScript } from './set-application-status.lua.ts'
import { epochMinute, LUA_NAMES, TOTAL } from '../counting/fields.ts'
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
  /** Free text under the town (the town is the gazetteer's canonical name, so reports roll up). */
  village?: string
  note?: string
  viewerId?: string
  station: { id: string; name: string } | null
}

/** `src`: the share channel the applicant came through, stored on the record and counted per channel (never shown). */
export type NewApplication = Omit<Application, 'id' | 'status' | 'createdAt' | 'updatedAt'> & { src?: string }

const IDEMPOTENCY_TTL_SECONDS = 24 * 3600

export type CreateResult =
  | { outcome: 'created'; application: Application; receipt: string }
  | { outcome: 'replay' | 'duplicate'; id: string }
  | { outcome: 'no-stream' | 'not-in-stream' | 'job-closed' }

// A claim older than this whose request never finished (a crash between the two slots) may
// be taken over, or confirmed when its application was stored after all.
const CLAIM_STALE_MS = 30_000
/** How long an apply waits for another attempt holding the same phone before answering 503. */
const BUSY_WAIT_MS = 2_000
const BUSY_POLL_MS = 50

/**
 * Stores an application if its stream exists, lists the job and the job is open, one per
 * phone per job. Two slots (the job's phone in the catalog, the record in the stream's), so
 * in three steps: claim the phone, store the application, confirm the claim — or release it
 * when the stream refused. A crash in between leaves a claim that the next attempt with that
 * phone resolves (CLAIM_STALE_MS): never a phone locked out, never an application lost.
 */
export async function createApplication(redis: Redis, input: Omit<NewApplication, 'companyId'>, idempotencyKey: string | undefined, now = new Date()): Promise<CreateResult> {
  const s = input.streamId
  const id = applicationId(s, newId(now.getTime()))
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
    // The applicant's device keeps it to ask how the application is going (GET …/status).
    receipt: randomToken(18),
  }
  if (input.age !== undefined) record.age = String(input.age)
  if (input.town) record.town = input.town
  if (input.village) record.village = input.village
  if (input.note) record.note = input.note
  if (input.viewerId) record.viewerId = input.viewerId
  if (input.src) record.src = input.src
  if (input.station) {
    record.stationId = input.station.id
    record.stationName = input.station.name
  }
  // What Redis stores (UTF-8 has no lone surrogates), so the answer shows what was kept.
  for (const [k, v] of Object.entries(record)) record[k] = toWellFormed(v)

  // A replay answers before anything is claimed.
  if (idempotencyKey) {
    const prior = await redis.get(keys.idempotency(s, idempotencyKey))
    if (prior) return { outcome: 'replay', id: prior }
  }
  const phone = record.phone!
  const claim = `~${id}|${now.getTime()}`
  const claimed = await claimPhone(redis, input.jobId, phone, claim, now.getTime())
  if (claimed?.outcome === 'job-closed') return refusalOf(redis, s, input.jobId)
  if (claimed) return claimed

  const store = async () =>
    (await createApplicationScript(
      redis,
      storeKeys(s, id, idempotencyKey),
      {
        useKey: idempotencyKey ? '1' : '0',
        id,
        score: now.getTime(),
        jobId: input.jobId,
        minute: epochMinute(now.getTime()),
        idempotencyTtl: IDEMPOTENCY_TTL_SECONDS,
        channel: keys.overlayChannel(),
        streamId: s,
        town: record.town ?? '',
        stationId: input.station?.id ?? '',
        src: input.src ?? '',
        names: LUA_NAMES,
      },
      Object.entries(record).flat(),
    )) as [CreateResult['outcome'] | 'unreadable', string, string?]
  let res: [CreateResult['outcome'] | 'unreadable', string, string?]
  try {
    res = await store()
    // A stream stored before records were written well-formed: mend it, try again (once).
    if (res[0] === 'unreadable' && (await rewriteWellFormed(redis, res[1]))) res = await store()
  } catch (err) {
    await releasePhone(redis, input.jobId, phone, claim).catch(() => {})
    throw err
  }
  if (res[0] !== 'created') {
    await releasePhone(redis, input.jobId, phone, claim)
    if (res[0] === 'unreadable') throw new StoreError('damaged-record', 'This stream cannot take applications right now: its stored record is damaged')
    if (res[0] === 'replay' || res[0] === 'duplicate') return { outcome: res[0], id: res[1] }
    return { outcome: res[0] as 'no-stream' | 'not-in-stream' | 'job-closed' }
  }
  await confirmPhone(redis, input.jobId, phone, claim, id, now.getTime(), input.station?.id)
  return { outcome: 'created', application: fromHash({ ...record, companyId: res[2]! })!, receipt: record.receipt! }
}

/** Where an application is stored: its stream's slot. */
export const storeKeys = (streamId: string, appId: string, idempotencyKey?: string) => ({
  idempotency: keys.idempotency(streamId, idempotencyKey ?? '-'),
  application: keys.application(appId),
  streamApps: keys.streamApplications(streamId),
  streamCounters: keys.streamCounters(streamId),
  streamMinutes: keys.streamMinutes(streamId),
  overlay: keys.overlay(streamId),
  stream: keys.stream(streamId),
  channels: keys.streamChannels(streamId),
})

/** Where one application per phone per job is kept (and a station's list of what it filed): the catalog slot. */
export const phoneKeys = (jobId: string, stationId = '-') => ({ job: keys.job(jobId), phones: keys.jobPhones(jobId), jobApps: keys.jobApplications(jobId), jobCounters: keys.jobCounters(jobId), stationApps: keys.stationApplications(stationId) })

/** Where a status move is counted: the application's stream's slot. */
export const statusKeys = (appId: string, streamId: string) => ({ application: keys.application(appId), streamCounters: keys.streamCounters(streamId), overlay: keys.overlay(streamId) })

/** A job that is closed or missing: but say first what is wrong with the stream, if anything. */
async function refusalOf(redis: Redis, streamId: string, jobId: string): Promise<CreateResult> {
  const raw = await redis.get(keys.stream(streamId))
  if (raw === null) return { outcome: 'no-stream' }
  const stream = JSON.parse(raw) as { jobIds?: string[] }
  return { outcome: stream.jobIds?.includes(jobId) ? 'job-closed' : 'not-in-stream' }
}

/** Claims the phone for the job; null when claimed, else the answer to give. */
async function claimPhone(redis: Redis, jobId: string, phone: string, claim: string, now: number): Promise<CreateResult | null> {
  let takeOver = ''
  let waitedMs = 0
  for (let attempt = 0; attempt < 4; attempt++) {
    const [outcome, detail] = (await claimPhoneScript(redis, phoneKeys(jobId), { phone, claim, now, staleMs: CLAIM_STALE_MS, takeOver })) as [string, string]
    if (outcome === 'claimed') return null
    if (outcome === 'job-closed') return { outcome: 'job-closed' }
    if (outcome === 'busy') {
      // Another attempt holds the phone: a double tap finishes within moments (then this one is
      // a duplicate); a claim left by an attempt that died mid-failover is not an application,
      // so never answer ALREADY_APPLIED for it — ask the client to try again until it goes stale.
      if (waitedMs >= BUSY_WAIT_MS) throw new StoreError('unavailable', 'This phone number is being applied with right now; try again shortly')
      await new Promise((r) => setTimeout(r, BUSY_POLL_MS))
      waitedMs += BUSY_POLL_MS
      attempt--
      continue
    }
    if (outcome === 'duplicate') {
      // The phone's entry names an application its stream no longer has: a write to the stream's
      // slot lost in a failover before a replica took it (that request was answered 503, never
      // 201). The phone is free again, or it would be locked out of the job for good.
      if ((await redis.exists(keys.application(detail))) === 1) return { outcome: 'duplicate', id: detail }
      takeOver = detail
      continue
    }
    if (outcome === 'unreadable') {
      if (await rewriteWellFormed(redis, detail)) continue
      throw new StoreError('damaged-record', 'This job cannot take applications right now: its stored record is damaged')
    }
    // 'stale': an earlier attempt stopped part-way. Stored after all → confirm it, a duplicate.
    const oldId = detail.slice(1, detail.indexOf('|'))
    const [createdAt, stationId] = await redis.hmget(keys.application(oldId), 'createdAt', 'stationId')
    if (createdAt) {
      await confirmPhone(redis, jobId, phone, detail, oldId, Date.parse(createdAt), stationId ?? undefined)
      return { outcome: 'duplicate', id: oldId }
    }
    takeOver = detail // never stored: take the claim over
  }
  throw new StoreError('conflict', 'This phone number is being applied with right now; try again')
}

const confirmPhone = (redis: Redis, jobId: string, phone: string, claim: string, appId: string, score: number, stationId?: string) =>
  confirmPhoneScript(redis, phoneKeys(jobId, stationId), { phone, claim, appId, score, names: LUA_NAMES, stationId: stationId ?? '' })

const releasePhone = (redis: Redis, jobId: string, phone: string, claim: string) => releasePhoneScript(redis, phoneKeys(jobId), { phone, claim })

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
    ...(h.village ? { village: h.village } : {}),
    ...(h.note ? { note: h.note } : {}),
    ...(h.viewerId ? { viewerId: h.viewerId } : {}),
    station: h.stationId ? { id: h.stationId, name: h.stationName ?? '' } : null,
  }
}

export async function getApplication(redis: Redis, id: string) {
  return fromHash(await redis.hgetall(keys.application(id)))
}

/** The receipt the applicant's device was given (never part of an Application: nobody else sees it). */
export const getReceipt = (redis: Redis, id: string) => redis.hget(keys.application(id), 'receipt')

/** The applications a station filed, newest first. */
export async function listStationApplications(redis: Redis, stationId: string, limit: number, cursor?: string): Promise<Page<Application>> {
  const positions = await rangeAfter(redis, keys.stationApplications(stationId), limit, decodeCursor(cursor), 'desc')
  // One read each: they live in their streams' slots (a Cluster pipeline keeps to one slot).
  const items = (await Promise.all(positions.map((p) => getApplication(redis, p.id)))).filter((a): a is Application => a !== null)
  const last = positions.at(-1)
  return { items, next: positions.length === limit && last ? encodeCursor(last) : null }
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
  const old = (await setApplicationStatusScript(
    redis,
    statusKeys(app.id, app.streamId),
    { status, updatedAt: now.toISOString(), jobId: app.jobId, channel: keys.overlayChannel(), streamId: app.streamId, names: LUA_NAMES },
  )) as ApplicationStatus | null
  // The job's placements (places left on its card) are in the catalog slot: moved second.
  const delta = old === null || old === status ? 0 : status === 'hired' ? 1 : old === 'hired' ? -1 : 0
  if (delta) await redis.hincrby(keys.jobCounters(app.jobId), TOTAL.placements, delta)
  return (await getApplication(redis, app.id))!
}
