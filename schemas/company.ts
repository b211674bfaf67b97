import * as z from 'zod/mini'
import { PHONE } from './applications.ts'

// GET/PATCH /api/company: what the recruiter keeps about its own company.

/** A landline with its area code: 0394-1234567, 010-12345678. */
export const LANDLINE = /^0\d{2,3}-\d{7,8}$/

/**
 * People type 138 1234 5678, +86 138…, (0394)1234567, 0394 1234567 or 03941234567: a mobile
 * keeps its 11 digits, a landline becomes 0394-1234567. Written without a separator, the area
 * code's length follows the national plan: 010 and 020–029 have three digits, the rest four.
 */
export function normalizeHiringPhone(s: string) {
  const t = s.trim().replace(/^\((0\d{2,3})\)\s*/, '$1-').replace(/^(0\d{2,3})\s+/, '$1-')
  const mobile = t.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '')
  if (PHONE.test(mobile)) return mobile
  const bare = t.replace(/\s/g, '')
  return /^0\d{9,11}$/.test(bare) ? bare.replace(/^(0[12]\d|0\d{3})/, '$1-') : bare
}

/** 招聘电话: a mainland mobile or a landline; null removes it. */
export const hiringPhone = z.pipe(z.pipe(z.string('hiringPhone.invalid'), z.transform(normalizeHiringPhone)), z.string().check(z.refine((v) => PHONE.test(v) || LANDLINE.test(v), 'hiringPhone.invalid')))

export const companyPatchBody = z.strictObject({ hiringPhone: z.optional(z.nullable(hiringPhone)) })
