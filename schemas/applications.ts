import * as z from 'zod/mini'
import { CLIENT_ID, clientId, pageFields, recordId, requiredText, text } from './fields.ts'
import { src } from './channels.ts'

// POST /api/streams/:id/applications, GET …/applications, PATCH /api/applications/:id.

/** A mainland mobile number: 11 digits starting 13–19. */
export const PHONE = /^1[3-9]\d{9}$/
/**
 * People type 138 1234 5678, 138-1234-5678 or +86…: keep the 11 digits. A Chinese keyboard in
 * full-width mode types 「１３８１２３４５６７８」, 「＋８６」, 「－」 and 「　」: NFKC makes them ASCII
 * first; other dashes (—, –, ー) count as dashes too.
 */
export const normalizePhone = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\s\-\u2010-\u2015\u2212\u30fc]/g, '')
    .replace(/^(\+?86)(?=1\d{10}$)/, '')

export const viewerId = clientId('viewerId.invalid')

/** A phone box as people fill it (also 预约直播, schemas/reservations.ts): normalised, then checked. */
export const phoneField = z.pipe(z.pipe(z.string('phone.invalid'), z.transform(normalizePhone)), z.string().check(z.regex(PHONE, 'phone.invalid')))

export const applyBody = z.strictObject({
  jobId: recordId,
  name: requiredText(20, 'name.required', 'name.tooLong'),
  phone: phoneField,
  consent: z.literal(true, 'consent.required'),
  viewerId: z.optional(viewerId),
  age: z.optional(z.int('age.notWhole').check(z.minimum(16, 'age.outOfRange'), z.maximum(80, 'age.outOfRange'))),
  // A gazetteer town's code or canonical name (schemas/gazetteer); older clients' free text that
  // starts with a town's name is split by the server into town and village.
  town: z.optional(text(30, 'town.tooLong')),
  village: z.optional(text(30, 'village.tooLong')),
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

/** GET /api/applications/:id/status?receipt=: the token the apply answer gave the applicant's device. */
export const applicationStatusQuery = z.object({ receipt: z.optional(z.string().check(z.maxLength(64, 'receipt.invalid'))) })

/** GET /api/station/applications: what the signed-in station filed. */
export const stationApplicationsQuery = z.object(pageFields)
