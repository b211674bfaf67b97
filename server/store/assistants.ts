import type { Redis } from 'ioredis'
import { keys } from './keys.ts'
import { getJson, getManyJson, present } from './json.ts'
import { listUsers } from './users.ts'
import { revokeUserSessions } from './sessions.ts'
import type { UserRecord } from './types.ts'

// A company's 场控 accounts (created through store/users.ts createAccount with role 'assistant').

export const listAssistants = (redis: Redis, companyId: string, limit: number, cursor?: string) => listUsers(redis, keys.companyAssistants(companyId), limit, cursor)

/**
 * Deletes one of the company's assistants: record, email, indexes, then every session it holds.
 * Returns false when no such assistant belongs to the company (another company's is not revealed).
 * The record goes first: a request racing the removal finds no user behind its session.
 */
export async function removeAssistant(redis: Redis, companyId: string, userId: string): Promise<boolean> {
  const user = await getJson<UserRecord>(redis, keys.user(userId))
  if (!user || user.role !== 'assistant' || user.companyId !== companyId) return false
  await redis
    .multi()
    .del(keys.user(user.id))
    .hdel(keys.userIdByEmail(), user.email)
    .zrem(keys.usersByRole('assistant'), user.id)
    .zrem(keys.companyAssistants(companyId), user.id)
    .exec()
  await revokeUserSessions(redis, user.id)
  return true
}

/**
 * Signs out everywhere the assistants `recruiter` made (on its suspension, with its own sessions):
 * re-approval does not bring their old sessions back, as it does not bring the recruiter's.
 * Requests in between are refused anyway (store/account-status.ts).
 */
export async function revokeAssistantSessions(redis: Redis, recruiter: UserRecord) {
  if (!recruiter.companyId) return
  const ids = await redis.zrange(keys.companyAssistants(recruiter.companyId), '0', '-1')
  const made = (await getManyJson<UserRecord>(redis, ids.map((id) => keys.user(id)))).filter(present).filter((a) => a.createdBy === recruiter.id)
  for (const a of made) await revokeUserSessions(redis, a.id)
}
