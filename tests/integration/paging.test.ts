import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Redis } from 'ioredis'
import { startRedis, type TestRedis } from '../helpers/redis.ts'
import { decodeCursor, encodeCursor, rangeAfter } from '../../server/store/paging.ts'

let server: TestRedis
let redis: Redis
beforeAll(async () => {
  server = await startRedis()
  redis = new Redis(server.url, { disableClientInfo: true })
})
afterAll(async () => {
  redis.disconnect()
  await server.stop()
})

async function walk(key: string, limit: number, order: 'asc' | 'desc') {
  const seen: string[] = []
  let after
  for (;;) {
    const page = await rangeAfter(redis, key, limit, after, order)
    seen.push(...page.map((p) => p.id))
    if (page.length < limit) return seen
    after = page.at(-1)
  }
}

describe('keyset paging over a sorted set', () => {
  it('visits every member exactly once even when many share a score', async () => {
    const members = Array.from({ length: 50 }, (_, i) => `m${String(i).padStart(2, '0')}`)
    await redis.zadd('tie', ...members.flatMap((m, i) => [i < 40 ? 7 : i, m]))
    for (const limit of [1, 3, 16, 100]) {
      const asc = await walk('tie', limit, 'asc')
      expect(asc).toHaveLength(50)
      expect(new Set(asc).size).toBe(50)
      const desc = await walk('tie', limit, 'desc')
      expect(desc).toEqual([...asc].reverse())
    }
  })

  it('does not repeat items when new ones are inserted before the cursor', async () => {
    await redis.zadd('grow', 1, 'a', 2, 'b', 3, 'c', 4, 'd')
    const first = await rangeAfter(redis, 'grow', 2, undefined, 'desc')
    expect(first.map((p) => p.id)).toEqual(['d', 'c'])
    await redis.zadd('grow', 5, 'e') // newer than everything already shown
    const second = await rangeAfter(redis, 'grow', 2, first.at(-1), 'desc')
    expect(second.map((p) => p.id)).toEqual(['b', 'a'])
  })

  it('round-trips cursors and rejects garbage with a 400 error', () => {
    expect(decodeCursor(encodeCursor({ score: 12.5, id: 'X', phase: 'live' }))).toEqual({ score: 12.5, id: 'X', phase: 'live' })
    expect(() => decodeCursor('not-base64!!')).toThrowError(/cursor/i)
    expect(() => decodeCursor(btoa('{"score":"x"}'))).toThrowError(/cursor/i)
  })
})
