import * as z from 'zod/mini'
import { PHONE } from './applications.ts'

// GET/PATCH /api/company: what the recruiter keeps about its own company.

/** A landline with its area code: 0394-1234567, 010-12345678. */
export const LANDLINE = /^0\d{2,3}-\d{7,8}$/

/**
 * People type 138 1234 5678, +86 138…, (0394)1234567 or 0394 1234567: a mobile keeps its 11
 * digits, a landline becomes 0394-1234567 (an area code's length is only known from a dash,
 * a bracket or a space, so a bare run of digits must be a mobile).
 */
export function normalizeHiringPhone(s: string) {
  const t = s.trim().replace(/^\((0\d{2,3})\)\s*/, '$1-').replace(/^(0\d{2,3})\s+/, '$1-')
  const mobile = t.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '')
  return PHONE.test(mobile) ? mobile : t.replace(/\s/g, '')
}

/** 招聘电话: a mainland mobile or a landline; null removes it. */
export const hiringPhone = z.pipe(z.pipe(z.string('hiringPhone.invalid'), z.transform(normalizeHiringPhone)), z.string().check(z.refine((v) => PHONE.test(v) || LANDLINE.test(v), 'hiringPhone.invalid')))

export const companyPatchBody = z.strictObject({ hiringPhone: z.optional(z.nullable(hiringPhone)) })
