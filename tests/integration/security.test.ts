import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request, type IncomingMessage } from 'node:http'
import { createApp } from '../../server/app.ts'
import { loadConfig } from '../../server/env.ts'
import { cloudflareClient } from '../../server/worker.ts'
import { MAX_WAIT_MS } from '../../server/store/login-backoff.ts'
import { keys } from '../../server/store/keys.ts'
import { cookieFrom, inHours, startTestApp, validJob, type TestApp } from '../helpers/app.ts'
import { startServer, TEST_ORGANIZER } from '../helpers/server.ts'

// Issue 9, items 3, 6, 7, 8 and 9: client addresses, per-account login backoff, SSE caps,
// cross-origin writes, security headers, JSON errors for every /api answer, duplicate applies.

const json = { 'content-type': 'application/json' }
const wrong = (email: string) => ({ email, password: 'not-the-password' })

/** Registers, approves and signs in a recruiter on a real server; a live stream with one job. */
async function liveStream(base: string, email: string) {
  const post = async (path: string, body: unknown, cookie?: string) => {
    const res = await fetch(base + path, { method: 'POST', headers: { ...json, ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) })
    return { status: res.status, json: (await res.json()) as any, cookie: cookieFrom(res.headers) }
  }
  const reg = await post('/api/auth/register', { email, password: 'password-1', name: '王', companyName: '恒达制衣' })
  const org = (await post('/api/auth/login', TEST_ORGANIZER)).cookie
  await post(`/api/admin/recruiters/${reg.json.user.id}/approve`, {}, org)
  const hr = (await post('/api/auth/login', { email, password: 'password-1' })).cookie
  const job = (await post('/api/jobs', validJob(), hr)).json.job.id
  const id = (await post('/api/streams', { title: '直播', scheduledAt: inHours(1), jobIds: [job] }, hr)).json.stream.id
  await post(`/api/streams/${id}/start`, {}, hr)
  return { id, hr, post }
}

describe('client address: the socket unless TRUST_PROXY names a header', () => {
  it('TRUST_PROXY takes off, the three header names, and the legacy 1/true as X-Forwarded-For', () => {
    const of = (v: string | undefined) => loadConfig({ TRUST_PROXY: v }).TRUST_PROXY
    expect([of(undefined), of('0'), of('false'), of(''), of('off')]).toEqual(['off', 'off', 'off', 'off', 'off'])
    expect([of('1'), of('true'), of('X-Forwarded-For')]).toEqual(['x-forwarded-for', 'x-forwarded-for', 'x-forwarded-for'])
    expect([of('x-real-ip'), of('CF-Connecting-IP')]).toEqual(['x-real-ip', 'cf-connecting-ip'])
    expect(() => of('forwarded')).toThrow(/TRUST_PROXY/)
  })

  describe('on the Node server with TRUST_PROXY off', () => {
    let server: Awaited<ReturnType<typeof startServer>>
    beforeAll(async () => {
      server = await startServer({ env: { LOGIN_RATE_LIMIT: '3' } })
    })
    afterAll(() => server?.stop())

    it('a client-sent CF-Connecting-IP or X-Forwarded-For does not escape the per-address login limit', async () => {
      const statuses: number[] = []
      for (let i = 0; i < 6; i++) {
        const headers = { ...json, 'cf-connecting-ip': `10.1.0.${i}`, 'x-forwarded-for': `10.2.0.${i}`, 'x-real-ip': `10.3.0.${i}` }
        const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers, body: JSON.stringify(wrong(`guess${i}@test.local`)) })
        statuses.push(res.status)
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429, 429])
    })
  })

  describe('with a proxy header trusted', () => {
    const apps: TestApp[] = []
    afterAll(() => Promise.all(apps.map((a) => a.stop())))
    const limitedApp = async (trust: string) => {
      const a = await startTestApp({ LOGIN_RATE_LIMIT: '2', TRUST_PROXY: trust })
      apps.push(a)
      return (headers: Record<string, string>, n: number) => a.call('POST', '/api/auth/login', { body: wrong(`p${n}@test.local`), headers })
    }

    it('X-Forwarded-For: the right-most entry (our proxy’s) counts, not the client’s own list', async () => {
      const login = await limitedApp('x-forwarded-for')
      // The client varies the left part, the proxy appends the same address: one bucket.
      const spoofed = [0, 1, 2].map((i) => login({ 'x-forwarded-for': `6.6.6.${i}, 203.0.113.9` }, i))
      expect((await Promise.all(spoofed)).map((r) => r.status).sort()).toEqual([401, 401, 429])
      // Another real client behind the same proxy has its own bucket.
      expect((await login({ 'x-forwarded-for': '203.0.113.10' }, 9)).status).toBe(401)
    })

    it('X-Real-IP and CF-Connecting-IP when named', async () => {
      for (const header of ['x-real-ip', 'cf-connecting-ip']) {
        const login = await limitedApp(header)
        const statuses = []
        for (let i = 0; i < 3; i++) statuses.push((await login({ [header]: '198.51.100.7' }, i)).status)
        expect(statuses, header).toEqual([401, 401, 429])
        expect((await login({ [header]: '198.51.100.8' }, 9)).status, header).toBe(401)
      }
    })
  })

  it('on Workers the address is Cloudflare’s CF-Connecting-IP (the entry passes it as peerAddress)', async () => {
    const t = await startTestApp({ LOGIN_RATE_LIMIT: '2' })
    try {
      const app = createApp({ redis: t.redis, config: t.config, peerAddress: cloudflareClient })
      const login = (ip: string, n: number) => app.request('/api/auth/login', { method: 'POST', headers: { ...json, 'cf-connecting-ip': ip }, body: JSON.stringify(wrong(`w${n}@test.local`)) })
      const statuses = []
      for (let i = 0; i < 3; i++) statuses.push((await login('192.0.2.1', i)).status)
      expect(statuses).toEqual([401, 401, 429])
      expect((await login('192.0.2.2', 9)).status).toBe(401)
    } finally {
      await t.stop()
    }
  })
})

