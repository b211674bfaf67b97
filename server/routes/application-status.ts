import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { notFound } from '../errors.ts'
import { queryOf } from '../lib/validate.ts'
import { sameSecret } from '../lib/secrets.ts'
import { clientIp, hit } from '../middleware/rate-limit.ts'
import { getApplication, getReceipt } from '../store/applications.ts'
import { getCompany } from '../store/companies.ts'
import { getHiringPhone } from '../store/company-contact.ts'
import { getJob } from '../store/jobs.ts'
import { applicationStatusQuery } from '../../schemas/applications.ts'

// A device polls each application it holds (我的报名); many villagers share one address.
const STATUS_LIMIT_PER_MINUTE = 600

// Mounted at /api. 我的报名: how an application is going, for the device that holds its receipt.
// No session, no personal data in the answer; a wrong or missing receipt is answered exactly
// like an unknown id, so the endpoint tells nothing about which applications exist.
export const applicationStatus = new Hono<AppEnv>().get('/applications/:id/status', queryOf(applicationStatusQuery), async (c) => {
  await hit(c, 'app-status', clientIp(c), STATUS_LIMIT_PER_MINUTE, 60)
  const { redis } = c.get('deps')
  const given = c.req.valid('query').receipt ?? ''
  const id = c.req.param('id')
  const stored = await getReceipt(redis, id)
  if (!stored || !sameSecret(given, stored)) throw notFound('Application')
  const app = await getApplication(redis, id)
  if (!app) throw notFound('Application')
  const [job, company, hiringPhone] = await Promise.all([getJob(redis, app.jobId), getCompany(redis, app.companyId), getHiringPhone(redis, app.companyId)])
  c.header('Cache-Control', 'private, no-store')
  return c.json(
    {
      status: app.status,
      updatedAt: app.updatedAt,
      job: { id: app.jobId, title: job?.title ?? '' },
      company: { name: company?.name ?? '', ...(hiringPhone ? { hiringPhone } : {}) },
    },
    200,
  )
})
