import type { PayUnit } from './api.ts'
import { msg, type Errors } from './errors.ts'
import type { Key } from './i18n.ts'
import { localToIso } from './time.ts'

/** Client-side checks run before anything is sent; each returns field errors and, if clean, the body. */
type Result<B> = { errors: Errors; body: B | null }

export const isEmail = (s: string) => /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(s.trim())

/** '' → undefined, '12' → 12, 'abc' → NaN */
export function numberOrEmpty(s: string): number | undefined {
  const v = s.trim()
  return v === '' ? undefined : Number(v)
}

function collector() {
  const errors: Errors = {}
  const fail = (field: string, key: Key) => {
    if (!errors[field]) errors[field] = msg(key)
  }
  return { errors, fail, done: <B>(body: B): Result<B> => ({ errors, body: Object.keys(errors).length ? null : body }) }
}

export function checkLogin(v: { email: string; password: string }) {
  const c = collector()
  if (!isEmail(v.email)) c.fail('email', 'err.email')
  if (!v.password) c.fail('password', 'err.required')
  return c.done({ email: v.email.trim(), password: v.password })
}

export function checkRegister(v: { email: string; password: string; name: string; companyName: string }) {
  const c = collector()
  if (!isEmail(v.email)) c.fail('email', 'err.email')
  if (v.password.length < 8) c.fail('password', 'err.password')
  if (!v.name.trim()) c.fail('name', 'err.required')
  if (v.companyName.trim().length < 2) c.fail('companyName', 'err.min2')
  return c.done({ email: v.email.trim(), password: v.password, name: v.name.trim(), companyName: v.companyName.trim() })
}

export function checkStation(v: { email: string; password: string; name: string; town: string }) {
  const c = collector()
  if (!isEmail(v.email)) c.fail('email', 'err.email')
  if (v.password.length < 8) c.fail('password', 'err.password')
  if (!v.name.trim()) c.fail('name', 'err.required')
  if (!v.town.trim()) c.fail('town', 'err.required')
  return c.done({ email: v.email.trim(), password: v.password, name: v.name.trim(), town: v.town.trim() })
}

export type JobValues = {
  title: string
  payMin: string
  payMax: string
  unit: PayUnit
  headcount: string
  town: string
  address: string
  tags: string[]
  ageMin: string
  ageMax: string
  description: string
}

export function checkJob(v: JobValues) {
  const c = collector()
  const min = numberOrEmpty(v.payMin)
  const max = numberOrEmpty(v.payMax)
  const head = numberOrEmpty(v.headcount)
  const ageMin = numberOrEmpty(v.ageMin)
  const ageMax = numberOrEmpty(v.ageMax)
  if (v.title.trim().length < 2) c.fail('title', 'err.min2')
  for (const [field, n] of [['pay.min', min], ['pay.max', max]] as const) {
    if (n === undefined) c.fail(field, 'err.required')
    else if (!Number.isFinite(n)) c.fail(field, 'err.number')
    else if (n < 0) c.fail(field, 'err.nonNegative')
  }
  if (min !== undefined && max !== undefined && min > max) c.fail('pay.min', 'err.payOrder')
  if (head === undefined) c.fail('headcount', 'err.required')
  else if (!Number.isInteger(head)) c.fail('headcount', 'err.int')
  else if (head < 1) c.fail('headcount', 'err.headcount')
  if (!v.town.trim()) c.fail('location.town', 'err.required')
  for (const [field, n] of [['ageMin', ageMin], ['ageMax', ageMax]] as const) {
    if (n === undefined) continue
    if (!Number.isInteger(n)) c.fail(field, 'err.int')
    else if (n < 16 || n > 80) c.fail(field, 'err.age')
  }
  if (ageMin !== undefined && ageMax !== undefined && ageMin > ageMax) c.fail('ageMin', 'err.ageOrder')
  if (v.tags.length > 10) c.fail('tags', 'err.tagMany')
  if (v.tags.some((tag) => tag.length > 12)) c.fail('tags', 'err.tagLong')
  const address = v.address.trim()
  const description = v.description.trim()
  return c.done({
    title: v.title.trim(),
    pay: { min: min ?? 0, max: max ?? 0, unit: v.unit },
    headcount: head ?? 0,
    location: { town: v.town.trim(), ...(address ? { address } : {}) },
    tags: v.tags,
    ageMin: ageMin ?? null,
    ageMax: ageMax ?? null,
    description: description || null,
  })
}

/** The create endpoint wants optional fields left out rather than null. */
export function withoutNulls<T extends Record<string, unknown>>(body: T) {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null)) as { [K in keyof T]: Exclude<T[K], null> }
}

export type StreamValues = { title: string; when: string; jobIds: string[]; fairId: string; description: string }

/** `timeChanged` false skips the future check (editing a stream that is already live). */
export function checkStream(v: StreamValues, timeChanged = true, now = Date.now()) {
  const c = collector()
  if (v.title.trim().length < 2) c.fail('title', 'err.min2')
  const iso = localToIso(v.when)
  if (!iso) c.fail('scheduledAt', 'err.datetime')
  else if (timeChanged && Date.parse(iso) <= now) c.fail('scheduledAt', 'err.future')
  else if (timeChanged && Date.parse(iso) > now + 365 * 86400_000) c.fail('scheduledAt', 'err.tooFar')
  if (v.jobIds.length === 0) c.fail('jobIds', 'err.pickJob')
  if (v.jobIds.length > 30) c.fail('jobIds', 'err.maxJobs')
  const description = v.description.trim()
  return c.done({
    title: v.title.trim(),
    scheduledAt: iso ?? '',
    jobIds: v.jobIds,
    fairId: v.fairId || null,
    description: description || null,
  })
}

export type FairValues = { title: string; startsAt: string; endsAt: string; description: string }

export function checkFair(v: FairValues, now = Date.now()) {
  const c = collector()
  if (v.title.trim().length < 2) c.fail('title', 'err.min2')
  const starts = localToIso(v.startsAt)
  const ends = localToIso(v.endsAt)
  if (!starts) c.fail('startsAt', 'err.datetime')
  if (!ends) c.fail('endsAt', 'err.datetime')
  else if (Date.parse(ends) <= now) c.fail('endsAt', 'err.future')
  if (starts && ends && Date.parse(starts) > Date.parse(ends)) c.fail('endsAt', 'err.fairOrder')
  const description = v.description.trim()
  return c.done({ title: v.title.trim(), startsAt: starts ?? '', endsAt: ends ?? '', ...(description ? { description } : {}) })
}

export const PHONE = /^1[3-9]\d{9}$/
/** People type 138 1234 5678, 138-1234-5678 or +86…: keep the 11 digits. */
export const normalizePhone = (s: string) =>
  s
    .replace(/[\s-]/g, '')
    .replace(/^(\+?86)(?=1\d{10}$)/, '')

export type ApplyValues = { name: string; phone: string; consent: boolean; age: string; town: string }

export function checkApply(v: ApplyValues) {
  const c = collector()
  const name = v.name.trim()
  const phone = normalizePhone(v.phone)
  const age = numberOrEmpty(v.age)
  if (!name) c.fail('name', 'err.name')
  else if (name.length > 20) c.fail('name', 'err.nameLong')
  if (!PHONE.test(phone)) c.fail('phone', 'err.phone')
  if (age !== undefined && (!Number.isInteger(age) || age < 16 || age > 80)) c.fail('age', 'err.age')
  if (!v.consent) c.fail('consent', 'err.consent')
  const town = v.town.trim()
  return c.done({ name, phone, consent: true as const, ...(age !== undefined ? { age } : {}), ...(town ? { town } : {}) })
}
