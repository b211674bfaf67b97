import type { Redis } from 'ioredis'
import { keys } from './keys.ts'

// A company's 招聘电话, kept beside its record (not in it): the record is in every public
// stream and job answer; the phone is shown only to people who applied (application status).

export const getHiringPhone = async (redis: Redis, companyId: string) => (await redis.hget(keys.companyContact(companyId), 'hiringPhone')) ?? null

export async function setHiringPhone(redis: Redis, companyId: string, phone: string | null) {
  if (phone === null) await redis.hdel(keys.companyContact(companyId), 'hiringPhone')
  else await redis.hset(keys.companyContact(companyId), 'hiringPhone', phone)
}
