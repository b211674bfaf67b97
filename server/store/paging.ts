import type { Redis } from 'ioredis'
import { StoreError } from './errors.ts'

export type Page<T> = { items: T[]; next: string | null }
type Position = { score: number; id: string }

export function encodeCursor(p: Position & Record<string, unknown>): string {
  return btoa(JSON.stringify(p)).replace(/=+$/, '')
}

export function decodeCursor(cursor: string | undefined): (Position & Record<string, unknown>) | undefined {
  if (!cursor) return undefined
  try {
    const p = JSON.parse(atob(cursor))
    if (typeof p?.score === 'number' && typeof p?.id === 'string') return p
  } catch {}
  throw new StoreError('bad-cursor', 'Invalid cursor')
}

/**
 * Keyset paging over one sorted set: returns up to `limit` members strictly after `after`
 * in (score, member) order, so inserts between pages neither repeat nor skip items.
 */
export async function rangeAfter(
  redis: Redis,
  key: string,
  limit: number,
  after: Position | undefined,
  order: 'asc' | 'desc' = 'asc',
): Promise<Position[]> {
  const out: Position[] = []
  let offset = 0
  const batch = limit + 16
  for (;;) {
    const start = after ? String(after.score) : order === 'asc' ? '-inf' : '+inf'
    const end = order === 'asc' ? '+inf' : '-inf'
    const raw =
      order === 'asc'
        ? await redis.zrangebyscore(key, start, end, 'WITHSCORES', 'LIMIT', offset, batch)
        : await redis.zrevrangebyscore(key, start, end, 'WITHSCORES', 'LIMIT', offset, batch)
    for (let i = 0; i < raw.length; i += 2) {
      const id = raw[i]!
      const score = Number(raw[i + 1])
      if (after && score === after.score && (order === 'asc' ? id <= after.id : id >= after.id)) continue
      out.push({ id, score })
      if (out.length === limit) return out
    }
    if (raw.length < batch * 2) return out
    offset += batch
  }
}

export const pageLimit = (limit: number | undefined) => Math.min(Math.max(limit ?? 20, 1), 100)
