import type { Redis } from 'ioredis'
import { keys } from './keys.ts'
import { getJson, getManyJson, present, toJson } from './json.ts'
import { newId } from '../lib/ids.ts'
import { createAccountScript } from './create-account.lua.ts'
import { rangeAfter, encodeCursor, decodeCursor, type Page } from './paging.ts'
import type { Company, Role, User, UserRecord, UserStatus } from './types.ts'

/** Where an account is written: the catalog slot. */
export const accountKeys = (user: Pick<UserRecord, 'id' | 'role' | 'status'>, companyId?: string) => ({
  byEmail: keys.userIdByEmail(),
  user: keys.user(user.id),
  roleIndex: keys.usersByRole(user.role),
  statusIndex: keys.recruitersByStatus(user.status),
  company: keys.company(companyId ?? '-'),
  companies: keys.companies(),
  assistants: keys.companyAssistants(companyId ?? '-'),
})

export const normalizeEmail = (email: string) => email.trim().toLowerCase()

export function publicUser(u: UserRecord): User {
  const { passwordHash: _omit, createdBy: _maker, ...rest } = u
  return rest
}

export type NewAccount = {
  email: string
  name: string
  role: Role
  status: UserStatus
  passwordHash: string
  town?: string | null
  companyName?: string
  /** An existing company the account belongs to (assistants); companyName makes a new one. */
  companyId?: string
  /** An assistant's maker (the recruiter): see UserRecord.createdBy. */
  createdBy?: string
}

/** Returns null when the email is taken. */
export async function createAccount(redis: Redis, input: NewAccount, now = new Date()) {
  const email = normalizeEmail(input.email)
  const createdAt = now.toISOString()
  const company: Company | null = input.companyName
    ? { id: newId(now.getTime()), name: input.companyName, createdAt }
    : null
  const user: UserRecord = {
    id: newId(now.getTime()),
    email,
    name: input.name,
    role: input.role,
    status: input.status,
    companyId: company?.id ?? input.companyId ?? null,
    town: input.town ?? null,
    createdAt,
    passwordHash: input.passwordHash,
    ...(input.createdBy ? { createdBy: input.createdBy } : {}),
  }
  const ok = await createAccountScript(
    redis,
    accountKeys(user, company?.id ?? input.companyId),
    {
      email,
      userId: user.id,
      userJson: toJson(user),
      score: now.getTime(),
      recruiter: user.role === 'recruiter' ? '1' : '',
      companyId: company?.id ?? '',
      companyJson: company ? toJson(company) : '',
      assistant: user.role === 'assistant' ? '1' : '',
    },
  )
  return ok === 1 ? { user, company } : null
}

export const getUser = (redis: Redis, id: string) => getJson<UserRecord>(redis, keys.user(id))

export async function getUserByEmail(redis: Redis, email: string) {
  const id = await redis.hget(keys.userIdByEmail(), normalizeEmail(email))
  return id ? getUser(redis, id) : null
}

/** Moves a recruiter between pending / approved / suspended, index and record together. */
export async function setRecruiterStatus(redis: Redis, user: UserRecord, status: UserStatus) {
  const next: UserRecord = { ...user, status }
  const tx = redis.multi().set(keys.user(user.id), toJson(next))
  if (user.role === 'recruiter') {
    tx.zrem(keys.recruitersByStatus(user.status), user.id)
    tx.zadd(keys.recruitersByStatus(status), Date.parse(user.createdAt), user.id)
  }
  await tx.exec()
  return next
}

/** Newest first from one of the user indexes (keys.recruitersByStatus / keys.usersByRole). */
export async function listUsers(redis: Redis, indexKey: string, limit: number, cursor?: string): Promise<Page<User>> {
  const positions = await rangeAfter(redis, indexKey, limit, decodeCursor(cursor), 'desc')
  const users = (await getManyJson<UserRecord>(redis, positions.map((p) => keys.user(p.id)))).filter(present)
  const last = positions.at(-1)
  return { items: users.map(publicUser), next: positions.length === limit && last ? encodeCursor(last) : null }
}

export const listRecruiters = (redis: Redis, status: UserStatus, limit: number, cursor?: string) => listUsers(redis, keys.recruitersByStatus(status), limit, cursor)
export const listStations = (redis: Redis, limit: number, cursor?: string) => listUsers(redis, keys.usersByRole('station'), limit, cursor)
