// 预约直播 end to end: the real API (createApp), a real Redis, the real BullMQ workers with the
// log SMS provider writing through a real pino logger; the test reads its JSON lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Queue } from 'bullmq'
import { startTestApp, validJob, type TestApp } from '../helpers/app.ts'
import { until } from '../helpers/until.ts'
import { reminderOptions, startWorkers, type Workers } from '../../workers/main.ts'
import { createLogger } from '../../server/observability/logger.ts'
import { keys, queues } from '../../server/store/keys.ts'
import { getStream, moveStream } from '../../server/store/streams.ts'
import { REMIND_BEFORE_MS, SMS_MAX_CHARS } from '../../server/reminders/text.ts'
import { remindAt, scheduleReminder, type ReminderJob } from '../../server/reminders/queue.ts'
import { channelField, TOTAL } from '../../server/counting/fields.ts'
import { responses } from '../../schemas/responses.ts'
import { finalizeReports } from '../../workers/finalize-reports.ts'
import { endStaleStreams, STALE_LIVE_MS } from '../../workers/end-stale-streams.ts'
import { SENDING_CLAIM_MS, sendReminderProcessor } from '../../workers/send-reminder.ts'
import { saveStream } from '../../server/store/streams.ts'
import { createApp } from '../../server/app.ts'
import { createHash } from 'node:crypto'
import { AccessToken } from 'livekit-server-sdk'

let t: TestApp
let workers: Workers
let queue: Queue<ReminderJob>
const lines: Record<string, any>[] = []
let owner: Awaited<ReturnType<TestApp['recruiter']>>

beforeAll(async () => {
  t = await startTestApp({ RESERVE_RATE_LIMIT_PHONE: '4', PUBLIC_URL: 'https://zp.example.cn', SMS_LOG_LINKS: '1' })
  const logger = createLogger('info', { write: (s: string) => void lines.push(JSON.parse(s)) })
  workers = await startWorkers(t.server.url, () => {}, reminderOptions(t.config, logger))
  queue = new Queue<ReminderJob>(queues.reminders, { connection: t.redis, prefix: keys.queuePrefix() })
  owner = await t.recruiter()
})
afterAll(async () => {
  await queue.close()
  await workers.close()
  await t.stop()
})

/** A scheduled stream starting `msFromNow` from now. */
async function streamAt(msFromNow: number, title = '缝纫工专场 · 探厂直播带岗，包吃住月薪六千起') {
  const jobId = (await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob() })).json.job.id
  const res = await t.call('POST', '/api/streams', { cookie: owner.cookie, body: { title, scheduledAt: new Date(Date.now() + msFromNow).toISOString(), jobIds: [jobId] } })
  expect(res.status).toBe(201)
  return res.json.stream.id as string
}

const reserve = (streamId: string, phone: string, extra: Record<string, unknown> = {}) => t.call('POST', `/api/streams/${streamId}/reservations`, { body: { phone, consent: true, ...extra } })
const smsTo = (masked: string) => lines.filter((l) => l.msg === 'sms' && l.sms?.to === masked)
const jobState = async (id: string) => (await queue.getJob(id))?.getState()
/** When BullMQ will run a delayed job: its score in the delayed set (ms × 4096 + a counter). */
const delayedUntil = async (id: string) => Math.floor(Number(await t.redis.zscore(`${keys.queuePrefix()}:${queues.reminders}:delayed`, id)) / 0x1000)