describe('login backoff per account', () => {
  let t: TestApp
  let clock = Date.parse('2025-03-01T08:00:00Z')
  let app: ReturnType<typeof createApp>
  let hr: Awaited<ReturnType<TestApp['recruiter']>>
  beforeAll(async () => {
    t = await startTestApp()
    hr = await t.recruiter()
    // The platform's own clock hook, so waits can pass without sleeping.
    app = createApp({ redis: t.redis, config: t.config, now: () => new Date(clock) })
  })
  afterAll(() => t.stop())

  const login = async (email: string, password: string) => {
    const res = await app.request('/api/auth/login', { method: 'POST', headers: json, body: JSON.stringify({ email, password }) })
    return { status: res.status, json: (await res.json()) as any, retryAfter: Number(res.headers.get('retry-after')) }
  }

  it('after 5 failed passwords the account waits, doubling up to 15 min; a success clears it', async () => {
    for (let i = 0; i < 5; i++) expect((await login(hr.email, 'wrong-password')).status).toBe(401)
    // Even the right password waits now: the wait limits guesses, whoever sends them.
    const held = await login(hr.email, 'password-123')
    expect(held.status).toBe(429)
    expect(held.json.error.code).toBe('RATE_LIMITED')
    expect(held.retryAfter).toBe(1)
    const waits: number[] = []
    for (let i = 0; i < 14; i++) {
      const refused = await login(hr.email, 'wrong-password')
      clock += refused.retryAfter * 1000
      waits.push(refused.retryAfter)
      expect((await login(hr.email, 'wrong-password')).status).toBe(401)
    }
    expect(waits.slice(0, 6)).toEqual([1, 2, 4, 8, 16, 32])
    expect(Math.max(...waits)).toBe(MAX_WAIT_MS / 1000) // bounded: never more than 15 min
    clock += MAX_WAIT_MS
    expect((await login(hr.email, 'password-123')).status).toBe(200)
    for (let i = 0; i < 5; i++) expect((await login(hr.email, 'wrong-password')).status).toBe(401) // forgiven
  })

  it('parallel guesses cannot slip in together, and unknown emails wait the same (no account oracle)', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, () => login('nobody-here@test.local', 'guess-guess')))
    expect(results.filter((r) => r.status === 401)).toHaveLength(5)
    expect(results.filter((r) => r.status === 429)).toHaveLength(25)
    expect((await login('someone-else@test.local', 'guess-guess')).status).toBe(401) // per account
    const stored = await t.redis.keys(keys.loginBackoff('*'))
    expect(stored.join(' ')).not.toContain('@') // emails stay out of key names
  })
})

/** GET …/live/events from a given local address (127.0.0.0/8 is all loopback on Linux). */
function openSse(url: string, localAddress: string) {
  return new Promise<{ res: IncomingMessage; body: () => Promise<string>; close(): void }>((resolve, reject) => {
    const req = request(url, { localAddress, agent: false }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (text += c))
      const ended = new Promise<string>((r) => res.on('end', () => r(text)))
      resolve({ res, body: () => ended, close: () => req.destroy() })
    })
    req.on('error', reject)
    req.end()
  })
}

