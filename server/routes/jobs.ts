import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../context.ts'
import { ApiError, notFound } from '../errors.ts'
import { jsonBody, queryOf } from '../lib/validate.ts'
import { companyOf, requireApprovedRecruiter } from '../middleware/roles.ts'
import { ownJob } from './owned.ts'
import { closeJob, createJob, getJob, listJobs, saveJob } from '../store/jobs.ts'
import { getCompanies, getCompany } from '../store/companies.ts'
import { pageLimit } from '../store/paging.ts'
import type { Job } from '../store/types.ts'

const money = z.number().finite().min(0, 'Must be 0 or more').max(1_000_000)
const fields = {
  title: z.string().trim().min(2, 'At least 2 characters').max(60),
  pay: z
    .object({ min: money, max: money, unit: z.enum(['month', 'day', 'hour', 'piece']) })
    .refine((p) => p.min <= p.max, { message: 'Minimum pay cannot be above maximum pay', path: ['min'] }),
  headcount: z.number().int('Whole number').min(1, 'At least 1').max(100_000),
  location: z.object({
    town: z.string().trim().min(1, 'Required').max(60),
    address: z.string().trim().max(200).optional(),
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
  }),
  tags: z.array(z.string().trim().min(1).max(12)).max(10).transform((t) => [...new Set(t)]),
  ageMin: z.number().int().min(16, 'At least 16').max(80),
  ageMax: z.number().int().min(16).max(80, 'At most 80'),
  description: z.string().trim().max(2000),
}
const ageOrder = (j: { ageMin?: number; ageMax?: number }) => j.ageMin === undefined || j.ageMax === undefined || j.ageMin <= j.ageMax
const ageIssue = { message: 'Minimum age cannot be above maximum age', path: ['ageMin'] }

const createSchema = z
  .object({
    title: fields.title,
    pay: fields.pay,
    headcount: fields.headcount,
    location: fields.location,
    tags: fields.tags.optional(),
    ageMin: fields.ageMin.optional(),
    ageMax: fields.ageMax.optional(),
    description: fields.description.optional(),
  })
  .strict()
  .refine(ageOrder, ageIssue)
const patchSchema = z
  .object({
    title: fields.title,
    pay: fields.pay,
    headcount: fields.headcount,
    location: fields.location,
    tags: fields.tags,
    ageMin: fields.ageMin.nullable(),
    ageMax: fields.ageMax.nullable(),
    description: fields.description.nullable(),
  })
  .partial()
  .strict()
const listQuery = z.object({
  companyId: z.string().max(64).optional(),
  status: z.enum(['open', 'closed']).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().max(512).optional(),
})


export const jobs = new Hono<AppEnv>()
  .post('/', requireApprovedRecruiter, jsonBody(createSchema), async (c) => {
    const job = await createJob(c.get('deps').redis, companyOf(c), c.req.valid('json'))
    return c.json({ job }, 201)
  })
  .get('/', queryOf(listQuery), async (c) => {
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
  .patch('/:id', requireApprovedRecruiter, jsonBody(patchSchema), async (c) => {
    const job = await ownJob(c)
    if (job.status === 'closed') throw new ApiError('INVALID_STATE', 'A closed job cannot be edited')
    const patch = c.req.valid('json')
    const next: Job = { ...job }
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete (next as Record<string, unknown>)[k]
      else if (v !== undefined) (next as Record<string, unknown>)[k] = v
    }
    if (!ageOrder(next)) throw new ApiError('VALIDATION_FAILED', ageIssue.message, [{ path: ageIssue.path, message: ageIssue.message }])
    return c.json({ job: await saveJob(c.get('deps').redis, job, next) }, 200)
  })
  .post('/:id/close', requireApprovedRecruiter, async (c) => {
    const job = await ownJob(c)
    const closed = job.status === 'closed' ? job : await closeJob(c.get('deps').redis, job)
    return c.json({ job: closed }, 200)
  })

const pick = (co: { id: string; name: string } | undefined) => (co ? { id: co.id, name: co.name } : null)