describe('预约直播: reserving', () => {
  it('stores one reservation per phone per stream: 201, then 200 with the same id; one job; counted', async () => {
    const streamId = await streamAt(2 * 3600_000)
    const first = await reserve(streamId, '138 0013 0001', { src: 'poster' })
    expect(first.status).toBe(201)
    const id = first.json.reservation.id as string
    expect(first.json).toEqual({ reservation: { id } })
    expect(responses.reservationCreated.safeParse(first.json).success).toBe(true) // the OpenAPI document's answer
    const again = await reserve(streamId, '+86 138-0013-0001')
    expect(again.status).toBe(200)
    expect(again.json.reservation.id).toBe(id)
    expect(await jobState(id)).toBe('delayed')
    expect((await queue.getJobs(['delayed', 'waiting', 'active', 'completed'])).filter((j) => j.data.reservationId.startsWith(streamId))).toHaveLength(1)
    const record = await t.redis.hgetall(keys.reservation(id))
    expect(record.phone).toBe('13800130001')
    expect(record.token).toMatch(/^[A-Za-z0-9_-]{12}$/)
    expect(await t.redis.hget(keys.streamCounters(streamId), TOTAL.reservations)).toBe('1')
    expect(await t.redis.hget(keys.streamCounters(streamId), channelField('reservations', 'poster'))).toBe('1')
    const stats = await t.call('GET', `/api/streams/${streamId}/stats`, { cookie: owner.cookie })
    expect(stats.json.reservations).toBe(1)
    expect(stats.json.channels.find((ch: { src: string }) => ch.src === 'poster')?.reservations).toBe(1) // the channels' count
    expect(responses.streamStats.safeParse(stats.json).error).toBeUndefined()
    // its delayed job runs 10 minutes before the start
    const stream = (await getStream(t.redis, streamId))!
    expect(Math.abs((await delayedUntil(id)) - remindAt(stream))).toBeLessThan(5000)
  })

  it('refuses bad input, unknown and ended streams in the caller’s words', async () => {
    const streamId = await streamAt(3600_000)
    const noConsent = await t.call('POST', `/api/streams/${streamId}/reservations`, { body: { phone: '13800130002', consent: false } })
    expect(noConsent.status).toBe(400)
    expect(noConsent.json.error.details[0].rule).toBe('consent.sms')
    const badPhone = await reserve(streamId, '12345')
    expect(badPhone.json.error.details[0].rule).toBe('phone.invalid')
    const badSrc = await reserve(streamId, '13800130002', { src: 'made up' })
    expect(badSrc.json.error.details[0].rule).toBe('src.invalid')
    expect((await reserve('01NOSUCHSTREAM00000000000', '13800130002')).status).toBe(404)
    await t.call('POST', `/api/streams/${streamId}/end`, { cookie: owner.cookie })
    const ended = await reserve(streamId, '13800130002')
    expect(ended.status).toBe(409)
    expect(ended.json.error.code).toBe('INVALID_STATE')
    expect(ended.json.error.details[0].rule).toBe('reservation.streamEnded')
    expect(await t.redis.hlen(keys.streamReservations(streamId))).toBe(0)
  })

  it('refuses a reservation or an unsubscribe sent from another site (Origin)', async () => {
    const streamId = await streamAt(3600_000)
    const evil = { origin: 'https://evil.example' }
    const res = await t.call('POST', `/api/streams/${streamId}/reservations`, { body: { phone: '13800130004', consent: true }, headers: evil })
    expect(res.status).toBe(403)
    const ok = await reserve(streamId, '13800130004')
    const id = ok.json.reservation.id as string
    const token = (await t.redis.hget(keys.reservation(id), 'token'))!
    expect((await t.call('DELETE', `/api/reservations/${id}?token=${token}`, { headers: evil })).status).toBe(403)
    expect(await t.redis.hget(keys.reservation(id), 'unsubscribedAt')).toBeNull()
  })

  it('limits reservations per phone (across streams), answering 429', async () => {
    const phone = '13800130003'
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) statuses.push((await reserve(await streamAt(3600_000), phone)).status)
    expect(statuses).toEqual([201, 201, 201, 201, 429])
  })
})