describe('SSE caps per address and per process', () => {
  let server: Awaited<ReturnType<typeof startServer>>
  let stream: Awaited<ReturnType<typeof liveStream>>
  const open: { close(): void }[] = []
  beforeAll(async () => {
    server = await startServer({ env: { SSE_MAX_PER_IP: '3', SSE_MAX_CONNECTIONS: '7' } })
    stream = await liveStream(server.url, 'sse-cap@test.local')
  })
  afterAll(async () => {
    for (const c of open) c.close()
    await server?.stop()
  })

  it('refuses the 4th from one address with 429 and the 8th on the process with 503; health and login still answer', async () => {
    const url = `${server.url}/api/streams/${stream.id}/live/events`
    const sse = async (from: string) => {
      const c = await openSse(url, from)
      if (c.res.statusCode === 200) open.push(c)
      return c
    }
    const first = await sse('127.0.0.2')
    expect(first.res.statusCode).toBe(200)
    for (let i = 0; i < 2; i++) expect((await sse('127.0.0.2')).res.statusCode).toBe(200)
    // The stream is written raw, past the app's header middleware: it carries the protections too.
    const headers = first.res.headers
    expect(headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'strict-origin-when-cross-origin' })
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
    const perAddress = await sse('127.0.0.2')
    expect(perAddress.res.statusCode).toBe(429)
    expect(perAddress.res.headers['retry-after']).toBe('30')
    expect(JSON.parse(await perAddress.body()).error.code).toBe('RATE_LIMITED')

    for (let i = 0; i < 3; i++) expect((await sse('127.0.0.3')).res.statusCode).toBe(200)
    expect((await sse('127.0.0.4')).res.statusCode).toBe(200) // the 7th
    const perProcess = await sse('127.0.0.5')
    expect(perProcess.res.statusCode).toBe(503)
    expect(perProcess.res.headers['retry-after']).toBe('30')
    expect(JSON.parse(await perProcess.body()).error).toMatchObject({ code: 'LIVE_EVENTS_UNAVAILABLE' })

    // At the cap, the rest of the server answers: health, sign-in, the polling fallback.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200)
    expect((await stream.post('/api/auth/login', TEST_ORGANIZER)).status).toBe(200)
    expect((await fetch(`${server.url}/api/streams/${stream.id}/live`)).status).toBe(200)

    // A closed connection frees its slot for its address.
    open.shift()!.close()
    await expect.poll(async () => (await sse('127.0.0.2')).res.statusCode, { timeout: 5000 }).toBe(200)
  })
})

describe('cross-origin writes and security headers', () => {
  let t: TestApp
  let hr: Awaited<ReturnType<TestApp['recruiter']>>
  let jobId: string
  beforeAll(async () => {
    t = await startTestApp({ ALLOWED_ORIGINS: 'https://jobs.example.org' })
    hr = await t.recruiter()
    jobId = (await t.call('POST', '/api/jobs', { cookie: hr.cookie, body: validJob() })).json.job.id
  })
  afterAll(() => t.stop())

  const close = (headers: Record<string, string>) => t.call('POST', `/api/jobs/${jobId}/close`, { cookie: hr.cookie, headers: { host: 'localhost:8787', ...headers } })

  it('refuses a body-less POST from another port of the same host, and cross-site ones, with 403 JSON', async () => {
    const foreign: Record<string, string>[] = [
      { origin: 'http://localhost:9999', 'sec-fetch-site': 'same-site' },
      { origin: 'http://localhost:9999' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'null' },
    ]
    for (const headers of foreign) {
      const res = await close(headers)
      expect(res.status, JSON.stringify(headers)).toBe(403)
      expect(res.json.error).toMatchObject({ code: 'FORBIDDEN' })
      expect(res.json.error.requestId).toBeTruthy()
    }
    expect((await t.call('GET', `/api/jobs/${jobId}`)).json.job.status).toBe('open')
  })

  it('lets same-origin pages, listed origins and clients without either header through', async () => {
    const login = (headers: Record<string, string>) => t.call('POST', '/api/auth/login', { body: TEST_ORGANIZER, headers: { host: 'localhost:8787', ...headers } })
    expect((await login({ origin: 'http://localhost:8787', 'sec-fetch-site': 'same-origin' })).status).toBe(200)
    expect((await login({ 'sec-fetch-site': 'none' })).status).toBe(200)
    expect((await login({ origin: 'https://jobs.example.org', 'sec-fetch-site': 'cross-site' })).status).toBe(200)
    expect((await login({})).status).toBe(200)
    // The signed LiveKit webhook is server-to-server: its own signature check answers.
    const hook = await t.call('POST', '/api/livekit/webhook', { raw: '{}', headers: { 'content-type': 'application/webhook+json', origin: 'https://elsewhere.example' } })
    expect(hook.json.error.code).not.toBe('FORBIDDEN')
    expect((await close({ origin: 'http://localhost:8787', 'sec-fetch-site': 'same-origin' })).status).toBe(200)
  })

  it('puts the security headers on answers and errors alike; no HSTS over plain HTTP', async () => {
    for (const res of [await t.call('GET', '/api/health'), await t.call('GET', '/api/jobs'), await t.call('GET', '/api/nothing'), await close({ origin: 'https://evil.example' })]) {
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("default-src 'self'")
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).toContain("script-src 'self'")
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('x-frame-options')).toBe('DENY')
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
      expect(res.headers.get('strict-transport-security')).toBeNull()
    }
  })

  it('sends HSTS with COOKIE_SECURE=1, and lets the page reach LIVEKIT_URL', async () => {
    const secure = await startTestApp({ COOKIE_SECURE: '1', LIVEKIT_URL: 'wss://lk.example.org:7443', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: 's' })
    try {
      const res = await secure.call('GET', '/api/health')
      expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/)
      expect(res.headers.get('content-security-policy')).toContain("connect-src 'self' wss://lk.example.org:7443 https://lk.example.org:7443")
    } finally {
      await secure.stop()
    }
  })
})

