import { connectRedis, waitReady } from '../../server/store/redis.ts'
import { cookieFrom, inHours, validJob } from './app.ts'
import { freePort, startLivekit, type LivekitOptions, type TestLivekit } from './livekit.ts'
import { startServer, TEST_ORGANIZER } from './server.ts'

// The real Node platform (HTTP, its own Redis) with a real livekit-server whose signed
// webhooks come back to it, plus a small cookie-carrying client. Call videoSkipReason() first.

export type Reply = { status: number; json: any; headers: Headers }

export async function startVideoPlatform(opts: { env?: Record<string, string>; livekit?: LivekitOptions } = {}) {
  // LiveKit needs our webhook URL and we need its URL: fix our port first.
  const port = await freePort()
  const webhookUrl = `http://127.0.0.1:${port}/api/livekit/webhook`
  const lk: TestLivekit = await startLivekit({ ...opts.livekit, webhookUrls: [webhookUrl, ...(opts.livekit?.webhookUrls ?? [])] })
  const server = await startServer({
    env: {
      PORT: String(port),
      LIVEKIT_URL: lk.url,
      LIVEKIT_API_KEY: lk.apiKey,
      LIVEKIT_API_SECRET: lk.apiSecret,
      LOGIN_RATE_LIMIT: '1000',
      REGISTER_RATE_LIMIT: '1000',
      ...opts.env,
    },
  })
  const redis = connectRedis(server.redisUrl, 'api')
  await waitReady(redis)

  async function call(method: string, path: string, o: { body?: unknown; cookie?: string; raw?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...o.headers }
    if (o.cookie) headers.cookie = o.cookie
    if (o.body !== undefined) headers['content-type'] ??= 'application/json'
    const res = await fetch(server.url + path, { method, headers, body: o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body)) })
    const text = await res.text()
    let json: any = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {}
    return { status: res.status, json, headers: res.headers }
  }

  const login = async (email: string, password: string) => cookieFrom((await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })).headers)

  let n = 0
  /** An approved recruiter of a new company, signed in, with one open job. */
  async function recruiter() {
    const email = `hr${++n}-${Date.now()}@video.test`
    const reg = await call('POST', '/api/auth/register', { body: { email, password: 'password-123', name: `HR ${n}`, companyName: `视频公司${n}` } })
    if (reg.status !== 201) throw new Error(`register: ${reg.status} ${JSON.stringify(reg.json)}`)
    const org = await login(TEST_ORGANIZER.email, TEST_ORGANIZER.password)
    await call('POST', `/api/admin/recruiters/${reg.json.user.id}/approve`, { cookie: org })
    const cookie = await login(email, 'password-123')
    const job = await call('POST', '/api/jobs', { cookie, body: validJob() })
    return { cookie, userId: reg.json.user.id as string, jobId: job.json.job.id as string }
  }

  /** A stream of the recruiter's company; started through the API when `live`. */
  async function stream(hr: { cookie: string; jobId: string }, live = false): Promise<string> {
    const res = await call('POST', '/api/streams', { cookie: hr.cookie, body: { title: '探厂直播', scheduledAt: inHours(1), jobIds: [hr.jobId] } })
    if (res.status !== 201) throw new Error(`stream: ${res.status} ${JSON.stringify(res.json)}`)
    if (live) await call('POST', `/api/streams/${res.json.stream.id}/start`, { cookie: hr.cookie })
    return res.json.stream.id
  }

  const status = async (id: string): Promise<string> => (await call('GET', `/api/streams/${id}`)).json.stream.status
  const token = (id: string, cookie?: string, body: unknown = {}) => call('POST', `/api/streams/${id}/token`, { cookie, body })

  return {
    url: server.url,
    lk,
    redis,
    webhookUrl,
    call,
    recruiter,
    stream,
    status,
    token,
    async stop() {
      redis.disconnect()
      await server.stop()
      await lk.stop()
    },
  }
}

export type VideoPlatform = Awaited<ReturnType<typeof startVideoPlatform>>
