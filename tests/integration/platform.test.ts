import { livekitBinary } from '../helpers/livekit.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { Redis } from 'ioredis'
import { startRedis, type TestRedis } from '../helpers/redis.ts'
import { freePort, spawnRedis } from '../../server/lib/redis-launch.ts'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Runs server/node.ts as `npm start` does, collecting its console output. */
function runNode(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/node.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (out += d))
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
  return { child, output: () => out, exited }
}

async function waitFor(url: string, ms = 15_000) {
  const until = Date.now() + ms
  while (Date.now() < until) {
    try {
      const res = await fetch(url)
      if (res.ok) return res
    } catch {}
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${url} did not answer`)
}

describe('embedded default (server/node.ts)', () => {
  let redis: TestRedis
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(() => redis.stop())

  it('comes up on PORT with demo data, prints the demo logins, and does not seed twice', async () => {
    const port = String(await freePort())
    const env = { PORT: port, REDIS_URL: redis.url, ORGANIZER_EMAIL: 'boss@test.local', ORGANIZER_PASSWORD: 'boss-pass-99', DEMO: '1' }
    const first = runNode(env)
    try {
      const health = await (await waitFor(`http://127.0.0.1:${port}/api/health`)).json()
      // With a livekit-server at hand (PATH or the cache build) the embedded default runs it too.
      expect(health).toEqual({ ok: true, redis: 'up', livekit: livekitBinary() ? 'configured' : 'disabled' })
      const streams = await (await fetch(`http://127.0.0.1:${port}/api/streams`)).json()
      const statuses = streams.items.map((s: { status: string }) => s.status)
      expect(statuses[0]).toBe('live')
      expect(statuses).toContain('scheduled')
      expect(statuses).toContain('ended')
      expect(first.output()).toContain('boss@test.local / boss-pass-99')
      expect(first.output()).toContain('hr-fuzhuang@demo.local')
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'boss@test.local', password: 'boss-pass-99' }) })
      expect((await login.json()).user.role).toBe('organizer')
    } finally {
      first.child.kill('SIGTERM')
      expect(await first.exited).toBe(0)
    }
    const afterStop = (await fetch(`http://127.0.0.1:${port}`).catch(() => null))?.status ?? 'down'
    expect(afterStop).toBe('down') // SIGTERM closed the port

    const second = runNode(env)
    try {
      await waitFor(`http://127.0.0.1:${port}/api/health`)
      const streams = await (await fetch(`http://127.0.0.1:${port}/api/streams?limit=100`)).json()
      expect(streams.items).toHaveLength(6) // the six demo streams, not twelve
      expect(second.output()).not.toContain('demo data created')
    } finally {
      second.child.kill('SIGTERM')
      await second.exited
    }
  })

  it('DEMO=0 starts empty', async () => {
    const empty = await startRedis()
    const port = String(await freePort())
    const run = runNode({ PORT: port, REDIS_URL: empty.url, DEMO: '0', ORGANIZER_PASSWORD: 'boss-pass-99' })
    try {
      await waitFor(`http://127.0.0.1:${port}/api/health`)
      expect((await (await fetch(`http://127.0.0.1:${port}/api/streams`)).json()).items).toEqual([])
    } finally {
      run.child.kill('SIGTERM')
      await run.exited
      await empty.stop()
    }
  })

  it('exits 1 with one clear line when no Redis can be had', async () => {
    const dead = `redis://127.0.0.1:${await freePort()}`
    const run = runNode({ PORT: String(await freePort()), REDIS_URL: dead })
    expect(await run.exited).toBe(1)
    const lines = run.output().trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/No Redis: .*REDIS_URL/)
  })

  it('a spawned Redis runs with AOF always-fsync and noeviction', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zb-spawn-'))
    const handle = await spawnRedis(dir)
    const client = new Redis(handle.url, { disableClientInfo: true })
    try {
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes'])
      expect(await client.config('GET', 'appendfsync')).toEqual(['appendfsync', 'always'])
      expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction'])
    } finally {
      client.disconnect()
      await handle.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
