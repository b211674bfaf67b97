import type { Redis } from 'ioredis'
import { keys } from './keys.ts'
import { getJson, getManyJson, present, toJson } from './json.ts'
import { newId, randomToken } from '../lib/ids.ts'
import { tokenDigest } from '../lib/secrets.ts'

/**
 * A read-only link to a fair's 大屏 for a hall's wall screen, which has no account. Only the
 * token's SHA-256 is stored (found by it); the token itself is shown once, when it is made.
 */
export type ScreenLink = { id: string; fairId: string; label: string; tokenHash: string; createdAt: string }

const MAX_PER_FAIR = 100

export async function createScreenLink(redis: Redis, fairId: string, label: string, now = new Date()): Promise<{ link: ScreenLink; token: string } | null> {
  if ((await redis.zcard(keys.fairScreenLinks(fairId))) >= MAX_PER_FAIR) return null
  const token = randomToken(24)
  const link: ScreenLink = { id: newId(now.getTime()), fairId, label, tokenHash: tokenDigest(token), createdAt: now.toISOString() }
  await redis
    .multi()
    .set(keys.screenLink(link.id), toJson(link))
    .set(keys.screenLinkByToken(link.tokenHash), link.id)
    .zadd(keys.fairScreenLinks(fairId), now.getTime(), link.id)
    .exec()
  return { link, token }
}

export const getScreenLink = (redis: Redis, id: string) => getJson<ScreenLink>(redis, keys.screenLink(id))

export async function listScreenLinks(redis: Redis, fairId: string): Promise<ScreenLink[]> {
  const ids = await redis.zrevrange(keys.fairScreenLinks(fairId), 0, MAX_PER_FAIR - 1)
  return (await getManyJson<ScreenLink>(redis, ids.map(keys.screenLink))).filter(present)
}

/** Revoked at once: the token no longer finds anything. False when there is no such link. */
export async function revokeScreenLink(redis: Redis, id: string): Promise<boolean> {
  const link = await getScreenLink(redis, id)
  if (!link) return false
  await redis.multi().del(keys.screenLink(id)).del(keys.screenLinkByToken(link.tokenHash)).zrem(keys.fairScreenLinks(link.fairId), id).exec()
  return true
}

/** The fair a token shows, or null (unknown or revoked). */
export async function fairOfScreenToken(redis: Redis, token: string): Promise<string | null> {
  const id = await redis.get(keys.screenLinkByToken(tokenDigest(token)))
  return id ? ((await getScreenLink(redis, id))?.fairId ?? null) : null
}
