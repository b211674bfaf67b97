import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { queryOf } from '../lib/validate.ts'
import { maskName, maskPhone } from '../lib/pii.ts'
import { currentUser, requireRole } from '../middleware/roles.ts'
import { listStationApplications } from '../store/applications.ts'
import { getCompanies } from '../store/companies.ts'
import { getJobs } from '../store/jobs.ts'
import { pageLimit } from '../store/paging.ts'
import { stationApplicationsQuery } from '../../schemas/applications.ts'

// Mounted at /api/station: a village service station's own screen (web /station).
export const station = new Hono<AppEnv>().get('/applications', requireRole('station'), queryOf(stationApplicationsQuery), async (c) => {
  const q = c.req.valid('query')
  const { redis } = c.get('deps')
  const page = await listStationApplications(redis, currentUser(c).id, pageLimit(q.limit), q.cursor)
  const [jobs, companies] = await Promise.all([getJobs(redis, [...new Set(page.items.map((a) => a.jobId))]), getCompanies(redis, page.items.map((a) => a.companyId))])
  const titles = new Map(jobs.map((j) => [j.id, j.title]))
  // The station filed them, but phones are the hiring company's alone: masked, as for organizers.
  const items = page.items.map((a) => ({
    id: a.id,
    streamId: a.streamId,
    jobId: a.jobId,
    jobTitle: titles.get(a.jobId) ?? '',
    companyName: companies.get(a.companyId)?.name ?? '',
    name: maskName(a.name),
    phone: maskPhone(a.phone),
    status: a.status,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  }))
  c.header('Cache-Control', 'private, no-store')
  return c.json({ items, next: page.next }, 200)
})
