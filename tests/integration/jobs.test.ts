import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, validJob, type TestApp } from '../helpers/app.ts'
import { keys } from '../../server/store/keys.ts'

let t: TestApp
let owner: Awaited<ReturnType<TestApp['recruiter']>>
beforeAll(async () => {
  t = await startTestApp()
  owner = await t.recruiter()
})
afterAll(() => t.stop())

describe('jobs', () => {
  it('creates an open job owned by the recruiter company', async () => {
    const res = await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob({ ageMin: 18, ageMax: 55, tags: ['包吃住', '日结', '包吃住'] }) })
    expect(res.status).toBe(201)
    expect(res.json.job).toMatchObject({ companyId: owner.companyId, status: 'open', title: '缝纫工', headcount: 10, tags: ['包吃住', '日结'] })
    const got = await t.call('GET', `/api/jobs/${res.json.job.id}`)
    expect(got.json.company.id).toBe(owner.companyId)
  })

  it.each([
    ['pay min above max', { pay: { min: 8000, max: 5000, unit: 'month' } }, 'pay.min'],
    ['headcount zero', { headcount: 0 }, 'headcount'],
    ['fractional headcount', { headcount: 2.5 }, 'headcount'],
    ['unknown pay unit', { pay: { min: 1, max: 2, unit: 'week' } }, 'pay.unit'],
    ['negative pay', { pay: { min: -1, max: 2, unit: 'day' } }, 'pay.min'],
    ['missing town', { location: {} }, 'location.town'],
    ['age range reversed', { ageMin: 50, ageMax: 20 }, 'ageMin'],
    ['empty title', { title: ' ' }, 'title'],
    ['unknown field', { salary: 5 }, ''],
    ['a town not in the gazetteer', { location: { town: '火星乡' } }, 'location.town'],
    ['a county instead of a town', { location: { town: '成安县' } }, 'location.town'],
    ['a daily output for monthly pay', { dailyOutput: 8 }, 'dailyOutput'],
    ['zero pieces a day', { pay: { min: 0.3, max: 0.3, unit: 'piece' }, dailyOutput: 0 }, 'dailyOutput'],
    ['17 hours a day', { pay: { min: 25, max: 25, unit: 'hour' }, dailyOutput: 17 }, 'dailyOutput'],
    ['an estimate over ¥2000 a day', { pay: { min: 3, max: 5, unit: 'piece' }, dailyOutput: 500 }, 'dailyOutput'],
    ['an estimate under ¥20 a day', { pay: { min: 0.3, max: 0.3, unit: 'piece' }, dailyOutput: 50 }, 'dailyOutput'],
    ['a daily output that is not a number', { pay: { min: 0.3, max: 0.3, unit: 'piece' }, dailyOutput: '500' }, 'dailyOutput'],
  ])('rejects %s with 400 naming the field', async (_name, over, path) => {
    const res = await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob(over) })
    expect(res.status).toBe(400)
    expect(res.json.error.code).toBe('VALIDATION_FAILED')
    expect(res.json.error.details.map((d: { path: string[] }) => d.path.join('.'))).toContain(path)
  })

  it('places the job in a gazetteer town: canonical name, code and point from the server, not the client', async () => {
    const body = validJob({ location: { town: '130424100', address: '各村帮扶车间', shuttle: '每天 7:00 平店乡政府门口发车', lat: 1, lng: 2 }, pay: { min: 0.3, max: 0.3, unit: 'piece' }, dailyOutput: 500 })
    const res = await t.call('POST', '/api/jobs', { cookie: owner.cookie, body })
    expect(res.status).toBe(201)
    expect(res.json.job.location).toEqual({ town: '成安县成安镇', townCode: '130424100', address: '各村帮扶车间', shuttle: '每天 7:00 平店乡政府门口发车', lat: 36.45, lng: 114.68, coordsOf: 'town' })
    expect(res.json.job.dailyOutput).toBe(500)
    const rule = async (patch: Record<string, unknown>) => {
      const r = await t.call('PATCH', `/api/jobs/${res.json.job.id}`, { cookie: owner.cookie, body: patch })
      return r.status === 200 ? r.json.job : r.json.error.details.map((d: { rule: string }) => d.rule)
    }
    // Checked against the merged job: the output no longer fits once the unit or the pay changes.
    expect(await rule({ pay: { min: 4000, max: 5000, unit: 'month' } })).toEqual(['dailyOutput.notForUnit'])
    expect(await rule({ pay: { min: 5, max: 5, unit: 'piece' } })).toEqual(['dailyOutput.estimateTooHigh'])
    expect(await rule({ location: { town: '成安县' } })).toEqual(['town.unknown'])
    expect((await rule({ location: { town: '商水县平店乡' }, dailyOutput: null })).location).toEqual({ town: '商水县平店乡', townCode: '411623202', lat: 33.53, lng: 114.6, coordsOf: 'county' })
    expect((await t.call('GET', `/api/jobs/${res.json.job.id}`)).json.job.dailyOutput).toBeUndefined()
  })

  it('still reads a job stored before the gazetteer (a free-text town, no code or point)', async () => {
    const { json } = await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob() })
    const old = { ...json.job, location: { town: '张北县', address: '物流园' } }
    await t.redis.set(keys.job(json.job.id), JSON.stringify(old))
    const got = await t.call('GET', `/api/jobs/${json.job.id}`)
    expect(got.status).toBe(200)
    expect(got.json.job.location).toEqual({ town: '张北县', address: '物流园' })
  })

  it('patches fields, clears optional ones with null, and keeps min ≤ max', async () => {
    const { json } = await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob({ description: '旧描述', ageMin: 20, ageMax: 40 }) })
    const id = json.job.id
    const ok = await t.call('PATCH', `/api/jobs/${id}`, { cookie: owner.cookie, body: { headcount: 25, description: null } })
    expect(ok.status).toBe(200)
    expect(ok.json.job.headcount).toBe(25)
    expect(ok.json.job.description).toBeUndefined()
    const bad = await t.call('PATCH', `/api/jobs/${id}`, { cookie: owner.cookie, body: { ageMin: 50 } })
    expect(bad.status).toBe(400)
    expect((await t.call('GET', `/api/jobs/${id}`)).json.job.ageMin).toBe(20)
  })

  it('closes a job: it leaves the open list, stays in the closed list, and cannot be edited', async () => {
    const { json } = await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob({ title: '要关闭的岗位' }) })
    const closed = await t.call('POST', `/api/jobs/${json.job.id}/close`, { cookie: owner.cookie })
    expect(closed.json.job.status).toBe('closed')
    const open = await t.call('GET', `/api/jobs?companyId=${owner.companyId}&status=open&limit=100`)
    expect(open.json.items.some((j: { id: string }) => j.id === json.job.id)).toBe(false)
    const shut = await t.call('GET', `/api/jobs?companyId=${owner.companyId}&status=closed`)
    expect(shut.json.items.map((j: { id: string }) => j.id)).toContain(json.job.id)
    expect((await t.call('PATCH', `/api/jobs/${json.job.id}`, { cookie: owner.cookie, body: { headcount: 3 } })).status).toBe(409)
  })

  it('pages through a company list with cursors, newest first, without repeats', async () => {
    const other = await t.recruiter()
    const made: string[] = []
    for (let i = 0; i < 7; i++) made.push((await t.call('POST', '/api/jobs', { cookie: other.cookie, body: validJob({ title: `岗位${i}` }) })).json.job.id)
    expect(await t.allIds(`/api/jobs?companyId=${other.companyId}&limit=3`)).toEqual([...made].reverse())
  })

  it('rejects a garbage cursor and a limit over 100 with 400', async () => {
    expect((await t.call('GET', '/api/jobs?cursor=%%%garbage')).status).toBe(400)
    expect((await t.call('GET', '/api/jobs?limit=500')).status).toBe(400)
  })

  it('unknown job id is 404 with the error shape', async () => {
    const res = await t.call('GET', '/api/jobs/NOPE')
    expect(res.status).toBe(404)
    expect(res.json.error.code).toBe('NOT_FOUND')
  })
})
