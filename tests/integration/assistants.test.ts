import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inHours, startTestApp, validJob, type TestApp } from '../helpers/app.ts'
import { keys } from '../../server/store/keys.ts'

// The 场控 assistant account (issue 13): made by its company's recruiter; pins cards and sees
// counts for its company's streams; never sees a phone number, never exports CSV, never
// creates jobs or streams, never reaches another company.

let t: TestApp
let owner: Awaited<ReturnType<TestApp['recruiter']>>
let other: Awaited<ReturnType<TestApp['recruiter']>>
let n = 0

beforeAll(async () => {
  t = await startTestApp()
  owner = await t.recruiter()
  other = await t.recruiter()
})
afterAll(async () => {
  await t?.stop()
})

async function newAssistant(by = owner) {
  const email = `assistant-${Date.now()}-${n++}@test.local`
  const res = await t.call('POST', '/api/company/assistants', { cookie: by.cookie, body: { email, password: 'assist-pass-1', name: '场控小王' } })
  expect(res.status, res.text).toBe(201)
  return { id: res.json.user.id as string, email, user: res.json.user, cookie: await t.login(email, 'assist-pass-1') }
}

async function streamWithApplicant(by = owner) {
  const job = (await t.call('POST', '/api/jobs', { cookie: by.cookie, body: validJob() })).json.job
  const stream = (await t.call('POST', '/api/streams', { cookie: by.cookie, body: { title: '直播', scheduledAt: inHours(1), jobIds: [job.id] } })).json.stream
  const phone = `139${String(Date.now()).slice(-8)}`
  const app = await t.call('POST', `/api/streams/${stream.id}/applications`, { body: { jobId: job.id, name: '张大姐', phone, consent: true } })
  expect(app.status, app.text).toBe(201)
  return { jobId: job.id as string, streamId: stream.id as string, phone }
}

