// The Cloudflare Workers build (wrangler.toml + server/worker.ts). The vitest Workers
// pool cannot import ioredis, so we run the real `wrangler` CLI —
// `deploy --dry-run` for the bundle, `dev` (local workerd) against a private redis-server —
// and send it real HTTP requests.
import { ROW } from '../../server/counting/rows.ts'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../../server/lib/redis-launch.ts'
import { startRedis, type TestRedis } from '../helpers/redis.ts'

const ORGANIZER = { email: 'organizer@workers.test', password: 'organizer-pass-1' }
const ROOT = resolve(import.meta.dirname, '../..')
const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js')

const tmp = mkdtempSync(join(tmpdir(), 'zb-workers-'))
// A stand-in for web/dist (built by `vite build`, which this test does not depend on).
const assets = join(tmp, 'assets')
const wranglerEnv = {
  ...process.env,
  CI: 'true',
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_LOG_PATH: join(tmp, 'logs'),
  NO_COLOR: '1',
  FORCE_COLOR: '0',
}

function run(args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [WRANGLER, ...args], { cwd: ROOT, env: wranglerEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    const timer = setTimeout(() => killGroup(child), timeoutMs)
    child.on('close', (code) => {
      clearTimeout(timer)
      done({ code, output })
    })
  })
}

