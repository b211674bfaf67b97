import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { notFound } from '../errors.ts'
import { jsonBody } from '../lib/validate.ts'
import { companyOf, requireApprovedRecruiter } from '../middleware/roles.ts'
import { getCompany } from '../store/companies.ts'
import { getHiringPhone, setHiringPhone } from '../store/company-contact.ts'
import { companyPatchBody } from '../../schemas/company.ts'

// Mounted at /api/company: the approved recruiter's own company, with its 招聘电话 (shown to the
// company's applicants only, in their application status — never in public answers).
async function profile(c: Parameters<typeof companyOf>[0]) {
  const { redis } = c.get('deps')
  const id = companyOf(c)
  const [company, hiringPhone] = await Promise.all([getCompany(redis, id), getHiringPhone(redis, id)])
  if (!company) throw notFound('Company')
  return { company: { ...company, hiringPhone } }
}

export const company = new Hono<AppEnv>()
  .get('/', requireApprovedRecruiter, async (c) => c.json(await profile(c), 200))
  .patch('/', requireApprovedRecruiter, jsonBody(companyPatchBody), async (c) => {
    const body = c.req.valid('json')
    if (body.hiringPhone !== undefined) await setHiringPhone(c.get('deps').redis, companyOf(c), body.hiringPhone)
    return c.json(await profile(c), 200)
  })
