import type { Redis } from 'ioredis'
import { keys } from './keys.ts'
import { getJson, getManyJson, present, toJson } from './json.ts'
import { newId } from '../lib/ids.ts'
import { luaScript } from '../lib/lua.ts'
import { rangeAfter, encodeCursor, decodeCursor, type Page } from './paging.ts'
import type { Company, Role, User, UserRecord, UserStatus } from './types.ts'

// Claims the email in the uniqueness hash, then writes the records and indexes — all or nothing.
// The counts and scores are read and checked before the claim: an error after it would leave
// the email taken by no account.
const CREATE_ACCOUNT = luaScript(`
local nsets = tonumber(ARGV[3])
local nz = tonumber(ARGV[4 + nsets])
for i = 0, nz - 1 do
  if not tonumber(ARGV[5 + nsets + 2 * i]) then return redis.error_reply('ERR account index score is not a number') end
end
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
local a = 4
local k = 2
for _ = 1, nsets do redis.call('SET', KEYS[k], ARGV[a]); k = k + 1; a = a + 1 end
a = a + 1
for _ = 1, nz do redis.call('ZADD', KEYS[k], ARGV[a], ARGV[a + 1]); k = k + 1; a = a + 2 end
return 1`)

export const normalizeEmail = (email: string) => email.trim().toLowerCase()

export function publicUser(u: UserRecord): User {
  const { passwordHash: _omit, ...rest } = u
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
    companyId: company?.id ?? null,
    town: input.town ?? null,
    createdAt,
    passwordHash: input.passwordHash,
  }
  const sets: [string, string][] = [[keys.user(user.id), toJson(user)]]
  if (company) sets.push([keys.company(company.id), toJson(company)])
  const zadds: [string, number, string][] = [[keys.usersByRole(user.role), now.getTime(), user.id]]
  if (user.role === 'recruiter') zadds.push([keys.recruitersByStatus(user.status), now.getTime(), user.id])
  if (company) zadds.push([keys.companies(), now.getTime(), company.id])
  const keyArgs = [keys.userIdByEmail(), ...sets.map((s) => s[0]), ...zadds.map((z) => z[0])]
  const argv = [email, user.id, String(sets.length), ...sets.map((s) => s[1]), String(zadds.length), ...zadds.flatMap((z) => [String(z[1]), z[2]])]
  const ok = await CREATE_ACCOUNT(redis, keyArgs, argv)
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
