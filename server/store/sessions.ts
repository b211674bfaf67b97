import type { Redis } from 'ioredis'
import { keys } from './keys.ts'
import { randomToken } from '../lib/ids.ts'

export async function createSession(redis: Redis, userId: string, ttlSeconds: number) {
  const token = randomToken()
  await redis
    .multi()
    .set(keys.session(token), userId, 'EX', ttlSeconds)
    .sadd(keys.userSessions(userId), token)
    .expire(keys.userSessions(userId), ttlSeconds)
    .exec()
  return token
}

export const sessionUserId = (redis: Redis, token: string) => redis.get(keys.session(token))

export async function deleteSession(redis: Redis, token: string, userId: string) {
  await redis.multi().del(keys.session(token)).srem(keys.userSessions(userId), token).exec()
}

/** Signs a user out everywhere (on suspension). */
export async function revokeUserSessions(redis: Redis, userId: string) {
  const tokens = await redis.smembers(keys.userSessions(userId))
  const tx = redis.multi().del(keys.userSessions(userId))
  for (const t of tokens) tx.del(keys.session(t))
  await tx.exec()
}
