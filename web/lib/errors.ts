import { fieldsOf, type ApiFailure } from './api.ts'
import { t, type Key } from './i18n.ts'
import { zh } from '../i18n/zh.ts'

/** A message kept as a dictionary key (re-translated on language switch) or raw text. */
export type Msg = { key: Key; args?: Record<string, string | number> } | { raw: string }
export type Errors = Record<string, Msg>

export const msg = (key: Key, args?: Record<string, string | number>): Msg => ({ key, args })
export const show = (m: Msg | undefined | null): string => (!m ? '' : 'raw' in m ? m.raw : t(m.key, m.args))

/** The server's English validation messages (server/routes/*.ts) mapped to our keys. */
const known: Record<string, Key> = {
  'Enter a valid email address': 'err.email',
  'Password must be at least 8 characters': 'err.password',
  Required: 'err.required',
  'Company name must be at least 2 characters': 'err.min2',
  'At least 2 characters': 'err.min2',
  'Must be 0 or more': 'err.nonNegative',
  'Minimum pay cannot be above maximum pay': 'err.payOrder',
  'Whole number': 'err.int',
  'At least 1': 'err.headcount',
  'At least 16': 'err.age',
  'At most 80': 'err.age',
  'Minimum age cannot be above maximum age': 'err.ageOrder',
  'Pick at least one job': 'err.pickJob',
  'At most 30 jobs per stream': 'err.maxJobs',
  'Not one of your jobs': 'err.notYourJob',
  'This job is closed': 'err.jobClosed',
  'No such fair': 'err.noFair',
  'This time has already passed': 'err.future',
  'Schedule at most a year ahead': 'err.tooFar',
  'Enter a valid date and time': 'err.datetime',
  'The fair must end after it starts': 'err.fairOrder',
  'Email already registered': 'err.emailTaken',
  'Please enter your name': 'err.name',
  'Name is too long': 'err.nameLong',
  'Enter an 11-digit mainland mobile number': 'err.phone',
  'Consent is required': 'err.consent',
  'Age must be 16 or more': 'err.age',
  'Age must be 80 or less': 'err.age',
}
/** zod issue codes, for messages we do not know word for word. */
const byZodCode: Record<string, Key> = {
  too_small: 'err.tooSmall',
  too_big: 'err.tooBig',
  invalid_type: 'err.invalid',
  invalid_format: 'err.invalid',
  invalid_string: 'err.invalid',
  invalid_value: 'err.invalid',
}

function fieldMsg(message: string, code?: string): Msg {
  const key = known[message] ?? (code ? byZodCode[code] : undefined)
  return key ? msg(key) : { raw: message }
}

/** Form-level message for an error code (closed list in server/errors.ts). */
export function codeMsg(f: ApiFailure): Msg {
  if (f.code === 'RATE_LIMITED' && f.retryAfter) return msg('code.RATE_LIMITED_WAIT', { s: f.retryAfter })
  const key = `code.${f.code}`
  return key in zh ? msg(key as Key) : msg('code.UNKNOWN')
}

/**
 * Server failure → per-field messages for the fields the form shows (by dotted path;
 * `alias` maps server paths to form fields), plus one message for the whole form.
 */
export function toErrors(f: ApiFailure, shown: readonly string[], alias: Record<string, string> = {}): Errors {
  const out: Errors = {}
  for (const [path, p] of Object.entries(fieldsOf(f))) {
    const field = alias[path] ?? path
    if (shown.includes(field) && !out[field]) out[field] = fieldMsg(p.message, p.code)
  }
  const placed = Object.keys(out).length > 0
  out._form = placed ? codeMsg(f) : f.code === 'VALIDATION_FAILED' && f.details[0] ? fieldMsg(f.details[0].message, f.details[0].code) : codeMsg(f)
  return out
}
