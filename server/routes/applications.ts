import { Hono, type Context } from 'hono'
import { csvResponse } from '../lib/csv.ts'
import type { AppEnv } from '../context.ts'
import { ApiError, notFound } from '../errors.ts'
import { jsonBody, queryOf, validationError } from '../lib/validate.ts'
import { applicationListQuery, applicationStatusBody, applyBody, IDEMPOTENCY_KEY } from '../../schemas/applications.ts'
import { maskName, maskPhone } from '../lib/pii.ts'
import { chinaDateTime } from '../lib/china-time.ts'
import { currentUser, requireApprovedRecruiter, companyOf } from '../middleware/roles.ts'
import { clientIp, hitAll } from '../middleware/rate-limit.ts'
import { createApplication, getApplication, getReceipt, listStreamApplications, listStreamApplicationsSince, setApplicationStatus, type Application } from '../store/applications.ts'
import { getStream } from '../store/streams.ts'
import { applicantPlace, stationTownName } from '../lib/places.ts'
import { waitForReplica } from '../store/durability.ts'
import { keys } from '../store/keys.ts'
import { waitReplicasOf } from '../env.ts'
import { getJobs } from '../store/jobs.ts'
import { pageLimit } from '../store/paging.ts'
import type { Stream } from '../store/types.ts'
import { announceApplication } from '../comments/ticker.ts'

const STATUS_ZH: Record<Application['status'], string> = { new: '新报名', contacted: '已联系', interview: '约面试', hired: '已录用', rejected: '不合适' }

/**
 * The hiring company's recruiter sees everything; organizers and the company's 场控 assistants
 * see masked PII (an assistant never sees a phone number); nobody else sees anything.
 */
async function readerOf(c: Context<AppEnv>, stream: Stream): Promise<'owner' | 'organizer'> {
  const user = currentUser(c)
  if (user.role === 'organizer') return 'organizer'
  if (user.role === 'assistant' && user.companyId === stream.companyId) return 'organizer'
  if (user.role === 'recruiter' && user.companyId === stream.companyId) {
    if (user.status !== 'approved') throw new ApiError('NOT_APPROVED', 'Your company account is waiting for approval')
    return 'owner'
  }
  throw new ApiError('FORBIDDEN', 'Only the hiring company and organizers can see applicants')
}

const view = (a: Application, reader: 'owner' | 'organizer') =>
  reader === 'owner' ? a : { ...a, name: maskName(a.name), phone: maskPhone(a.phone), note: undefined, viewerId: undefined }

// `receipt`: the applicant's device asks with it how the application is going (我的报名).
const publicView = (a: Application, receipt: string | null) => ({ id: a.id, streamId: a.streamId, jobId: a.jobId, status: a.status, createdAt: a.createdAt, ...(receipt ? { receipt } : {}) })

/** Whoever already holds the application: the hiring company, or the station that filed it. */
async function mayKnowOf(c: Context<AppEnv>, applicationId: string): Promise<boolean> {
  const user = c.get('user')
  if (!user || (user.role !== 'recruiter' && user.role !== 'station')) return false
  const app = await getApplication(c.get('deps').redis, applicationId)
  if (!app) return false
  if (user.role === 'station') return app.station?.id === user.id
  return user.status === 'approved' && !!user.companyId && user.companyId === app.companyId
}

async function streamFor(c: Context<AppEnv>) {
  const stream = await getStream(c.get('deps').redis, c.req.param('id') ?? '')
  if (!stream) throw notFound('Stream')
  return stream
}

