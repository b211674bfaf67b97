import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { ApiError, notFound } from '../errors.ts'
import { jsonBody, queryOf, validationError } from '../lib/validate.ts'
import { agesInOrder, jobCreateBody, jobListQuery, jobPatchBody } from '../../schemas/jobs.ts'
import { dailyOutputRule } from '../../schemas/take-home.ts'
import { jobLocation } from '../lib/places.ts'
import { companyOf, requireApprovedRecruiter } from '../middleware/roles.ts'
import { ownJob } from './owned.ts'
import { closeJob, createJob, getJob, listJobs, saveJob } from '../store/jobs.ts'
import { getCompanies, getCompany } from '../store/companies.ts'
import { pageLimit } from '../store/paging.ts'
import type { Job } from '../store/types.ts'

export const jobs = new Hono<AppEnv>()
  .post('/', requireApprovedRecruiter, jsonBody(jobCreateBody), async (c) => {
    const body = c.req.valid('json')
    const job = await createJob(c.get('deps').redis, companyOf(c), { ...body, location: jobLocation(body.location) })
    return c.json({ job }, 201)
  })
  .get('/', queryOf(jobListQuery), async (c) => {
    const q = c.req.valid('query')
    const { redis } = c.get('deps')
    const page = await listJobs(redis, { companyId: q.companyId, status: q.status }, pageLimit(q.limit), q.cursor)
    const companies = await getCompanies(redis, page.items.map((j) => j.companyId))
    const items = page.items.map((j) => ({ ...j, company: pick(companies.get(j.companyId)) }))
    return c.json({ items, next: page.next }, 200)
  })
  .get('/:id', async (c) => {
    const { redis } = c.get('deps')
    const job = await getJob(redis, c.req.param('id'))
    if (!job) throw notFound('Job')
    return c.json({ job, company: await getCompany(redis, job.companyId) }, 200)
  })
  .patch('/:id', requireApprovedRecruiter, jsonBody(jobPatchBody), async (c) => {
    const job = await ownJob(c)
    if (job.status === 'closed') throw new ApiError('INVALID_STATE', 'A closed job cannot be edited')
    const { location, ...patch } = c.req.valid('json')
    const next: Job = { ...job, ...(location ? { location: jobLocation(location) } : {}) }
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete (next as Record<string, unknown>)[k]
      else if (v !== undefined) (next as Record<string, unknown>)[k] = v
    }
    if (!agesInOrder(next)) throw validationError('ageMin', 'age.order')
    const outputRule = dailyOutputRule(next.pay, next.dailyOutput)
    if (outputRule) throw validationError('dailyOutput', outputRule)
    return c.json({ job: await saveJob(c.get('deps').redis, job, next) }, 200)
  })
  .post('/:id/close', requireApprovedRecruiter, async (c) => {
    const job = await ownJob(c)
    const closed = job.status === 'closed' ? job : await closeJob(c.get('deps').redis, job)
    return c.json({ job: closed }, 200)
  })

const pick = (co: { id: string; name: string } | undefined) => (co ? { id: co.id, name: co.name } : null)
