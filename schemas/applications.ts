import * as z from 'zod/mini'
import { CLIENT_ID, clientId, recordId, requiredText, text } from './fields.ts'
import { src } from './channels.ts'

// POST /api/streams/:id/applications, GET …/applications, PATCH /api/applications/:id.

/** A mainland mobile number: 11 digits starting 13–19. */
export const PHONE = /^1[3-9]\d{9}$/
/** People type 138 1234 5678, 138-1234-5678 or +86…: keep the 11 digits. */
export const normalizePhone = (s: string) => s.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '')

export const viewerId = clientId('viewerId.invalid')

export const applyBody = z.strictObject({
  jobId: recordId,
  name: requiredText(20, 'name.required', 'name.tooLong'),
  phone: z.pipe(z.pipe(z.string('phone.invalid'), z.transform(normalizePhone)), z.string().check(z.regex(PHONE, 'phone.invalid'))),
  consent: z.literal(true, 'consent.required'),
  viewerId: z.optional(viewerId),
  age: z.optional(z.int('age.notWhole').check(z.minimum(16, 'age.outOfRange'), z.maximum(80, 'age.outOfRange'))),
  town: z.optional(text(30, 'town.tooLong')),
  note: z.optional(text(200, 'note.tooLong')),
  src: z.optional(src), // the share channel (?src=) the applicant came through (docs/counting.md)
})

export const applicationStatusBody = z.strictObject({ status: z.enum(['contacted', 'interview', 'hired', 'rejected']) })

export const applicationListQuery = z.object({
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
  cursor: z.optional(z.string().check(z.maxLength(512))),
  since: z.optional(z.string().check(z.maxLength(512))),
})

/** The Idempotency-Key header of an application. */
export const IDEMPOTENCY_KEY = CLIENT_ID
