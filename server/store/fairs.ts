import type { Redis } from 'ioredis'
import { keys } from './keys.ts'
import { getJson, getManyJson, present, toJson } from './json.ts'
import { newId } from '../lib/ids.ts'
import { rangeAfter, encodeCursor, decodeCursor, type Page } from './paging.ts'
import type { Fair } from './types.ts'

export type FairInput = Pick<Fair, 'title' | 'startsAt' | 'endsAt' | 'description'>

export async function createFair(redis: Redis, input: FairInput, now = new Date()) {
  const fair: Fair = { ...input, id: newId(now.getTime()), createdAt: now.toISOString() }
  await redis.multi().set(keys.fair(fair.id), toJson(fair)).zadd(keys.fairs(), Date.parse(fair.startsAt), fair.id).exec()
  return fair
}

export const getFair = (redis: Redis, id: string) => getJson<Fair>(redis, keys.fair(id))

/** Most recent first. */
export async function listFairs(redis: Redis, limit: number, cursor?: string): Promise<Page<Fair>> {
  const positions = await rangeAfter(redis, keys.fairs(), limit, decodeCursor(cursor), 'desc')
  const items = (await getManyJson<Fair>(redis, positions.map((p) => keys.fair(p.id)))).filter(present)
  const last = positions.at(-1)
  return { items, next: positions.length === limit && last ? encodeCursor(last) : null }
}
