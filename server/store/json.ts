import type { Redis } from 'ioredis'
import { isStoreError } from './errors.ts'
import { toWellFormed } from '../lib/unicode.ts'
import { writeIfUnchanged } from './guarded.ts'

/** Entities are stored as one JSON string per key. */
export async function getJson<T>(redis: Redis, key: string): Promise<T | null> {
  const raw = await redis.get(key)
  return raw === null ? null : (JSON.parse(raw) as T)
}

/**
 * Many records: one GET each, sent together — the keys may span Cluster slots, which neither
 * MGET nor a Cluster pipeline may (API connections auto-pipeline them: one write per node).
 */
export async function getManyJson<T>(redis: Redis, keyList: string[]): Promise<(T | null)[]> {
  const raws = await Promise.all(keyList.map((key) => redis.get(key)))
  return raws.map((r) => (r === null ? null : (JSON.parse(r) as T)))
}

export const present = <T>(v: T | null | undefined): v is T => v !== null && v !== undefined

/**
 * How every record is written: each lone surrogate becomes U+FFFD, so Lua's cjson (which
 * refuses the escape "\ud800") can always decode what we store.
 */
export const toJson = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? toWellFormed(v) : v))

/**
 * Rewrites, well-formed, a record stored before writes were (one a Lua script could not
 * decode). True when it was rewritten, or changed meanwhile: worth reading again.
 */
export async function rewriteWellFormed(redis: Redis, key: string): Promise<boolean> {
  const raw = await redis.get(key)
  if (raw === null) return false
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return false // not JSON at all: nothing to mend
  }
  const fixed = toJson(value)
  if (fixed === raw) return false
  try {
    await writeIfUnchanged(redis, key, raw, (tx) => tx.set(key, fixed))
  } catch (err) {
    if (!isStoreError(err, 'conflict')) throw err
  }
  return true
}
