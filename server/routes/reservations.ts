import { Hono, type Context } from 'hono'
import { createHash } from 'node:crypto'
import type { AppEnv } from '../context.ts'
import { ApiError, notFound } from '../errors.ts'
import { jsonBody, queryOf } from '../lib/validate.ts'
import { ruleMessages } from '../../schemas/rules.ts'
import { RESERVATION_CODE, reserveBody, unsubscribeQuery } from '../../schemas/reservations.ts'
import { maskPhone } from '../lib/pii.ts'
import { clientIp, hitAll, rateLimitByIp } from '../middleware/rate-limit.ts'
import { getStream } from '../store/streams.ts'
import { getCompany } from '../store/companies.ts'
import { createReservation, reservationByCode, unsubscribe } from '../reminders/store.ts'
import { reminderQueueOf as queueOf, scheduleReminder } from '../reminders/queue.ts'
import { streamCalendar } from '../reminders/calendar.ts'

// 预约直播: reserve an upcoming stream for one SMS reminder, unsubscribe with the SMS's link,
// and 加入日历 (.ics). Public: the reservation's token is what authorises its changes.

/** A rate-limit bucket per phone without the phone in a Redis key name. */
const phoneTag = (phone: string) => createHash('sha256').update(`reserve:${phone}`).digest('hex').slice(0, 24)

const now = (c: Context<AppEnv>) => c.get('deps').now?.() ?? new Date()

const ended = () =>
  new ApiError('INVALID_STATE', ruleMessages['reservation.streamEnded'], [{ path: [], message: ruleMessages['reservation.streamEnded'], rule: 'reservation.streamEnded' }])

/** What any caller may see of a reservation: never the phone in full, never the token. */
const receipt = (r: { id: string; streamId: string; phone?: string; unsubscribedAt?: string }) => ({
  id: r.id,
  streamId: r.streamId,
  phone: r.phone ? maskPhone(r.phone) : null,
  status: r.unsubscribedAt ? ('unsubscribed' as const) : ('active' as const),
})

// 加入日历 is one tap per viewer; like the QR codes, per address.
const calendarLimit = rateLimitByIp('calendar', () => 120)

// Mounted at /api.
export const reservations = new Hono<AppEnv>()
  .post('/streams/:id/reservations', jsonBody(reserveBody), async (c) => {
    const body = c.req.valid('json')
    const deps = c.get('deps')
    const { config, redis } = deps
    await hitAll(c, [
      { bucket: 'reserve-ip', who: clientIp(c), limit: config.RESERVE_RATE_LIMIT_IP, windowSeconds: 60 },
      { bucket: 'reserve-phone', who: phoneTag(body.phone), limit: config.RESERVE_RATE_LIMIT_PHONE, windowSeconds: 3600 },
    ])
    const streamId = c.req.param('id')
    const result = await createReservation(redis, { streamId, phone: body.phone, src: body.src }, now(c))
    if (result.outcome === 'no-stream') throw notFound('Stream')
    if (result.outcome === 'ended') throw ended()
    // Queued on every answer: after a crash between storing and queueing, the retry queues it;
    // the job id (the reservation's) keeps it to one.
    const stream = await getStream(redis, streamId)
    if (stream && stream.status !== 'ended') await scheduleReminder(queueOf(deps), result.id, stream, now(c))
    return c.json({ reservation: { id: result.id } }, result.outcome === 'created' ? 201 : 200)
  })
  .delete('/reservations/:id', queryOf(unsubscribeQuery), async (c) => {
    const { redis, config } = c.get('deps')
    // public and token-checked: guesses are limited per address like the link page's
    await hitAll(c, [{ bucket: 'unsubscribe-ip', who: clientIp(c), limit: config.RESERVE_RATE_LIMIT_IP, windowSeconds: 60 }])
    const id = c.req.param('id')
    const outcome = await unsubscribe(redis, id, c.req.valid('query').token, now(c))
    if (outcome === 'not-found') throw notFound('Reservation')
    const job = await queueOf(c.get('deps')).getJob(id)
    if (job && (await job.isDelayed())) await job.remove().catch(() => {}) // the processor skips it anyway
    return c.body(null, 204)
  })
  .get('/reservation-links/:code', async (c) => {
    const code = c.req.param('code')
    await hitAll(c, [{ bucket: 'reserve-link-ip', who: clientIp(c), limit: c.get('deps').config.RESERVE_RATE_LIMIT_IP, windowSeconds: 60 }])
    const found = RESERVATION_CODE.test(code) ? await reservationByCode(c.get('deps').redis, code) : null
    if (!found) throw notFound('Reservation')
    c.header('Cache-Control', 'private, no-store')
    return c.json({ reservation: receipt(found) }, 200)
  })
  .get('/streams/:id/calendar.ics', calendarLimit, async (c) => {
    const { redis, config } = c.get('deps')
    const stream = await getStream(redis, c.req.param('id'))
    if (!stream) throw notFound('Stream')
    const company = await getCompany(redis, stream.companyId)
    const watchUrl = `${config.PUBLIC_URL}/watch/${stream.id}` // never the request's Host
    c.header('Content-Type', 'text/calendar; charset=utf-8')
    c.header('Content-Disposition', `attachment; filename="stream-${stream.id}.ics"`)
    return c.body(streamCalendar(stream, company?.name ?? null, watchUrl), 200)
  })
