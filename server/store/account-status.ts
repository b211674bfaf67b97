import type { Redis } from 'ioredis'
import { getUser } from './users.ts'
import type { UserRecord } from './types.ts'

/**
 * Whether a signed-in account may act now; asked on every request (middleware/session.ts) and
 * at login. A suspended account may not. A 场控 assistant acts only while the recruiter who made
 * it is an approved recruiter of its company: suspending that recruiter stops its assistants'
 * open sessions at their next request, as it stops the recruiter's own. An assistant with no
 * maker on record (made before createdBy) may not act: its recruiter makes it again.
 */
export async function mayAct(redis: Redis, user: UserRecord): Promise<boolean> {
  if (user.status === 'suspended') return false
  if (user.role !== 'assistant') return true
  if (!user.createdBy || !user.companyId) return false
  const maker = await getUser(redis, user.createdBy)
  return !!maker && maker.role === 'recruiter' && maker.status === 'approved' && maker.companyId === user.companyId
}
