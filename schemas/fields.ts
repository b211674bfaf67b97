import * as z from 'zod/mini'
import type { Rule } from './rules.ts'

// Pieces several inputs share. zod/mini, not zod: its checks tree-shake, so the web bundle
// carries only what its forms use (a few KB), not all of zod.

/** A trimmed string of at most `max` characters, refused as `tooLong` beyond. */
export const text = (max: number, tooLong?: Rule) => z.string().check(z.trim(), z.maxLength(max, tooLong))

/** A trimmed string that must hold something. */
export const requiredText = (max: number, required: Rule, tooLong?: Rule) => z.string(required).check(z.trim(), z.minLength(1, required), z.maxLength(max, tooLong))

/** An id the server issued (jobs, streams, fairs, users). */
export const recordId = z.string().check(z.minLength(1), z.maxLength(64))

/** Ids a client picks for itself: viewer, session, event and idempotency keys. */
export const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/
export const clientId = (rule: Rule) => z.string(rule).check(z.regex(CLIENT_ID, rule))

/** ISO-8601 with an offset (2026-03-01T09:00:00+08:00 or …Z), kept as UTC (…Z). */
export const isoDate = z.iso.datetime({ offset: true, error: 'datetime.invalid' })
export const utcDate = z.pipe(isoDate, z.transform((d: string) => new Date(d).toISOString()))

/** A whole number read from a typed box: missing and not-a-number each have their own rule. */
export const wholeNumber = (required: Rule, notWhole: Rule) => z.int({ error: (issue) => (issue.input === undefined ? required : notWhole) })

/** `?limit=&cursor=` on every list. */
export const pageFields = {
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
  cursor: z.optional(z.string().check(z.maxLength(512))),
}
