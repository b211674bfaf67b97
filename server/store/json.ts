import type { Redis } from 'ioredis'

/** Entities are stored as one JSON string per key. */
export async function getJson<T>(redis: Redis, key: string): Promise<T | null> {
  const raw = await redis.get(key)
  return raw === null ? null : (JSON.parse(raw) as T)
}

export async function getManyJson<T>(redis: Redis, keyList: string[]): Promise<(T | null)[]> {
  if (keyList.length === 0) return []
  const raws = await redis.mget(...keyList)
  return raws.map((r) => (r === null ? null : (JSON.parse(r) as T)))
}

export const present = <T>(v: T | null | undefined): v is T => v !== null && v !== undefined
