import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../helpers/app.ts'
import { keys } from '../../server/store/keys.ts'

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.stop())

describe('accounts', () => {
  it('registers a pending recruiter with a company and signs them in', async () => {
    const res = await t.call('POST', '/api/auth/register', { body: { email: 'Wang@Example.com', password: 'password-1', name: '王经理', companyName: '恒达服饰' } })
    expect(res.status).toBe(201)
    expect(res.json.user).toMatchObject({ email: 'wang@example.com', name: '王经理', role: 'recruiter', status: 'pending' })
    expect(res.json.user.companyId).toBeTruthy()
    expect(res.json.user.passwordHash).toBeUndefined()
    const setCookie = res.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/HttpOnly/i)
    const me = await t.call('GET', '/api/me', { cookie: setCookie.split(';')[0] })
    expect(me.status).toBe(200)
    expect(me.json.company).toMatchObject({ id: res.json.user.companyId, name: '恒达服饰' })
  })

  it('rejects a duplicate email with 409 regardless of case and writes nothing', async () => {
    const before = await t.redis.zcard(keys.companies())
    const res = await t.call('POST', '/api/auth/register', { body: { email: 'WANG@example.com', password: 'password-2', name: 'x', companyName: '别的公司' } })
    expect(res.status).toBe(409)
    expect(res.json.error.code).toBe('EMAIL_TAKEN')
    expect(await t.redis.zcard(keys.companies())).toBe(before)
  })

  it('rejects short passwords and bad emails with field details', async () => {
    const res = await t.call('POST', '/api/auth/register', { body: { email: 'not-an-email', password: 'short', name: '', companyName: 'A' } })
    expect(res.status).toBe(400)
    expect(res.json.error.code).toBe('VALIDATION_FAILED')
    const paths = res.json.error.details.map((d: { path: string[] }) => d.path.join('.'))
    expect(paths).toEqual(expect.arrayContaining(['email', 'password', 'name', 'companyName']))
    expect(res.json.error.requestId).toBeTruthy()
  })

  it('logs in with the right password and refuses a wrong one with 401', async () => {
    expect((await t.call('POST', '/api/auth/login', { body: { email: 'wang@example.com', password: 'wrong-password' } })).status).toBe(401)
    expect((await t.call('POST', '/api/auth/login', { body: { email: 'nobody@example.com', password: 'whatever-1' } })).status).toBe(401)
    const ok = await t.call('POST', '/api/auth/login', { body: { email: 'wang@example.com', password: 'password-1' } })
    expect(ok.status).toBe(200)
    expect(ok.json.user.role).toBe('recruiter')
  })

  it('stores passwords only as a salted slow hash', async () => {
    const id = await t.redis.hget(keys.userIdByEmail(), 'wang@example.com')
    const raw = await t.redis.get(keys.user(id!))
    expect(raw).not.toContain('password-1')
    expect(JSON.parse(raw!).passwordHash).toMatch(/^pbkdf2-sha256\$100000\$/)
  })

  it('logout revokes the session server-side', async () => {
    const cookie = await t.login('wang@example.com', 'password-1')
    expect((await t.call('GET', '/api/me', { cookie })).status).toBe(200)
    expect((await t.call('POST', '/api/auth/logout', { cookie })).status).toBe(204)
    const after = await t.call('GET', '/api/me', { cookie })
    expect(after.status).toBe(401)
    expect(after.json.error.code).toBe('UNAUTHENTICATED')
  })

  it('organizer lists pending recruiters, approves one, and the recruiter may then post jobs', async () => {
    const org = await t.organizer()
    const pending = await t.call('GET', '/api/admin/recruiters?status=pending', { cookie: org })
    expect(pending.status).toBe(200)
    const wang = pending.json.items.find((u: { email: string }) => u.email === 'wang@example.com')
    expect(wang.company.name).toBe('恒达服饰')
    const approved = await t.call('POST', `/api/admin/recruiters/${wang.id}/approve`, { cookie: org })
    expect(approved.json.user.status).toBe('approved')
    const stillPending = await t.call('GET', '/api/admin/recruiters?status=pending', { cookie: org })
    expect(stillPending.json.items.some((u: { id: string }) => u.id === wang.id)).toBe(false)
    const list = await t.call('GET', '/api/admin/recruiters?status=approved', { cookie: org })
    expect(list.json.items.some((u: { id: string }) => u.id === wang.id)).toBe(true)
  })

  it('suspending a recruiter signs them out and blocks login', async () => {
    const r = await t.recruiter()
    const org = await t.organizer()
    const res = await t.call('POST', `/api/admin/recruiters/${r.userId}/suspend`, { cookie: org })
    expect(res.json.user.status).toBe('suspended')
    expect((await t.call('GET', '/api/me', { cookie: r.cookie })).status).toBe(401)
    const login = await t.call('POST', '/api/auth/login', { body: { email: r.email, password: 'password-123' } })
    expect(login.status).toBe(403)
    expect(login.json.error.code).toBe('ACCOUNT_SUSPENDED')
  })

  it('organizer creates a village-station account that can sign in', async () => {
    const org = await t.organizer()
    const res = await t.call('POST', '/api/admin/stations', { cookie: org, body: { email: 'zhan@test.local', password: 'station-pass', name: '平店乡服务站', town: '商水县平店乡' } })
    expect(res.status).toBe(201)
    expect(res.json.user).toMatchObject({ role: 'station', town: '商水县平店乡' })
    const cookie = await t.login('zhan@test.local', 'station-pass')
    expect((await t.call('GET', '/api/me', { cookie })).json.user.role).toBe('station')
    const list = await t.call('GET', '/api/admin/stations', { cookie: org })
    expect(list.json.items.map((u: { email: string }) => u.email)).toEqual(['zhan@test.local'])
    expect((await t.call('GET', '/api/admin/stations', { cookie })).status).toBe(403)
  })

  it('a station’s town is a gazetteer town: a code gives the canonical name, free text is refused and nothing is made', async () => {
    const org = await t.organizer()
    const byCode = await t.call('POST', '/api/admin/stations', { cookie: org, body: { email: 'lianji@test.local', password: 'station-pass', name: '练集镇服务站', town: '411623102' } })
    expect(byCode.status).toBe(201)
    expect(byCode.json.user.town).toBe('商水县练集镇')
    const bad = await t.call('POST', '/api/admin/stations', { cookie: org, body: { email: 'nowhere@test.local', password: 'station-pass', name: '服务站', town: '李庄村' } })
    expect(bad.status).toBe(400)
    expect(bad.json.error.details).toEqual([expect.objectContaining({ path: ['town'], rule: 'town.unknown' })])
    expect((await t.call('POST', '/api/auth/login', { body: { email: 'nowhere@test.local', password: 'station-pass' } })).status).toBe(401)
  })

  it('approving an unknown user is 404', async () => {
    const res = await t.call('POST', '/api/admin/recruiters/NOPE/approve', { cookie: await t.organizer() })
    expect(res.status).toBe(404)
  })
})

describe('login rate limit', () => {
  it('answers 429 with Retry-After once an address exceeds the limit', async () => {
    const limited = await startTestApp({ LOGIN_RATE_LIMIT: '3' })
    try {
      const statuses: number[] = []
      let last
      for (let i = 0; i < 5; i++) {
        last = await limited.call('POST', '/api/auth/login', { body: { email: 'x@test.local', password: 'wrong-pass' } })
        statuses.push(last.status)
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429])
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(last!.json.error.code).toBe('RATE_LIMITED')
    } finally {
      await limited.stop()
    }
  })
})
