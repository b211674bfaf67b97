import { describe, expect, it } from 'vitest'
import { loadConfig, livekitEnabled } from '../../server/env.ts'
import { keys } from '../../server/store/keys.ts'
import { isRedisDown } from '../../server/errors.ts'

describe('config', () => {
  it('has working defaults and parses flags', () => {
    const c = loadConfig({})
    expect(c.PORT).toBe(8787)
    expect(c.DEMO).toBe(true)
    expect(loadConfig({ DEMO: '0' }).DEMO).toBe(false)
    expect(livekitEnabled(c)).toBe(false)
    expect(livekitEnabled(loadConfig({ LIVEKIT_URL: 'ws://x:7880', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: 's' }))).toBe(true)
  })

  it('refuses nonsense with a message naming the setting', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrowError(/PORT/)
    expect(() => loadConfig({ ORGANIZER_PASSWORD: 'short' })).toThrowError(/ORGANIZER_PASSWORD/)
  })
})

describe('keys', () => {
  it('hash-tags every per-stream key with {s:<id>} so they share a Cluster slot', () => {
    for (const k of [keys.stream('S1'), keys.streamCounters('S1')]) expect(k).toContain('{s:S1}')
  })

  it('scopes stream indexes by status, fair and company', () => {
    const all = new Set([keys.streams('live'), keys.streams('live', { fairId: 'F' }), keys.streams('live', { companyId: 'C' }), keys.streams('ended')])
    expect(all.size).toBe(4)
  })
})

describe('isRedisDown', () => {
  it('recognises ioredis connection errors and nothing else', () => {
    expect(isRedisDown(new Error("Stream isn't writeable and enableOfflineQueue options is false"))).toBe(true)
    expect(isRedisDown(new Error('connect ECONNREFUSED 127.0.0.1:6379'))).toBe(true)
    expect(isRedisDown(new Error('Cannot read properties of undefined'))).toBe(false)
  })
})

describe('demo schedule', () => {
  it('places demo streams at round China-time hours on the right day', async () => {
    const { chinaTime } = await import('../../server/demo/seed.ts')
    const now = new Date('2026-11-22T21:40:00Z') // 05:40 on the 23rd in China
    expect(chinaTime(now, 1, '09:30').toISOString()).toBe('2026-11-24T01:30:00.000Z')
    expect(chinaTime(now, -1, '10:00').toISOString()).toBe('2026-11-22T02:00:00.000Z')
    expect(chinaTime(now, 0, 'now').toISOString()).toBe('2026-11-22T21:10:00.000Z')
  })
})