describe('the company’s assistants', () => {
  it('are created as role assistant of the recruiter’s company, listed, and sign in', async () => {
    const a = await newAssistant()
    expect(a.user).toMatchObject({ role: 'assistant', status: 'approved', companyId: owner.companyId, name: '场控小王', email: a.email })
    expect(a.user).not.toHaveProperty('passwordHash')
    const me = await t.call('GET', '/api/me', { cookie: a.cookie })
    expect(me.json.user).toMatchObject({ id: a.id, role: 'assistant', companyId: owner.companyId })
    const list = await t.call('GET', '/api/company/assistants', { cookie: owner.cookie })
    expect(list.status).toBe(200)
    expect(list.json.items.map((u: { id: string }) => u.id)).toContain(a.id)
    // another company's list does not show it
    const theirs = await t.call('GET', '/api/company/assistants', { cookie: other.cookie })
    expect(theirs.json.items.map((u: { id: string }) => u.id)).not.toContain(a.id)
  })

  it('refuses a taken email (409 EMAIL_TAKEN) and a short password (400)', async () => {
    const a = await newAssistant()
    const again = await t.call('POST', '/api/company/assistants', { cookie: owner.cookie, body: { email: a.email, password: 'assist-pass-1', name: 'x' } })
    expect(again.json.error.code).toBe('EMAIL_TAKEN')
    const short = await t.call('POST', '/api/company/assistants', { cookie: owner.cookie, body: { email: 'short@test.local', password: '1', name: 'x' } })
    expect(short.status).toBe(400)
  })

  it('pins its company’s cards but not another company’s', async () => {
    const a = await newAssistant()
    const own = await streamWithApplicant()
    const pin = await t.call('POST', `/api/streams/${own.streamId}/pin`, { cookie: a.cookie, body: { jobId: own.jobId } })
    expect(pin.status, pin.text).toBe(200)
    expect(pin.json.live.pinned).toMatchObject({ jobId: own.jobId })
    const theirs = await streamWithApplicant(other)
    const denied = await t.call('POST', `/api/streams/${theirs.streamId}/pin`, { cookie: a.cookie, body: { jobId: theirs.jobId } })
    expect(denied.json.error.code).toBe('FORBIDDEN')
  })

  it('sees its company’s counts, not another company’s', async () => {
    const a = await newAssistant()
    const own = await streamWithApplicant()
    const stats = await t.call('GET', `/api/streams/${own.streamId}/stats`, { cookie: a.cookie })
    expect(stats.status, stats.text).toBe(200)
    expect(stats.json).toMatchObject({ applications: 1, likes: 0, comments: 0, commenters: 0 })
    const theirs = await streamWithApplicant(other)
    expect((await t.call('GET', `/api/streams/${theirs.streamId}/stats`, { cookie: a.cookie })).json.error.code).toBe('FORBIDDEN')
  })

  it('sees applicants masked like an organizer (never a phone number) and cannot export CSV', async () => {
    const a = await newAssistant()
    const own = await streamWithApplicant()
    const list = await t.call('GET', `/api/streams/${own.streamId}/applications`, { cookie: a.cookie })
    expect(list.status, list.text).toBe(200)
    expect(list.json.items).toHaveLength(1)
    expect(list.json.items[0].phone).not.toBe(own.phone)
    expect(list.text).not.toContain(own.phone)
    expect(list.text).not.toContain(own.phone.slice(3, 7)) // the masked middle digits
    const csv = await t.call('GET', `/api/streams/${own.streamId}/applications.csv`, { cookie: a.cookie })
    expect(csv.status).toBe(403)
    expect(csv.json.error.code).toBe('FORBIDDEN')
    // the owner still exports, with the phone
    const ownerCsv = await t.call('GET', `/api/streams/${own.streamId}/applications.csv`, { cookie: owner.cookie })
    expect(ownerCsv.status).toBe(200)
    expect(ownerCsv.text).toContain(own.phone)
  })

  it('cannot create jobs or streams, move applicants, make assistants or approve anyone', async () => {
    const a = await newAssistant()
    const own = await streamWithApplicant()
    expect((await t.call('POST', '/api/jobs', { cookie: a.cookie, body: validJob() })).json.error.code).toBe('FORBIDDEN')
    expect((await t.call('POST', '/api/streams', { cookie: a.cookie, body: { title: '直播', scheduledAt: inHours(1), jobIds: [own.jobId] } })).json.error.code).toBe('FORBIDDEN')
    expect((await t.call('POST', `/api/streams/${own.streamId}/start`, { cookie: a.cookie })).json.error.code).toBe('FORBIDDEN')
    expect((await t.call('POST', '/api/company/assistants', { cookie: a.cookie, body: { email: 'x-new@test.local', password: 'assist-pass-1', name: 'x' } })).json.error.code).toBe('FORBIDDEN')
    const pending = await t.recruiter('pending')
    expect((await t.call('POST', `/api/admin/recruiters/${pending.userId}/approve`, { cookie: a.cookie })).json.error.code).toBe('FORBIDDEN')
    const apps = await t.call('GET', `/api/streams/${own.streamId}/applications`, { cookie: owner.cookie })
    expect((await t.call('PATCH', `/api/applications/${apps.json.items[0].id}`, { cookie: a.cookie, body: { status: 'hired' } })).json.error.code).toBe('FORBIDDEN')
  })

  it('stops with its recruiter: suspension ends its open sessions (401) and its sign-in (403); re-approval needs a fresh sign-in', async () => {
    const hr = await t.recruiter()
    const a = await newAssistant(hr)
    const second = await t.login(a.email, 'assist-pass-1') // a second device
    const own = await streamWithApplicant(hr)
    const comment = await t.call('POST', `/api/streams/${own.streamId}/comments`, { body: { text: '包住吗', viewerId: 'viewer-susp-0001' } })
    expect(comment.status, comment.text).toBe(201)
    const bystander = await newAssistant() // another company's assistant keeps working
    expect((await t.call('GET', '/api/me', { cookie: a.cookie })).status).toBe(200)

    const org = await t.organizer()
    expect((await t.call('POST', `/api/admin/recruiters/${hr.userId}/suspend`, { cookie: org })).status).toBe(200)

    for (const cookie of [a.cookie, second]) {
      expect((await t.call('GET', '/api/me', { cookie })).json.error.code).toBe('UNAUTHENTICATED')
      const pin = await t.call('POST', `/api/streams/${own.streamId}/pin`, { cookie, body: { jobId: own.jobId } })
      expect(pin.status).toBe(401)
      const del = await t.call('DELETE', `/api/comments/${comment.json.comment.id}`, { cookie })
      expect(del.status).toBe(401)
      expect((await t.call('GET', `/api/streams/${own.streamId}/stats`, { cookie })).status).toBe(401)
    }
    expect((await t.call('GET', `/api/streams/${own.streamId}/live`)).json.pinned).toBeNull()
    expect((await t.call('GET', `/api/streams/${own.streamId}/comments`)).json.items.map((x: { id: string }) => x.id)).toContain(comment.json.comment.id)
    const login = await t.call('POST', '/api/auth/login', { body: { email: a.email, password: 'assist-pass-1' } })
    expect({ status: login.status, code: login.json.error?.code }).toEqual({ status: 403, code: 'ACCOUNT_SUSPENDED' })
    expect((await t.call('GET', '/api/me', { cookie: bystander.cookie })).status).toBe(200)

    // Re-approval: the old sessions stay dead (as the recruiter's do); a fresh sign-in works.
    expect((await t.call('POST', `/api/admin/recruiters/${hr.userId}/approve`, { cookie: org })).status).toBe(200)
    for (const cookie of [a.cookie, second]) expect((await t.call('GET', '/api/me', { cookie })).status).toBe(401)
    const fresh = await t.login(a.email, 'assist-pass-1')
    const pin = await t.call('POST', `/api/streams/${own.streamId}/pin`, { cookie: fresh, body: { jobId: own.jobId } })
    expect(pin.status, pin.text).toBe(200)
  })

  it('stops at its next request even when its session outlived the suspension (checked per request, not only at sign-in)', async () => {
    const hr = await t.recruiter()
    const a = await newAssistant(hr)
    const own = await streamWithApplicant(hr)
    // Suspend the recruiter's record directly, as a suspension racing the assistant's sign-in
    // would leave it: the assistant's session is not revoked, and must still stop working.
    const raw = JSON.parse((await t.redis.get(keys.user(hr.userId)))!)
    await t.redis.set(keys.user(hr.userId), JSON.stringify({ ...raw, status: 'suspended' }))
    expect((await t.call('GET', '/api/me', { cookie: a.cookie })).status).toBe(401)
    expect((await t.call('POST', `/api/streams/${own.streamId}/pin`, { cookie: a.cookie, body: { jobId: own.jobId } })).status).toBe(401)
    await t.redis.set(keys.user(hr.userId), JSON.stringify(raw))
    expect((await t.call('GET', '/api/me', { cookie: a.cookie })).status).toBe(200)
  })

  it('removing one signs it out everywhere and frees nothing of another company', async () => {
    const a = await newAssistant()
    const second = await t.login(a.email, 'assist-pass-1')
    // another company cannot remove it (404: not theirs to know of)
    expect((await t.call('DELETE', `/api/company/assistants/${a.id}`, { cookie: other.cookie })).status).toBe(404)
    expect((await t.call('GET', '/api/me', { cookie: a.cookie })).status).toBe(200)
    // nor can the recruiter remove a non-assistant through this route
    expect((await t.call('DELETE', `/api/company/assistants/${owner.userId}`, { cookie: owner.cookie })).status).toBe(404)
    const del = await t.call('DELETE', `/api/company/assistants/${a.id}`, { cookie: owner.cookie })
    expect(del.status).toBe(204)
    for (const cookie of [a.cookie, second]) expect((await t.call('GET', '/api/me', { cookie })).json.error.code).toBe('UNAUTHENTICATED')
    expect((await t.call('POST', '/api/auth/login', { body: { email: a.email, password: 'assist-pass-1' } })).json.error.code).toBe('INVALID_CREDENTIALS')
    const list = await t.call('GET', '/api/company/assistants', { cookie: owner.cookie })
    expect(list.json.items.map((u: { id: string }) => u.id)).not.toContain(a.id)
    expect((await t.call('DELETE', `/api/company/assistants/${a.id}`, { cookie: owner.cookie })).status).toBe(404)
    // the email is free again
    const again = await t.call('POST', '/api/company/assistants', { cookie: owner.cookie, body: { email: a.email, password: 'assist-pass-2', name: '场控小李' } })
    expect(again.status, again.text).toBe(201)
  })
})
