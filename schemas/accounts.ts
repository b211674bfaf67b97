import * as z from 'zod/mini'
import { pageFields, requiredText } from './fields.ts'

// POST /api/auth/register, /api/auth/login and /api/admin/stations.

export const email = z.string('email.invalid').check(z.trim(), z.toLowerCase(), z.regex(z.regexes.email, 'email.invalid'), z.maxLength(254, 'email.invalid'))
export const newPassword = z.string('password.tooShort').check(z.minLength(8, 'password.tooShort'), z.maxLength(200))
export const personName = requiredText(60, 'name.required', 'name.tooLong')

export const registerBody = z.object({
  email,
  password: newPassword,
  name: personName,
  companyName: z.string('companyName.tooShort').check(z.trim(), z.minLength(2, 'companyName.tooShort'), z.maxLength(80)),
})

export const loginBody = z.object({ email, password: z.string('password.required').check(z.minLength(1, 'password.required'), z.maxLength(200)) })

/** A village service station (一村一站) account, made by an organizer. */
export const stationBody = z.object({ email, password: newPassword, name: personName, town: requiredText(60, 'town.required', 'town.tooLong') })

export const recruiterListQuery = z.object({ status: z._default(z.enum(['pending', 'approved', 'suspended']), 'pending'), ...pageFields })
export const stationListQuery = z.object(pageFields)