describe('预约直播: the SMS reminder', () => {
  it('goes out once, 10 minutes before the start: masked phone, one segment, the short link; a double submit sends nothing more', async () => {
    const streamId = await streamAt(REMIND_BEFORE_MS + 2000)
    const { json } = await reserve(streamId, '13900139001')
    const id = json.reservation.id as string
    const [line] = await until('the reminder line', () => smsTo('139****9001').length > 0 && smsTo('139****9001'))
    expect(JSON.stringify(lines)).not.toContain('13900139001')
    expect(line!.sms.text.length).toBeLessThanOrEqual(SMS_MAX_CHARS)
    expect(line!.sms.chars).toBeLessThanOrEqual(SMS_MAX_CHARS)
    const token = await t.redis.hget(keys.reservation(id), 'token')
    expect(line!.sms.text).toContain(`https://zp.example.cn/r/${token}`)
    expect(line!.sms.text).toMatch(/^【直播带岗】「缝纫工/)
    expect(line!.sms.text).toContain('…') // the long title is cut to fit
    await until('the job completed', async () => (await jobState(id)) === 'completed')
    expect((await reserve(streamId, '139 0013 9001')).json.reservation.id).toBe(id) // the same phone again
    expect(await jobState(id)).toBe('completed')
    expect(await t.redis.hget(keys.reservation(id), 'sentFor')).toBe((await getStream(t.redis, streamId))!.scheduledAt)
    expect(smsTo('139****9001')).toHaveLength(1)
    // the link opens the reservation, phone masked
    const link = await t.call('GET', `/api/reservation-links/${token}`)
    expect(link.json).toEqual({ reservation: { id, streamId, phone: '139****9001', status: 'active' } })
    expect(responses.reservationLink.safeParse(link.json).success).toBe(true)
    expect((await t.call('GET', '/api/reservation-links/NOSUCHCODE00')).status).toBe(404)
  })

  it('goes out at once when reserved after the reminder time', async () => {
    const streamId = await streamAt(5 * 60_000)
    await reserve(streamId, '13900139002')
    await until('the reminder line', () => smsTo('139****9002').length === 1)
  })

  it('moves with a rescheduled stream: the delayed job’s time follows; moved into the window it goes out', async () => {
    const streamId = await streamAt(2 * 3600_000)
    const id = (await reserve(streamId, '13900139003')).json.reservation.id as string
    const later = new Date(Date.now() + 5 * 3600_000).toISOString()
    expect((await t.call('PATCH', `/api/streams/${streamId}`, { cookie: owner.cookie, body: { scheduledAt: later } })).status).toBe(200)
    expect(await jobState(id)).toBe('delayed')
    expect(Math.abs((await delayedUntil(id)) - (Date.parse(later) - REMIND_BEFORE_MS))).toBeLessThan(5000)
    expect(smsTo('139****9003')).toHaveLength(0)
    const soon = new Date(Date.now() + REMIND_BEFORE_MS + 1000).toISOString()
    await t.call('PATCH', `/api/streams/${streamId}`, { cookie: owner.cookie, body: { scheduledAt: soon } })
    const [line] = await until('the reminder for the new time', () => smsTo('139****9003').length > 0 && smsTo('139****9003'))
    const hhmm = new Date(Date.parse(soon) + 8 * 3600_000).toISOString().slice(11, 16)
    expect(line!.sms.text).toContain(`${hhmm}开播`)
  })

  it('goes out at once when the stream goes live early, saying when it started', async () => {
    const streamId = await streamAt(2 * 3600_000)
    const id = (await reserve(streamId, '13900139007')).json.reservation.id as string
    expect(await jobState(id)).toBe('delayed')
    expect((await t.call('POST', `/api/streams/${streamId}/start`, { cookie: owner.cookie })).status).toBe(200)
    const [line] = await until('the reminder', () => smsTo('139****9007').length > 0 && smsTo('139****9007'))
    const startedAt = (await getStream(t.redis, streamId))!.startedAt!
    expect(line!.sms.text).toContain(`${new Date(Date.parse(startedAt) + 8 * 3600_000).toISOString().slice(11, 16)}开播`)
  })

  it('is not sent for a stream that ended: ending drops the job, and the processor checks the stream too', async () => {
    const ended = await streamAt(REMIND_BEFORE_MS + 2000)
    const a = (await reserve(ended, '13900139004')).json.reservation.id as string
    await t.call('POST', `/api/streams/${ended}/end`, { cookie: owner.cookie })
    expect(await queue.getJob(a)).toBeUndefined()
    // ended behind the queue's back (the store itself): the job runs, re-checks the stream and skips
    const other = await streamAt(REMIND_BEFORE_MS + 2000)
    const b = (await reserve(other, '13900139005')).json.reservation.id as string
    await moveStream(t.redis, (await getStream(t.redis, other))!, 'ended')
    await until('the job completed', async () => (await jobState(b)) === 'completed')
    expect((await queue.getJob(b))!.returnvalue).toEqual({ skipped: 'ended' })
    expect(smsTo('139****9004')).toHaveLength(0)
    expect(smsTo('139****9005')).toHaveLength(0)
    // once the final report is written, the phones are gone (the count stays)
    await finalizeReports(t.redis, Date.now() + 61_000)
    expect(await t.redis.hget(keys.reservation(a), 'phone')).toBeNull()
    expect(await t.redis.exists(keys.streamReservations(ended))).toBe(0)
    expect(await t.redis.hget(keys.streamCounters(ended), TOTAL.reservations)).toBe('1')
  })

  it('is not sent to a phone that unsubscribed; wrong tokens are 404; unsubscribing un-counts', async () => {
    const streamId = await streamAt(2 * 3600_000)
    const id = (await reserve(streamId, '13900139006', { src: 'poster' })).json.reservation.id as string
    const token = (await t.redis.hget(keys.reservation(id), 'token'))!
    expect((await t.call('DELETE', `/api/reservations/${id}?token=${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}`)).status).toBe(404) // one character off (never the token itself)
    expect((await t.call('DELETE', `/api/reservations/${id}?token=${token}extra`)).status).toBe(404)
    expect((await t.call('DELETE', `/api/reservations/${streamId}.NOSUCH?token=${token}`)).status).toBe(404)
    expect((await t.call('DELETE', `/api/reservations/${id}`)).status).toBe(400)
    expect((await t.call('DELETE', `/api/reservations/${id}?token=${token}`)).status).toBe(204)
    expect((await t.call('DELETE', `/api/reservations/${id}?token=${token}`)).status).toBe(204) // a second tap changes nothing
    expect(await queue.getJob(id)).toBeUndefined()
    expect(await t.redis.hget(keys.reservation(id), 'phone')).toBeNull()
    expect(await t.redis.hget(keys.streamCounters(streamId), TOTAL.reservations)).toBe('0')
    expect(await t.redis.hget(keys.streamCounters(streamId), channelField('reservations', 'poster'))).toBe('0')
    expect((await t.call('GET', `/api/reservation-links/${token}`)).json.reservation).toEqual({ id, streamId, phone: null, status: 'unsubscribed' })
    // a job queued anyway (a race with the unsubscribe) sends nothing
    await scheduleReminder(queue, id, { ...(await getStream(t.redis, streamId))!, scheduledAt: new Date().toISOString() })
    await until('the job completed', async () => (await jobState(id)) === 'completed')
    expect((await queue.getJob(id))!.returnvalue).toEqual({ skipped: 'unsubscribed' })
    expect(smsTo('139****9006')).toHaveLength(0)
    // the phone may reserve again: a new reservation
    const again = await reserve(streamId, '13900139006')
    expect(again.status).toBe(201)
    expect(again.json.reservation.id).not.toBe(id)
  })
})

