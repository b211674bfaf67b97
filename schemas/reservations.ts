import * as z from 'zod/mini'
import { phoneField } from './applications.ts'
import { src } from './channels.ts'

// POST /api/streams/:id/reservations (预约直播), DELETE /api/reservations/:id?token=.

/** A phone for one SMS reminder before this stream; consent names exactly that. */
export const reserveBody = z.strictObject({
  phone: phoneField,
  consent: z.literal(true, 'consent.sms'),
  src: z.optional(src),
})

/** The unsubscribe link's secret (the SMS's short code). */
export const unsubscribeQuery = z.object({ token: z.string('token.invalid').check(z.minLength(1, 'token.invalid'), z.maxLength(64, 'token.invalid')) })

/** /r/<code> in the SMS: letters, digits, - and _. */
export const RESERVATION_CODE = /^[A-Za-z0-9_-]{8,64}$/
