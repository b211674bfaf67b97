import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { startTestApp, validJob, type TestApp } from '../helpers/app.ts'
import { errorCodes } from '../../server/errors.ts'

let t: TestApp
let owner: Awaited<ReturnType<TestApp['recruiter']>>
beforeAll(async () => {
  t = await startTestApp()
  owner = await t.recruiter()
})
afterAll(() => t.stop())

const expectErrorShape = (json: any, code: string) => {
  expect(json.error.code).toBe(code)
  expect(typeof json.error.message).toBe('string')
  expect(json.error.requestId).toBeTruthy()
  expect(Object.keys(errorCodes)).toContain(json.error.code)
}

describe('error responses', () => {
  it('malformed JSON is 400 MALFORMED_JSON', async () => {
    const res = await t.call('POST', '/api/jobs', { cookie: owner.cookie, raw: '{"title": "缝纫工",', headers: { 'content-type': 'application/json' } })
    expect(res.status).toBe(400)
    expectErrorShape(res.json, 'MALFORMED_JSON')
  })

  it('a body over 64 KiB is 413 and nothing is written', async () => {
    const res = await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob({ description: 'x'.repeat(70 * 1024) }) })
    expect(res.status).toBe(413)
    expectErrorShape(res.json, 'PAYLOAD_TOO_LARGE')
    const list = await t.call('GET', `/api/jobs?companyId=${owner.companyId}`)
    expect(list.json.items).toHaveLength(0)
  })

  it('a non-JSON content type is 415', async () => {
    const res = await t.call('POST', '/api/jobs', { cookie: owner.cookie, raw: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(res.status).toBe(415)
    expectErrorShape(res.json, 'UNSUPPORTED_MEDIA_TYPE')
  })

  it('a missing body on a JSON endpoint is a 4xx, never a 500', async () => {
    const res = await t.call('POST', '/api/jobs', { cookie: owner.cookie })
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    expect(res.json.error).toBeDefined()
  })

  it('wrong JSON types are 400 VALIDATION_FAILED, not 500', async () => {
    for (const body of [[], 'string', 42, null, { title: { nested: true } }]) {
      const res = await t.call('POST', '/api/jobs', { cookie: owner.cookie, body })
      expect(res.status, JSON.stringify(body)).toBe(400)
    }
  })

  it('an unknown API route is a JSON 404', async () => {
    const res = await t.call('GET', '/api/nothing-here')
    expect(res.status).toBe(404)
    expectErrorShape(res.json, 'NOT_FOUND')
  })

  it('a forged session cookie is simply signed out (401)', async () => {
    const res = await t.call('GET', '/api/me', { cookie: 'zb_session=forged-token' })
    expect(res.status).toBe(401)
  })
})

describe('when Redis goes away', () => {
  it('answers 503 with a clear code, then recovers by itself when Redis returns', async () => {
    const own = await startTestApp()
    try {
      const { port } = new URL(own.server.url)
      expect((await own.call('GET', '/api/health')).json).toMatchObject({ ok: true, redis: 'up' })
      // An edit before the outage opens the guarded-write connection too; it must come back as well.
      const hr = await own.recruiter()
      const job = (await own.call('POST', '/api/jobs', { cookie: hr.cookie, body: validJob() })).json.job
      expect((await own.call('PATCH', `/api/jobs/${job.id}`, { cookie: hr.cookie, body: { headcount: 11 } })).status).toBe(200)
      await own.redis.call('SHUTDOWN', 'NOSAVE').catch(() => {})
      for (let i = 0; i < 100 && own.redis.status === 'ready'; i++) await new Promise((r) => setTimeout(r, 20)) // until the client sees it go

      const health = await own.call('GET', '/api/health')
      expect(health.status).toBe(503)
      expect(health.json).toMatchObject({ ok: false, redis: 'down' })
      const list = await own.call('GET', '/api/streams')
      expect(list.status).toBe(503)
      expectErrorShape(list.json, 'REDIS_UNAVAILABLE')

      // Restart redis-server on the same port and data dir; the app must reconnect unaided.
      const child = spawn('redis-server', ['--port', port, '--bind', '127.0.0.1', '--dir', own.server.dir, '--appendonly', 'yes', '--save', ''], { stdio: 'ignore' })
      try {
        let status = 0
        for (let i = 0; i < 100 && status !== 200; i++) {
          await new Promise((r) => setTimeout(r, 100))
          status = (await own.call('GET', '/api/streams')).status
        }
        expect(status).toBe(200)
        // Data written before the outage survived (AOF on), and sign-in works again.
        expect((await own.call('POST', '/api/auth/login', { body: { email: 'organizer@test.local', password: 'organizer-pass-1' } })).status).toBe(200)
        let edit = 0
        for (let i = 0; i < 50 && edit !== 200; i++) {
          edit = (await own.call('PATCH', `/api/jobs/${job.id}`, { cookie: hr.cookie, body: { headcount: 12 } })).status
          if (edit !== 200) await new Promise((r) => setTimeout(r, 100))
        }
        expect(edit).toBe(200)
      } finally {
        child.kill('SIGTERM')
      }
    } finally {
      own.redis.disconnect()
      rmSync(own.server.dir, { recursive: true, force: true })
    }
  })
})