describe('预约直播: every way a stream starts or ends moves its reminders', () => {
  // LiveKit's webhook endpoint on the same Redis and reminders queue, signed as LiveKit signs.
  const LK_KEY = 'devkey'
  const LK_SECRET = 'reminders-test-secret-of-at-least-32-characters'
  let lk: ReturnType<typeof createApp>
  beforeAll(() => {
    lk = createApp({ redis: t.redis, config: { ...t.config, LIVEKIT_URL: 'ws://127.0.0.1:1', LIVEKIT_API_KEY: LK_KEY, LIVEKIT_API_SECRET: LK_SECRET }, reminderQueue: queue })
  })
  let eventSeq = 0
  async function webhook(event: 'room_started' | 'room_finished', room: string) {
    const body = JSON.stringify({ event, room: { name: room }, id: `EV_rsv_${++eventSeq}_${Date.now()}`, createdAt: String(Math.floor(Date.now() / 1000)) })
    const at = new AccessToken(LK_KEY, LK_SECRET, { ttl: '5m' })
    at.sha256 = createHash('sha256').update(body).digest('base64')
    const res = await lk.request('/api/livekit/webhook', { method: 'POST', body, headers: { 'content-type': 'application/webhook+json', authorization: await at.toJwt() } })
    expect(res.status).toBe(200)
    return res.json()
  }

  it('LiveKit’s room_started before the reminders’ time sends them at once, saying when it started', async () => {
    const streamId = await streamAt(2 * 3600_000)
    const id = (await reserve(streamId, '13700137001')).json.reservation.id as string
    expect(await jobState(id)).toBe('delayed')
    expect(await webhook('room_started', streamId)).toEqual({ ok: true, applied: 'live', streamId })
    const [line] = await until('the reminder', () => smsTo('137****7001').length > 0 && smsTo('137****7001'))
    const startedAt = (await getStream(t.redis, streamId))!.startedAt!
    expect(line!.sms.text).toContain(`${new Date(Date.parse(startedAt) + 8 * 3600_000).toISOString().slice(11, 16)}开播`)
    await until('the job completed', async () => (await jobState(id)) === 'completed')
    expect(smsTo('137****7001')).toHaveLength(1)
  })

  it('LiveKit’s room_finished drops the stream’s reminder jobs', async () => {
    const streamId = await streamAt(2 * 3600_000)
    const ids = [(await reserve(streamId, '13700137002')).json.reservation.id as string, (await reserve(streamId, '13700137003')).json.reservation.id as string]
    for (const id of ids) expect(await jobState(id)).toBe('delayed')
    expect(await webhook('room_finished', streamId)).toEqual({ ok: true, applied: 'ended', streamId })
    expect((await getStream(t.redis, streamId))!.status).toBe('ended')
    for (const id of ids) expect(await queue.getJob(id)).toBeUndefined()
  })

  it('reserving a stream that is already live (a page opened before the start) sends at once', async () => {
    const streamId = await streamAt(2 * 3600_000)
    expect((await t.call('POST', `/api/streams/${streamId}/start`, { cookie: owner.cookie })).status).toBe(200)
    const id = (await reserve(streamId, '13700137006')).json.reservation.id as string
    await until('the reminder line', () => smsTo('137****7006').length === 1)
    await until('the job completed', async () => (await jobState(id)) === 'completed')
    // the live stream's time edited afterwards: the sent reminder is not queued again
    const later = new Date(Date.now() + 3 * 3600_000).toISOString()
    expect((await t.call('PATCH', `/api/streams/${streamId}`, { cookie: owner.cookie, body: { scheduledAt: later } })).status).toBe(200)
    expect(await jobState(id)).toBe('completed')
    expect((await queue.getJob(id))!.returnvalue).toEqual({ sent: true })
  })

  it('the stale-stream worker drops the reminder jobs of a stream it ends', async () => {
    // A reminder still waiting on a live stream (its job was queued just as the start promoted
    // the others), then the stream is abandoned.
    const streamId = await streamAt(2 * 3600_000)
    const id = (await reserve(streamId, '13700137004')).json.reservation.id as string
    await moveStream(t.redis, (await getStream(t.redis, streamId))!, 'live')
    expect(await jobState(id)).toBe('delayed')
    const live = (await getStream(t.redis, streamId))!
    await saveStream(t.redis, live, { ...live, startedAt: new Date(Date.now() - STALE_LIVE_MS - 60_000).toISOString() })
    expect((await endStaleStreams({ redis: t.redis, reminders: queue })).ended).toContain(streamId)
    expect(await queue.getJob(id)).toBeUndefined()
    expect(smsTo('137****7004')).toHaveLength(0)
  })
})

