import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as z from 'zod'
import type { OpenAPIV3_1 } from 'openapi-types'
import { inHours, startTestApp, validJob, type TestApp } from '../helpers/app.ts'
import { errorCodes } from '../../server/errors.ts'

// GET /api/openapi.json describes every route of the real app (real Redis), and real answers
// — success and error — fit the schemas the document gives for their status.

let t: TestApp
let doc: OpenAPIV3_1.Document
const openapiPath = (honoPath: string) => honoPath.replace(/:([^/]+)/g, '{$1}')

beforeAll(async () => {
  t = await startTestApp()
  const res = await t.call('GET', '/api/openapi.json')
  expect(res.status).toBe(200)
  doc = res.json
})
afterAll(() => t.stop())

/** The document's schema for `status` of `method path` (path as the app has it), as a zod validator. */
function schemaFor(method: string, honoPath: string, status: number) {
  const op = doc.paths?.[openapiPath(honoPath)]?.[method.toLowerCase() as 'get']
  const response = op?.responses?.[String(status)] as OpenAPIV3_1.ResponseObject | undefined
  const schema = response?.content?.['application/json']?.schema
  if (!schema) throw new Error(`the document has no JSON ${status} for ${method} ${honoPath}`)
  return z.fromJSONSchema(schema as never)
}

/** Sends the request and checks the answer against the document; returns it. */
async function conforming(method: string, honoPath: string, url: string, opts: Parameters<TestApp['call']>[2] = {}) {
  const res = await t.call(method, url, opts)
  const check = schemaFor(method, honoPath, res.status).safeParse(res.json)
  expect(check.error?.issues ?? [], `${method} ${url} → ${res.status} ${res.text.slice(0, 300)}`).toEqual([])
  return res
}

describe('the document', () => {
  it('has every route of the app, with who may call it and its answers', () => {
    const routes = t.app.routes.filter((r) => r.method !== 'ALL')
    expect(routes.length).toBeGreaterThan(30)
    const missing = routes.filter((r) => !doc.paths?.[openapiPath(r.path)]?.[r.method.toLowerCase() as 'get']).map((r) => `${r.method} ${r.path}`)
    expect(missing).toEqual([])
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const [method, op] of Object.entries(item as Record<string, OpenAPIV3_1.OperationObject>)) {
        expect(op.security, `${method} ${path}`).toBeDefined()
        expect(Object.keys(op.responses ?? {}).some((s) => s.startsWith('2') || s === '304'), `${method} ${path}`).toBe(true)
        expect(op.responses?.['500'], `${method} ${path}`).toBeDefined()
      }
    }
  })

  it('names the roles an operation needs and each error code at its status', () => {
    const approve = doc.paths!['/api/admin/recruiters/{userId}/approve']!.post!
    expect(approve.security).toEqual([{ session: ['organizer'] }])
    const errorCodesAt = (status: string) => ((approve.responses![status] as OpenAPIV3_1.ResponseObject).content!['application/json']!.schema as any).properties.error.properties.code.enum
    expect(errorCodesAt('401')).toEqual(['UNAUTHENTICATED'])
    expect(errorCodesAt('404')).toEqual(['NOT_FOUND'])
    for (const code of errorCodesAt('403')) expect(errorCodes[code as keyof typeof errorCodes]).toBe(403)
    expect(doc.paths!['/api/jobs']!.get!.security).toEqual([])
    // Request bodies are the routes' own zod schemas: the job's title rule is there.
    const body = (doc.paths!['/api/jobs']!.post!.requestBody as OpenAPIV3_1.RequestBodyObject).content['application/json']!.schema as any
    expect(body.properties.title).toMatchObject({ type: 'string', minLength: 2, maxLength: 60 })
    expect(body.additionalProperties).toBe(false)
  })

  it('is shown by the docs page, whose script and style come from our own origin', async () => {
    const page = await t.call('GET', '/api/docs')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    const sources = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)
    expect(sources).toEqual(['/api/docs/swagger-ui.css', '/api/docs/swagger-ui-bundle.js', '/api/docs/start.js'])
    for (const src of sources) {
      const res = await t.app.request(src)
      expect(res.status, src).toBe(200)
      expect((await res.text()).length, src).toBeGreaterThan(50)
    }
    expect((await t.call('GET', '/api/docs/package.json')).status).toBe(404)
  })
})