describe('every /api answer is the JSON error shape', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(() => t.stop())

  it('a known path with the wrong method is 405 METHOD_NOT_ALLOWED with Allow', async () => {
    for (const [method, path, allow] of [
      ['PUT', '/api/jobs', 'GET, HEAD, POST'],
      ['DELETE', '/api/health', 'GET, HEAD'],
      ['POST', '/api/streams/ANY/live', 'GET, HEAD'],
    ] as const) {
      const res = await t.call(method, path, { body: {} })
      expect(res.status, `${method} ${path}`).toBe(405)
      expect(res.headers.get('content-type')).toMatch(/^application\/json/)
      expect(res.json.error).toMatchObject({ code: 'METHOD_NOT_ALLOWED' })
      expect(res.json.error.requestId).toBeTruthy()
      expect(res.headers.get('allow')!.split(', ').sort()).toEqual(allow.split(', ').sort())
    }
  })

  it('an unknown path is a JSON 404 for any method', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
      const res = await t.call(method, '/api/no-such-thing')
      expect(res.status, method).toBe(404)
      expect(res.json.error).toMatchObject({ code: 'NOT_FOUND' })
    }
  })

  it('on the Node server the web app’s fallback never answers /api/*', async () => {
    const server = await startServer()
    try {
      for (const [method, path, status] of [['GET', '/api/no-such-thing', 404], ['PUT', '/api/jobs', 405], ['GET', '/api/', 404]] as const) {
        const res = await fetch(server.url + path, { method, headers: json, body: method === 'GET' ? undefined : '{}' })
        expect(res.status, `${method} ${path}`).toBe(status)
        expect(res.headers.get('content-type'), path).toMatch(/^application\/json/)
        expect(((await res.json()) as any).error.requestId).toBeTruthy()
      }
      const page = await fetch(`${server.url}/watch/anything`)
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
      expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    } finally {
      await server.stop()
    }
  })
})

describe('a duplicate application names the first one only to those who hold it', () => {
  let t: TestApp
  let owner: Awaited<ReturnType<TestApp['recruiter']>>
  let streamId: string
  let jobId: string
  beforeAll(async () => {
    t = await startTestApp()
    owner = await t.recruiter()
    ;({ jobId, streamId } = await t.streamWithJob(owner, { live: true }))
  })
  afterAll(() => t.stop())

  const apply = (phone: string, opts: { cookie?: string; key?: string } = {}) =>
    t.call('POST', `/api/streams/${streamId}/applications`, {
      body: { jobId, name: '张大姐', phone, consent: true },
      cookie: opts.cookie,
      headers: opts.key ? { 'idempotency-key': opts.key } : {},
    })

  it('anonymous and other accounts learn only that the phone applied; owner, station and replay get the id', async () => {
    const org = await t.organizer()
    for (const n of [1, 2]) await t.call('POST', '/api/admin/stations', { cookie: org, body: { email: `st${n}@test.local`, password: 'station-pass', name: `服务站${n}`, town: '平店乡' } })
    const station = await t.login('st1@test.local', 'station-pass')
    const otherStation = await t.login('st2@test.local', 'station-pass')
    const otherRecruiter = await t.recruiter()

    const first = await apply('13900000001', { cookie: station, key: 'device-key-0001' })
    expect(first.status).toBe(201)
    const id = first.json.application.id as string

    for (const cookie of [undefined, otherStation, otherRecruiter.cookie, org]) {
      const dup = await apply('13900000001', { cookie })
      expect(dup.status).toBe(409)
      expect(dup.json.error.code).toBe('ALREADY_APPLIED')
      expect(dup.text).not.toContain(id)
    }
    for (const cookie of [owner.cookie, station]) {
      const dup = await apply('13900000001', { cookie })
      expect(dup.json.error).toMatchObject({ code: 'ALREADY_APPLIED', details: { applicationId: id } })
    }
    const replay = await apply('13900000001', { cookie: station, key: 'device-key-0001' })
    expect(replay.status).toBe(200)
    expect(replay.json.application.id).toBe(id)
  })
})