describe('预约直播: a reminder is claimed before it is sent', () => {
  const settings = () => reminderOptions(t.config, createLogger('info', { write: (s: string) => void lines.push(JSON.parse(s)) }))

  it('a worker that died after the provider accepted leaves its claim: the retry sends nothing; a refusal releases it and the retry sends once', async () => {
    const streamId = await streamAt(2 * 3600_000)
    const id = (await reserve(streamId, '13700137005')).json.reservation.id as string
    const stream = (await getStream(t.redis, streamId))!
    const claim = keys.reminderClaim(id, Date.parse(stream.scheduledAt))
    const job = (await queue.getJob(id))!
    const { sms, reminders } = settings()

    // The provider refuses: the claim is let go, nothing is recorded, the job's retry may send.
    const refusing = sendReminderProcessor(t.redis, async () => Promise.reject(new Error('provider refused')), reminders!)
    await expect(refusing(job)).rejects.toThrow('provider refused')
    expect(await t.redis.exists(claim)).toBe(0)
    expect(await t.redis.hget(keys.reservation(id), 'sentFor')).toBeNull()

    // A worker claimed it and died mid-send: the job, run again by the real worker (the stream
    // starts early, which sends the reminders at once), sends nothing.
    await t.redis.set(claim, 'a worker that died', 'PX', SENDING_CLAIM_MS)
    expect((await t.call('POST', `/api/streams/${streamId}/start`, { cookie: owner.cookie })).status).toBe(200)
    await until('the job completed', async () => (await jobState(id)) === 'completed')
    expect((await queue.getJob(id))!.returnvalue).toEqual({ skipped: 'sending' })
    expect(smsTo('137****7005')).toHaveLength(0)
    expect(await t.redis.pttl(claim)).toBeGreaterThan(0) // it lapses by itself

    // Once the claim has lapsed, a run sends; the sent record replaces the claim; again: nothing.
    await t.redis.del(claim)
    const sending = sendReminderProcessor(t.redis, sms!, reminders!)
    expect(await sending(job)).toEqual({ sent: true })
    expect(smsTo('137****7005')).toHaveLength(1)
    expect(await t.redis.exists(claim)).toBe(0)
    expect(await t.redis.hget(keys.reservation(id), 'sentFor')).toBe(stream.scheduledAt)
    expect(await sending(job)).toEqual({ skipped: 'sent' })
    expect(smsTo('137****7005')).toHaveLength(1)
  })
})

describe('加入日历', () => {
  it('answers the stream as an iCalendar event with its title, start, length and watch page', async () => {
    const streamId = await streamAt(3 * 3600_000, '电子厂探厂直播')
    const stream = (await getStream(t.redis, streamId))!
    const res = await t.call('GET', `/api/streams/${streamId}/calendar.ics`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/)
    const text = res.text.replace(/\r?\n[ \t]/g, '') // unfold RFC 5545 continuation lines
    expect(text).toContain('BEGIN:VEVENT')
    expect(text).toContain('SUMMARY:电子厂探厂直播')
    const start = stream.scheduledAt.replace(/[-:]/g, '').replace(/\.\d{3}/, '')
    expect(text).toContain(`DTSTART:${start}`)
    expect(text).toContain('DURATION:PT1H')
    expect(text).toContain(`URL:https://zp.example.cn/watch/${streamId}`)
    expect(text).toMatch(/DESCRIPTION:.*测试公司/)
    expect((await t.call('GET', '/api/streams/NOSUCH/calendar.ics')).status).toBe(404)
  })
})