describe('real answers fit the document', () => {
  it('for a recruiter’s job, stream, pin, applications and numbers, and the public lists', async () => {
    const owner = await t.recruiter()
    const organizer = await t.organizer()
    await conforming('GET', '/api/me', '/api/me', { cookie: owner.cookie })
    const job = await conforming('POST', '/api/jobs', '/api/jobs', { cookie: owner.cookie, body: validJob({ tags: ['包吃'], ageMax: 55 }) })
    const jobId = job.json.job.id
    await conforming('PATCH', '/api/jobs/:id', `/api/jobs/${jobId}`, { cookie: owner.cookie, body: { description: null, headcount: 12 } })
    await conforming('GET', '/api/jobs/:id', `/api/jobs/${jobId}`)
    await conforming('GET', '/api/jobs', '/api/jobs?limit=5')
    const fair = await conforming('POST', '/api/fairs', '/api/fairs', { cookie: organizer, body: { title: '春风行动', startsAt: inHours(0), endsAt: inHours(48) } })
    const fairId = fair.json.fair.id
    const stream = await conforming('POST', '/api/streams', '/api/streams', { cookie: owner.cookie, body: { title: '探厂直播', scheduledAt: inHours(1), jobIds: [jobId], fairId } })
    const streamId = stream.json.stream.id
    await conforming('POST', '/api/streams/:id/start', `/api/streams/${streamId}/start`, { cookie: owner.cookie })
    await conforming('POST', '/api/streams/:id/pin', `/api/streams/${streamId}/pin`, { cookie: owner.cookie, body: { jobId } })
    await conforming('GET', '/api/streams/:id/live', `/api/streams/${streamId}/live`)
    await conforming('GET', '/api/streams/:id', `/api/streams/${streamId}`)
    await conforming('GET', '/api/streams', '/api/streams?status=live')
    await conforming('GET', '/api/fairs/:id', `/api/fairs/${fairId}`)
    await conforming('GET', '/api/fairs', '/api/fairs')
    const applied = await conforming('POST', '/api/streams/:id/applications', `/api/streams/${streamId}/applications`, {
      body: { jobId, name: '张大姐', phone: '13800138000', consent: true, age: 48, town: '平店乡', note: '能上夜班' },
    })
    await conforming('POST', '/api/streams/:id/applications', `/api/streams/${streamId}/applications`, { body: { jobId, name: '张大姐', phone: '13800138000', consent: true } }) // 409 ALREADY_APPLIED
    await conforming('GET', '/api/streams/:id/applications', `/api/streams/${streamId}/applications`, { cookie: owner.cookie })
    await conforming('GET', '/api/streams/:id/applications', `/api/streams/${streamId}/applications`, { cookie: organizer })
    await conforming('PATCH', '/api/applications/:id', `/api/applications/${applied.json.application.id}`, { cookie: owner.cookie, body: { status: 'hired' } })
    await conforming('POST', '/api/events', '/api/events', {
      body: { events: [{ id: 'event-0001', type: 'view', streamId, viewerId: 'viewer-0001', sessionId: 'session-0001' }] },
    })
    await conforming('POST', '/api/streams/:id/end', `/api/streams/${streamId}/end`, { cookie: owner.cookie })
    await conforming('GET', '/api/streams/:id/stats', `/api/streams/${streamId}/stats`, { cookie: owner.cookie })
    await conforming('GET', '/api/fairs/:id/stats', `/api/fairs/${fairId}/stats`, { cookie: organizer })
    await conforming('GET', '/api/stats/overview', '/api/stats/overview', { cookie: organizer })
    await conforming('POST', '/api/jobs/:id/close', `/api/jobs/${jobId}/close`, { cookie: owner.cookie })
  })

  it('for the organizer’s account lists and a new station', async () => {
    const organizer = await t.organizer()
    const pending = await t.recruiter('pending')
    await conforming('GET', '/api/admin/recruiters', '/api/admin/recruiters?status=pending', { cookie: organizer })
    await conforming('POST', '/api/admin/stations', '/api/admin/stations', { cookie: organizer, body: { email: `st-${Date.now()}@test.local`, password: 'password-123', name: '服务站', town: '平店乡' } })
    await conforming('GET', '/api/admin/stations', '/api/admin/stations', { cookie: organizer })
    await conforming('POST', '/api/admin/recruiters/:userId/approve', `/api/admin/recruiters/${pending.userId}/approve`, { cookie: organizer })
  })

  it('for errors: each carries a code the document lists at its status', async () => {
    const pending = await t.recruiter('pending')
    await conforming('GET', '/api/me', '/api/me') // 401
    await conforming('POST', '/api/jobs', '/api/jobs', { cookie: pending.cookie, body: validJob() }) // 403 NOT_APPROVED
    await conforming('GET', '/api/jobs/:id', '/api/jobs/nope') // 404
    await conforming('POST', '/api/auth/login', '/api/auth/login', { body: { email: 'not-an-email', password: '' } }) // 400
    await conforming('POST', '/api/auth/login', '/api/auth/login', { raw: '{"email":', headers: { 'content-type': 'application/json' } }) // 400 MALFORMED_JSON
    await conforming('POST', '/api/fairs', '/api/fairs', { body: {}, headers: { origin: 'https://evil.example' } }) // 403 cross-site
  })
})
