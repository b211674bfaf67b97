import { DelayedError, type Job } from 'bullmq'
import type { Redis } from 'ioredis'
import { keys } from '../server/store/keys.ts'
import { getStream } from '../server/store/streams.ts'
import { getReservation } from '../server/reminders/store.ts'
import { remindAt, type ReminderJob } from '../server/reminders/queue.ts'
import { reminderSms } from '../server/reminders/text.ts'
import type { SmsProvider } from '../server/sms/provider.ts'

export type ReminderSettings = { sign: string; publicUrl: string }

/** A job that arrives this much before its stream's reminder time waits again (the start moved). */
const EARLY_MS = 2000

/**
 * How long a claim to send outlives a worker that died holding it: far longer than BullMQ
 * takes to hand a stalled job to another worker (~15 s, workers/main.ts), so that retry finds it.
 */
export const SENDING_CLAIM_MS = 15 * 60_000

/**
 * Processor of the reminders queue: one 预约直播 SMS. Checks at send time what may have changed
 * since the job was queued: an unsubscribed reservation, an ended stream, a start moved later
 * (the job waits again), a reminder already sent for this start time (a retry, a requeue).
 * At most once per start time: it claims the send before the provider call (docs/http-api.md).
 */
export const sendReminderProcessor =
  (redis: Redis, sms: SmsProvider, settings: ReminderSettings, now: () => Date = () => new Date()) =>
  async (job: Job<ReminderJob>, token?: string) => {
    const reservation = await getReservation(redis, job.data.reservationId)
    if (!reservation || reservation.unsubscribedAt || !reservation.phone) return { skipped: 'unsubscribed' }
    const stream = await getStream(redis, reservation.streamId)
    if (!stream || stream.status === 'ended') return { skipped: 'ended' }
    if (reservation.sentFor === stream.scheduledAt) return { skipped: 'sent' }
    const at = remindAt(stream)
    // a stream already live (started early) is worth the reminder now
    if (stream.status === 'scheduled' && at - now().getTime() > EARLY_MS && token) {
      await job.moveToDelayed(at, token)
      throw new DelayedError()
    }
    const message = reminderSms({ sign: settings.sign, title: stream.title, startsAt: stream.startedAt ?? stream.scheduledAt, publicUrl: settings.publicUrl, code: reservation.token, now: now() })
    // The link's index (catalog) is written after the reservation: mend it before the link goes out.
    await redis.set(keys.reservationLink(reservation.token), reservation.id)
    // A worker that dies after the provider accepted but before `sentFor` is written leaves its
    // claim: the job's retry sends nothing rather than a second SMS (had it died before the
    // provider accepted, that one SMS is lost). A provider's refusal releases it: the retry sends.
    const claim = keys.reminderClaim(reservation.id, Date.parse(stream.scheduledAt))
    if ((await redis.set(claim, String(job.id), 'PX', SENDING_CLAIM_MS, 'NX')) === null) return { skipped: 'sending' }
    try {
      await sms({ phone: reservation.phone, ...message })
    } catch (err) {
      await redis.del(claim).catch(() => {}) // not released (Redis down): the retry skips, as after a crash
      throw err
    }
    await redis.multi().hset(keys.reservation(reservation.id), 'sentFor', stream.scheduledAt, 'sentAt', now().toISOString()).del(claim).exec()
    return { sent: true }
  }