/** Signals wrangler's whole process group (it was spawned detached: wrangler + workerd). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, signal)
  } catch {} // ESRCH: the group is already gone
}

beforeAll(() => {
  mkdirSync(assets, { recursive: true })
  writeFileSync(join(assets, 'index.html'), '<!doctype html><html><head><title>直播带岗</title></head><body><div id="root">zb-placeholder</div></body></html>')
})

afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('wrangler deploy --dry-run', () => {
  it('bundles server/worker.ts with the wrangler.toml config', async () => {
    const outdir = join(tmp, 'dist')
    const { code, output } = await run(['deploy', '--dry-run', '--outdir', outdir, '--assets', assets], 120_000)
    expect(code, output).toBe(0)
    expect(output).toContain('--dry-run: exiting now')
    expect(output).toMatch(/env\.DEMO \("0"\)/)
    expect(output).not.toMatch(/REDIS_URL|ORGANIZER_PASSWORD|LIVEKIT_API_SECRET/) // secrets are not vars
    const size = output.match(/Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/)
    expect(size, output).not.toBeNull()
    expect(Number(size![2])).toBeLessThan(3 * 1024) // Workers Free plan limit: 3 MB compressed
    expect(statSync(join(outdir, 'worker.js')).size).toBeGreaterThan(0)
    // 预约直播's SMS SDKs are the workers' only (dynamic imports in server/sms/): never in the Worker's bundle
    const bundle = readFileSync(join(outdir, 'worker.js'), 'utf8')
    // (the config's default endpoint names the Tencent host, so match the SDKs' own code, and report the hit, not the bundle)
    const sdk = bundle.match(/.{0,60}(SendSmsRequest|PhoneNumberSet|@alicloud|tencentcloud-sdk).{0,60}/)
    expect(sdk?.[0] ?? null).toBeNull()
    expect(bundle).toContain('calendar.ics')
  }, 150_000)
})

describe('wrangler dev (local workerd) against a real Redis', () => {
  let redis: TestRedis
  let wrangler: ChildProcess | undefined
  let base = ''
  let log = ''

  beforeAll(async () => {
    redis = await startRedis()
    const port = await freePort()
    const inspector = await freePort()
    base = `http://127.0.0.1:${port}`
    const args = [
      'dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspector),
      '--assets', assets, '--persist-to', join(tmp, 'state'), '--show-interactive-dev-session=false',
      '--var', `REDIS_URL:${redis.url}`, '--var', `ORGANIZER_EMAIL:${ORGANIZER.email}`, '--var', `ORGANIZER_PASSWORD:${ORGANIZER.password}`,
      '--log-level', 'info',
    ]
    const started = Date.now()
    wrangler = spawn(process.execPath, [WRANGLER, ...args], { cwd: ROOT, env: wranglerEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    wrangler.stdout!.on('data', (d) => (log += d))
    wrangler.stderr!.on('data', (d) => (log += d))
    while (true) {
      if (wrangler.exitCode !== null) throw new Error(`wrangler dev exited (${wrangler.exitCode}):\n${log}`)
      if (Date.now() - started > 90_000) throw new Error(`wrangler dev not ready after 90 s:\n${log}`)
      try {
        await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5000) })
        break
      } catch {
        await new Promise((r) => setTimeout(r, 250))
      }
    }
    console.log(`wrangler dev ready in ${Date.now() - started} ms`)
  }, 120_000)

  afterAll(async () => {
    if (wrangler) {
      const exited = new Promise<void>((r) => (wrangler!.exitCode !== null || wrangler!.signalCode !== null ? r() : wrangler!.once('exit', () => r())))
      killGroup(wrangler, 'SIGTERM')
      const timer = setTimeout(() => killGroup(wrangler!, 'SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
      killGroup(wrangler, 'SIGKILL') // any workerd child that outlived wrangler
    }
    await redis?.stop()
  }, 30_000)

  async function get(path: string, init?: RequestInit) {
    const res = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(10_000) })
    const text = await res.text()
    let json: any = null
    try {
      json = JSON.parse(text)
    } catch {}
    return { status: res.status, json, text, type: res.headers.get('content-type') ?? '' }
  }

  it('GET /api/health → 200, Redis up (and again: no connection is shared across requests)', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await get('/api/health')
      expect(res.status, `${res.text}\n${log}`).toBe(200)
      expect(res.json).toMatchObject({ ok: true, redis: 'up' })
    }
  })

  it('serves concurrent requests', async () => {
    const all = await Promise.all(Array.from({ length: 10 }, () => get('/api/health')))
    expect(all.map((r) => r.status)).toEqual(Array(10).fill(200))
  })

  it('GET /api/streams → 200 with an items array', async () => {
    const res = await get('/api/streams')
    expect(res.status, res.text).toBe(200)
    expect(Array.isArray(res.json?.items)).toBe(true)
  })

  it('POST /api/auth/login with bad JSON → 400 MALFORMED_JSON', async () => {
    const res = await get('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email": ' })
    expect(res.status, res.text).toBe(400)
    expect(res.json?.error?.code).toBe('MALFORMED_JSON')
  })

  it('creates the ORGANIZER_* account and logs it in (PBKDF2 on WebCrypto inside workerd)', async () => {
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ORGANIZER), signal: AbortSignal.timeout(10_000) })
    expect(login.status, await login.clone().text()).toBe(200)
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!
    expect(cookie).toMatch(/^zb_session=/)
    const me = await get('/api/me', { headers: { cookie } })
    expect(me.status, me.text).toBe(200)
    expect(me.json?.user?.role).toBe('organizer')
  })

  it('POST /api/events queues one BullMQ job per request from inside workerd (Queue.add on nodejs_compat)', async () => {
    const { Redis } = await import('ioredis')
    const { keys } = await import('../../server/store/keys.ts')
    const { eventsQueue } = await import('../../server/beacons/queue.ts')
    const client = new Redis(redis.url, { disableClientInfo: true })
    const queue = eventsQueue(client)
    try {
      await client.set(keys.stream('WS1'), JSON.stringify({ id: 'WS1', status: 'live', jobIds: [] }))
      const events = [1, 2, 3].map((i) => ({ id: `wevt-000${i}`, type: 'join', streamId: 'WS1', viewerId: `wviewer-${i}aa`, sessionId: `wsession-${i}a` }))
      const res = await get('/api/events', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ events }) })
      expect(res.status).toBe(202)
      expect(res.json).toEqual({ accepted: 3 })
      const waiting = await queue.getWaiting()
      expect(waiting).toHaveLength(1)
      expect((JSON.parse(waiting[0]!.data.streams.WS1!.rows) as string[]).filter((_, i) => i % ROW === 0)).toEqual(['wevt-0001', 'wevt-0002', 'wevt-0003'])
    } finally {
      await queue.close()
      client.disconnect()
    }
  })

  it('预约直播 inside workerd: a reservation queues its delayed reminder (BullMQ), the calendar is text/calendar', async () => {
    const { Redis } = await import('ioredis')
    const { keys, queues } = await import('../../server/store/keys.ts')
    const { Queue } = await import('bullmq')
    const client = new Redis(redis.url, { disableClientInfo: true })
    const queue = new Queue(queues.reminders, { connection: client, prefix: keys.queuePrefix() })
    try {
      const start = new Date(Date.now() + 3 * 3600_000).toISOString()
      await client.set(keys.stream('WSR1'), JSON.stringify({ id: 'WSR1', companyId: 'C', title: '夜班探厂', status: 'scheduled', scheduledAt: start, jobIds: [], fairId: null, startedAt: null, endedAt: null }))
      const body = JSON.stringify({ phone: '13800138000', consent: true })
      const res = await get('/api/streams/WSR1/reservations', { method: 'POST', headers: { 'content-type': 'application/json' }, body })
      expect(res.status, res.text).toBe(201)
      const id = res.json.reservation.id as string
      const again = await get('/api/streams/WSR1/reservations', { method: 'POST', headers: { 'content-type': 'application/json' }, body })
      expect(again.status).toBe(200)
      expect(again.json.reservation.id).toBe(id)
      const job = await queue.getJob(id)
      expect(await job?.getState()).toBe('delayed')
      expect(await queue.getDelayedCount()).toBe(1)
      const ics = await get('/api/streams/WSR1/calendar.ics')
      expect(ics.status).toBe(200)
      expect(ics.text).toContain('SUMMARY:夜班探厂')
    } finally {
      await queue.close()
      client.disconnect()
    }
  })

  it('GET /api/streams/:id/qr.png draws the tagged link’s QR code inside workerd (CompressionStream, no node:zlib)', async () => {
    const { Redis } = await import('ioredis')
    const { keys } = await import('../../server/store/keys.ts')
    // @ts-expect-error pngjs (qrcode's own dependency) ships no types
    const { PNG } = await import('pngjs')
    const { default: jsQR } = await import('jsqr')
    const client = new Redis(redis.url, { disableClientInfo: true })
    try {
      await client.set(keys.stream('WSQR1'), JSON.stringify({ id: 'WSQR1', status: 'live', jobIds: [] }))
      const res = await fetch(`${base}/api/streams/WSQR1/qr.png?src=screen`, { signal: AbortSignal.timeout(10_000) })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('image/png')
      const img = PNG.sync.read(Buffer.from(await res.arrayBuffer()))
      expect(jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data).toBe('http://localhost:8787/watch/WSQR1?src=screen')
    } finally {
      client.disconnect()
    }
  })

  it('a shared watch link’s page carries the stream’s own title and og: tags, under the security headers', async () => {
    const { Redis } = await import('ioredis')
    const { keys } = await import('../../server/store/keys.ts')
    const client = new Redis(redis.url, { disableClientInfo: true })
    try {
      await client.set(keys.stream('WSPV1'), JSON.stringify({ id: 'WSPV1', companyId: 'NOCOMPANY', title: '走进车间 <缝纫>', status: 'scheduled', scheduledAt: '2026-03-01T01:00:00.000Z', jobIds: [] }))
      const res = await fetch(`${base}/watch/WSPV1?src=poster`, { headers: { accept: 'text/html', 'sec-fetch-mode': 'navigate' }, signal: AbortSignal.timeout(10_000) })
      const html = await res.text()
      expect(res.status, html).toBe(200)
      expect(html).toContain('<meta property="og:title" content="走进车间 &#60;缝纫&#62;｜直播带岗" />')
      expect(html).toContain('<meta property="og:url" content="http://localhost:8787/watch/WSPV1?src=poster" />')
      expect(html).toContain('3月1日 09:00 开播')
      expect(html).toContain('zb-placeholder')
      expect(res.headers.get('cache-control')).toBe('no-cache')
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
    } finally {
      client.disconnect()
    }
  })

  it('unknown /api/* paths reach the Worker (run_worker_first), other paths get the SPA', async () => {
    const api = await get('/api/no-such-route')
    expect(api.status).toBe(404)
    expect(api.json?.error?.code).toBe('NOT_FOUND')
    const page = await get('/watch/some-stream', { headers: { accept: 'text/html', 'sec-fetch-mode': 'navigate' } })
    expect(page.status).toBe(200)
    expect(page.text).toContain('zb-placeholder')
  })

  it('edits and closes a job inside workerd (compare-and-set on a second per-request connection)', async () => {
    const json = (cookie?: string) => ({ 'content-type': 'application/json', ...(cookie ? { cookie } : {}) })
    const session = async (body: unknown) => {
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: json(), body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) })
      return (res.headers.get('set-cookie') ?? '').split(';')[0]!
    }
    const hr = { email: 'hr-workerd@test.local', password: 'recruit-pass-1' }
    const reg = await get('/api/auth/register', { method: 'POST', headers: json(), body: JSON.stringify({ ...hr, name: '王经理', companyName: '测试服饰' }) })
    expect(reg.status, reg.text).toBe(201)
    const org = await session(ORGANIZER)
    expect((await get(`/api/admin/recruiters/${reg.json.user.id}/approve`, { method: 'POST', headers: json(org) })).status).toBe(200)
    const cookie = await session(hr)
    const job = await get('/api/jobs', { method: 'POST', headers: json(cookie), body: JSON.stringify({ title: '缝纫工', pay: { min: 5000, max: 7000, unit: 'month' }, headcount: 10, location: { town: '平店乡' } }) })
    expect(job.status, job.text).toBe(201)
    const edited = await get(`/api/jobs/${job.json.job.id}`, { method: 'PATCH', headers: json(cookie), body: JSON.stringify({ headcount: 12 }) })
    expect(edited.status, `${edited.text}\n${log}`).toBe(200)
    expect(edited.json.job.headcount).toBe(12)
    const closed = await get(`/api/jobs/${job.json.job.id}/close`, { method: 'POST', headers: json(cookie) })
    expect(closed.status, closed.text).toBe(200)
    expect(closed.json.job).toMatchObject({ status: 'closed', headcount: 12 })
  })

  it('closes its Redis connections after each request', async () => {
    const probe = new Redis(redis.url, { disableClientInfo: true, lazyConnect: true })
    await probe.connect()
    try {
      let clients = Infinity
      for (let i = 0; i < 40 && clients > 1; i++) {
        const list = String(await probe.call('CLIENT', 'LIST'))
        clients = list.trim().split('\n').length
        if (clients > 1) await new Promise((r) => setTimeout(r, 100))
      }
      expect(clients).toBe(1) // just the probe
    } finally {
      probe.disconnect()
    }
  })

  // Last: it stops this suite's Redis.
  it('answers 503 REDIS_UNAVAILABLE when Redis is gone', async () => {
    await redis.stop()
    const res = await get('/api/streams')
    expect(res.status, res.text).toBe(503)
    expect(res.json?.error?.code).toBe('REDIS_UNAVAILABLE')
    const health = await get('/api/health')
    expect(health.status).toBe(503)
    expect(health.json).toMatchObject({ ok: false, redis: 'down' })
  })
})
