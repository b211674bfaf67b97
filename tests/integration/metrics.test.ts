import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request } from 'node:http'
import { Redis } from 'ioredis'
import { startServer } from '../helpers/server.ts'
import { until } from '../helpers/until.ts'
import { approvedRecruiter, liveStream, post } from '../helpers/platform-accounts.ts'

// Issue 16: GET /metrics on the real Node platform. Workers off in-process, so beacon jobs stay
// in the events queue and its depth and oldest-job age can be seen to move.

const TOKEN = 'metrics-token-for-tests-0123'
let server: Awaited<ReturnType<typeof startServer>>
let streamId: string
let jobId: string

beforeAll(async () => {
  server = await startServer({ env: { METRICS_TOKEN: TOKEN, IN_PROCESS_WORKERS: '0', AUDIENCE_NEW_SESSIONS_PER_IP: '0' } })
  ;({ streamId, jobId } = await liveStream(server.url, await approvedRecruiter(server.url, 'metrics-hr@test.local')))
})
afterAll(() => server?.stop())

const scrape = async () => {
  const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
  expect(res.status).toBe(200)
  return res.text()
}

/** The value of one sample (`name{labels}` exactly as exposed, or a bare name); undefined if absent. */
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

describe('GET /metrics', () => {
  it('answers 401 JSON without the bearer token or with a wrong one', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-the-token' }, { authorization: TOKEN }] as Record<string, string>[]) {
      const res = await fetch(`${server.url}/metrics`, { headers })
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/)
      expect(((await res.json()) as any).error.code).toBe('UNAUTHENTICATED')
    }
  })

  it('exposes every family: request latency, SSE, queues, events, applications, Redis errors, process', async () => {
    await fetch(`${server.url}/api/health`)
    const text = await scrape()
    for (const family of [
      'zhibo_http_request_duration_seconds',
      'zhibo_sse_connections_open',
      'zhibo_queue_jobs',
      'zhibo_queue_oldest_waiting_job_age_seconds',
      'zhibo_beacon_events_accepted_total',
      'zhibo_applications_created_total',
      'zhibo_redis_unavailable_responses_total',
      'zhibo_redis_connection_errors_total',
      'process_cpu_user_seconds_total',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(text, family).toContain(`# TYPE ${family} `)
    }
    for (const queue of ['events', 'lifecycle']) {
      for (const state of ['waiting', 'active', 'delayed', 'failed']) expect(sample(text, `zhibo_queue_jobs{queue="${queue}",state="${state}"}`), `${queue} ${state}`).toBeGreaterThanOrEqual(0)
      expect(sample(text, `zhibo_queue_oldest_waiting_job_age_seconds{queue="${queue}"}`)).toBeGreaterThanOrEqual(0)
    }
    expect(text).toContain('# TYPE zhibo_http_request_duration_seconds histogram')
  })

  it('an application moves the applications counter by one, and latency is labelled by the route pattern, not the path', async () => {
    const before = sample(await scrape(), 'zhibo_applications_created_total')!
    const res = await post(server.url, `/api/streams/${streamId}/applications`, { jobId, name: '张三', phone: '13800001111', consent: true })
    expect(res.status).toBe(201)
    const text = await scrape()
    expect(sample(text, 'zhibo_applications_created_total')).toBe(before + 1)
    expect(sample(text, 'zhibo_http_request_duration_seconds_count{route="/api/streams/:id/applications",method="POST",status_class="2xx"}')).toBeGreaterThanOrEqual(1)
    expect(text).not.toContain(streamId) // ids never become labels
    // A duplicate is a 409, not a new application.
    expect((await post(server.url, `/api/streams/${streamId}/applications`, { jobId, name: '张三', phone: '13800001111', consent: true })).status).toBe(409)
    const after = await scrape()
    expect(sample(after, 'zhibo_applications_created_total')).toBe(before + 1)
    expect(sample(after, 'zhibo_http_request_duration_seconds_count{route="/api/streams/:id/applications",method="POST",status_class="4xx"}')).toBeGreaterThanOrEqual(1)
  })

  it('accepted beacons move the events counter and wait in the events queue, whose oldest job ages', async () => {
    const before = sample(await scrape(), 'zhibo_beacon_events_accepted_total')!
    const events = [0, 1, 2].map((i) => ({ id: `metrics-ev-${i}`, streamId, viewerId: 'metrics-viewer', sessionId: 'metrics-session', type: 'impression', jobId }))
    const res = await post(server.url, '/api/events', { events })
    expect(res.status).toBe(202)
    expect(res.json.accepted).toBe(3)
    expect(sample(await scrape(), 'zhibo_beacon_events_accepted_total')).toBe(before + 3)
    // No workers run here: the batch stays waiting. The queue figures are cached for ~2 s.
    await until('the events queue to show a waiting job that has aged', async () => {
      const text = await scrape()
      return (sample(text, 'zhibo_queue_jobs{queue="events",state="waiting"}') ?? 0) >= 1 && (sample(text, 'zhibo_queue_oldest_waiting_job_age_seconds{queue="events"}') ?? 0) > 0
    })
  })

  it('an open SSE viewer shows in the gauge, and leaves it when it closes', async () => {
    const viewer = await new Promise<{ status?: number; close(): void }>((resolve, reject) => {
      const req = request(`${server.url}/api/streams/${streamId}/live/events`, { agent: false }, (res) => resolve({ status: res.statusCode, close: () => req.destroy() }))
      req.on('error', reject)
      req.end()
    })
    expect(viewer.status).toBe(200)
    expect(sample(await scrape(), 'zhibo_sse_connections_open')).toBe(1)
    viewer.close()
    await until('the SSE gauge to drop to 0', async () => sample(await scrape(), 'zhibo_sse_connections_open') === 0)
  })

  // Last: it takes Redis away for good.
  it('with Redis gone, 503 answers and connection errors are counted, and the scrape still answers', async () => {
    const admin = new Redis(server.redisUrl, { retryStrategy: () => null, maxRetriesPerRequest: 0 })
    admin.on('error', () => {})
    await admin.call('SHUTDOWN', 'NOSAVE').catch(() => {}) // the connection closes as it obeys
    admin.disconnect()
    await until('a 503 REDIS_UNAVAILABLE', async () => (await fetch(`${server.url}/api/streams/${streamId}/live`)).status === 503)
    expect(sample(await scrape(), 'zhibo_redis_unavailable_responses_total')).toBeGreaterThanOrEqual(1)
    // The reconnect attempts fail (ECONNREFUSED): each one an 'error' event.
    await until('a counted connection error', async () => (sample(await scrape(), 'zhibo_redis_connection_errors_total{connection="api"}') ?? 0) >= 1)
  })
})