export const applications = new Hono<AppEnv>()
  .post('/streams/:id/applications', jsonBody(applyBody), async (c) => {
    const body = c.req.valid('json')
    const user = c.get('user')
    const station = user?.role === 'station' ? { id: user.id, name: user.name } : null
    // Stations apply for many villagers from one address; viewers are limited per address and per device.
    const { config } = c.get('deps')
    await hitAll(
      c,
      station
        ? [{ bucket: 'apply-station', who: station.id, limit: 10 * config.APPLY_RATE_LIMIT_IP, windowSeconds: 60 }]
        : [
            { bucket: 'apply-ip', who: clientIp(c), limit: config.APPLY_RATE_LIMIT_IP, windowSeconds: 60 },
            ...(body.viewerId ? [{ bucket: 'apply-viewer', who: body.viewerId, limit: config.APPLY_RATE_LIMIT_VIEWER, windowSeconds: 60 }] : []),
          ],
    )
    const key = c.req.header('idempotency-key')
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) throw validationError('Idempotency-Key', 'idempotencyKey.invalid')
    const { redis } = c.get('deps')
    // Town from the gazetteer (400 town.unknown otherwise), or the station's own.
    const place = body.town ? applicantPlace(body.town, body.village) : { ...applicantPlace(undefined, body.village), town: stationTownName(user?.town) }
    const result = await createApplication(redis, { ...body, ...place, streamId: c.req.param('id'), station }, key)
    switch (result.outcome) {
      case 'created':
        // Acknowledged only once replicas have it (none asked on one Redis): 503 otherwise. Two
        // slots were written — the application in its stream's, the phone's entry in the catalog.
        await waitForReplica(redis, [keys.application(result.application.id), keys.jobPhones(result.application.jobId)], waitReplicasOf(config), config.REDIS_WAIT_TIMEOUT_MS)
        c.get('deps').metrics?.applicationCreated()
        // 「张**刚刚报名了缝纫工」 in the room's ticker; never holds up or fails the 201.
        void announceApplication(redis, result.application).catch(() => {})
        return c.json({ application: publicView(result.application, result.receipt) }, 201)
      case 'replay':
        // A retry after a 503 from the wait above: acknowledged only once a replica holds it too.
        await waitForReplica(redis, keys.application(result.id), waitReplicasOf(config), config.REDIS_WAIT_TIMEOUT_MS)
        return c.json({ application: publicView((await getApplication(redis, result.id))!, await getReceipt(redis, result.id)) }, 200)
      case 'duplicate':
        // Naming the first application would let anyone test a stranger's phone number.
        throw new ApiError('ALREADY_APPLIED', 'This phone number has already applied for this job', (await mayKnowOf(c, result.id)) ? { applicationId: result.id } : undefined)
      case 'no-stream':
        throw notFound('Stream')
      case 'not-in-stream':
        throw validationError('jobId', 'jobId.notInStream')
      case 'job-closed':
        throw new ApiError('INVALID_STATE', 'This job is no longer taking applications')
    }
  })
  .get('/streams/:id/applications', queryOf(applicationListQuery), async (c) => {
    const stream = await streamFor(c)
    const reader = await readerOf(c, stream)
    const q = c.req.valid('query')
    const { redis } = c.get('deps')
    if (q.since !== undefined && q.cursor !== undefined) throw validationError('since', 'since.withCursor')
    if (q.since !== undefined) {
      const page = await listStreamApplicationsSince(redis, stream.id, pageLimit(q.limit), q.since)
      return c.json({ items: page.items.map((a) => view(a, reader)), next: null, newest: page.newest, more: page.more }, 200)
    }
    const page = await listStreamApplications(redis, stream.id, pageLimit(q.limit), q.cursor)
    return c.json({ items: page.items.map((a) => view(a, reader)), next: page.next, newest: page.newest, more: false }, 200)
  })
  .get('/streams/:id/applications.csv', async (c) => {
    const stream = await streamFor(c)
    if (currentUser(c).role === 'assistant') throw new ApiError('FORBIDDEN', 'Assistants cannot export applicants')
    const reader = await readerOf(c, stream)
    const { redis } = c.get('deps')
    const jobs = new Map((await getJobs(redis, stream.jobIds)).map((j) => [j.id, j.title]))
    const rows: string[][] = []
    let cursor: string | undefined
    do {
      const page = await listStreamApplications(redis, stream.id, 100, cursor)
      for (const a of page.items.map((x) => view(x, reader) as Application)) {
        rows.push([chinaDateTime(a.createdAt), a.name, a.phone, jobs.get(a.jobId) ?? a.jobId, STATUS_ZH[a.status], a.age?.toString() ?? '', (a.town ?? '') + (a.village ?? ''), a.station?.name ?? '', a.note ?? ''])
      }
      cursor = page.next ?? undefined
    } while (cursor)
    return csvResponse(c, `applications-${stream.id}.csv`, ['报名时间', '姓名', '手机号', '岗位', '状态', '年龄', '乡镇', '代报服务站', '备注'], rows)
  })
  .patch('/applications/:id', requireApprovedRecruiter, jsonBody(applicationStatusBody), async (c) => {
    const { redis } = c.get('deps')
    const app = await getApplication(redis, c.req.param('id'))
    if (!app || app.companyId !== companyOf(c)) throw notFound('Application') // do not reveal others' applicants
    const next = await setApplicationStatus(redis, app, c.req.valid('json').status)
    return c.json({ application: next }, 200)
  })
