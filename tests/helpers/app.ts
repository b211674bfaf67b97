import { createApp } from '../../server/app.ts'
import { loadConfig, type Config } from '../../server/env.ts'
import { connectRedis, waitReady } from '../../server/store/redis.ts'
import { ensureOrganizer } from '../../server/demo/accounts.ts'
import { startRedis, type TestRedis } from './redis.ts'
import { TEST_ORGANIZER } from './server.ts'

export type TestApp = Awaited<ReturnType<typeof startTestApp>>

/** createApp() on a private Redis, with helpers that carry session cookies like a browser. */
export async function startTestApp(env: Record<string, string> = {}) {
  const server: TestRedis = await startRedis()
  const config: Config = loadConfig({ REDIS_URL: server.url, DEMO: '0', ORGANIZER_EMAIL: TEST_ORGANIZER.email, ORGANIZER_PASSWORD: TEST_ORGANIZER.password, LOGIN_RATE_LIMIT: '1000', REGISTER_RATE_LIMIT: '1000', APPLY_RATE_LIMIT_IP: '100000', AUDIENCE_NEW_SESSIONS_PER_IP: '0', ...env })
  const redis = connectRedis(server.url, 'api')
  await waitReady(redis)
  await ensureOrganizer(redis, config)
  const app = createApp({ redis, config })

  async function call(method: string, path: string, opts: { body?: unknown; cookie?: string; headers?: Record<string, string>; raw?: string } = {}) {
    const headers: Record<string, string> = { ...opts.headers }
    if (opts.cookie) headers.cookie = opts.cookie
    let body: string | undefined = opts.raw
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body)
      headers['content-type'] ??= 'application/json'
    }
    const res = await app.request(path, { method, headers, body })
    const text = await res.text()
    let json: any = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {}
    return { status: res.status, json, text, headers: res.headers }
  }

  async function login(email: string, password: string): Promise<string> {
    const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${await res.text()}`)
    return cookieFrom(res.headers)
  }

  /** Follows `next` cursors from `path` (which already has a query string) and returns all ids. */
  async function allIds(path: string): Promise<string[]> {
    const ids: string[] = []
    let cursor: string | null = null
    do {
      const res: { json: { items: { id: string }[]; next: string | null } } = await call('GET', `${path}${cursor ? `&cursor=${cursor}` : ''}`)
      ids.push(...res.json.items.map((i) => i.id))
      cursor = res.json.next
    } while (cursor)
    return ids
  }

  let counter = 0
  /** A recruiter account, approved unless told otherwise; returns its cookie and ids. */
  async function recruiter(status: 'approved' | 'pending' | 'suspended' = 'approved') {
    counter++
    const email = `hr${counter}-${Date.now()}@test.local`
    const reg = await call('POST', '/api/auth/register', { body: { email, password: 'password-123', name: `HR ${counter}`, companyName: `测试公司${counter}` } })
    if (reg.status !== 201) throw new Error(`register failed: ${reg.text}`)
    const org = await organizer()
    if (status !== 'pending') await call('POST', `/api/admin/recruiters/${reg.json.user.id}/approve`, { cookie: org })
    if (status === 'suspended') await call('POST', `/api/admin/recruiters/${reg.json.user.id}/suspend`, { cookie: org })
    const cookie = status === 'suspended' ? '' : await login(email, 'password-123')
    return { cookie, userId: reg.json.user.id as string, companyId: reg.json.user.companyId as string, email }
  }

  /** One open job on one stream (in an hour) of `owner`'s company; `live` starts the stream. */
  async function streamWithJob(owner: { cookie: string }, opts: { live?: boolean; title?: string } = {}) {
    const jobId = (await call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob() })).json.job.id as string
    const streamId = (await call('POST', '/api/streams', { cookie: owner.cookie, body: { title: opts.title ?? '探厂', scheduledAt: inHours(1), jobIds: [jobId] } })).json.stream.id as string
    if (opts.live) await call('POST', `/api/streams/${streamId}/start`, { cookie: owner.cookie })
    return { jobId, streamId }
  }

  let organizerCookie: string | undefined
  async function organizer() {
    organizerCookie ??= await login(TEST_ORGANIZER.email, TEST_ORGANIZER.password)
    return organizerCookie
  }

  return {
    app,
    redis,
    config,
    server,
    call,
    allIds,
    login,
    recruiter,
    organizer,
    streamWithJob,
    async stop() {
      redis.disconnect()
      await server.stop()
    },
  }
}

export function cookieFrom(headers: Headers): string {
  const set = headers.get('set-cookie') ?? ''
  return set.split(';')[0] ?? ''
}

export const validJob = (over: Record<string, unknown> = {}) => ({
  title: '缝纫工',
  pay: { min: 5000, max: 7000, unit: 'month' },
  headcount: 10,
  location: { town: '商水县平店乡' },
  tags: ['包吃住'],
  ...over,
})

export const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString()
