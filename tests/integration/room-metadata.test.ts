import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type Server } from 'node:http'
import { TokenVerifier } from 'livekit-server-sdk'
import { inHours, validJob, cookieFrom } from '../helpers/app.ts'
import { startServer } from '../helpers/server.ts'
import { freePort } from '../../server/lib/redis-launch.ts'

const KEY = 'devkey'
const SECRET = 'a-local-test-secret-that-is-long-enough-123'

/** Stands in for LiveKit's RoomService: records what the SDK sends. */
type Call = { path: string; auth: string; body: { room: string; metadata: string } }
let calls: Call[] = []
let lk: Server
let server: Awaited<ReturnType<typeof startServer>>

beforeAll(async () => {
  const port = await freePort()
  lk = createServer((req, res) => {
    let body = ''
    req.on('data', (d) => (body += d))
    req.on('end', () => {
      calls.push({ path: req.url ?? '', auth: req.headers.authorization ?? '', body: JSON.parse(body || '{}') })
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ name: 'x', metadata: '' }))
    })
  })
  await new Promise<void>((r) => lk.listen(port, '127.0.0.1', () => r()))
  server = await startServer({ env: { LIVEKIT_URL: `ws://127.0.0.1:${port}`, LIVEKIT_API_KEY: KEY, LIVEKIT_API_SECRET: SECRET } })
})
afterAll(async () => {
  await server.stop()
  await new Promise((r) => lk.close(r))
})

async function post(path: string, body: unknown, cookie?: string) {
  const res = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) })
  return { status: res.status, json: await res.json(), cookie: cookieFrom(res.headers) }
}

describe('LiveKit room metadata (third delivery path)', () => {
  it('mirrors the overlay into room metadata, signed for that room, at most about once a second, ending on the latest state', async () => {
    const reg = await post('/api/auth/register', { email: 'meta@test.local', password: 'password-1', name: '王', companyName: '恒达' })
    const org = (await post('/api/auth/login', { email: 'organizer@test.local', password: 'organizer-pass-1' })).cookie
    await post(`/api/admin/recruiters/${reg.json.user.id}/approve`, {}, org)
    const hr = (await post('/api/auth/login', { email: 'meta@test.local', password: 'password-1' })).cookie
    const job = (await post('/api/jobs', validJob(), hr)).json.job.id
    const id = (await post('/api/streams', { title: '直播', scheduledAt: inHours(1), jobIds: [job] }, hr)).json.stream.id
    await post(`/api/streams/${id}/start`, {}, hr)
    calls = []

    const t0 = Date.now()
    await post(`/api/streams/${id}/pin`, { jobId: job }, hr)
    for (let i = 0; i < 10; i++) await post(`/api/streams/${id}/applications`, { jobId: job, name: '李', phone: `1370000${String(i).padStart(4, '0')}`, consent: true })
    const final = (await (await fetch(`${server.url}/api/streams/${id}/live`)).json()) as { version: number }

    // wait for the trailing push that carries the final version
    for (let i = 0; i < 60; i++) {
      const last = calls.at(-1)
      if (last && JSON.parse(last.body.metadata).version >= final.version) break // the 1 s sampler may add one more
      await new Promise((r) => setTimeout(r, 100))
    }
    const elapsed = Date.now() - t0
    const states = calls.map((c) => JSON.parse(c.body.metadata))
    expect(calls.every((c) => c.path === '/twirp/livekit.RoomService/UpdateRoomMetadata' && c.body.room === id)).toBe(true)
    expect(states.at(-1)).toMatchObject({ pinned: { jobId: job }, jobs: [{ jobId: job, applications: 10 }] })
    expect(states.at(-1).version).toBeGreaterThanOrEqual(final.version)
    expect(calls.length).toBeLessThanOrEqual(Math.ceil(elapsed / 1000) + 1) // throttled, not one per change
    const grants = await new TokenVerifier(KEY, SECRET).verify(calls[0]!.auth.replace(/^Bearer /, ''))
    expect(grants.video).toMatchObject({ roomAdmin: true, room: id })
  })
})
