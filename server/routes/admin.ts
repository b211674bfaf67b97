import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { ApiError, notFound } from '../errors.ts'
import { jsonBody, queryOf } from '../lib/validate.ts'
import { hashPassword } from '../lib/passwords.ts'
import { requireRole } from '../middleware/roles.ts'
import { createAccount, getUser, listRecruiters, listStations, publicUser, setRecruiterStatus } from '../store/users.ts'
import { revokeUserSessions } from '../store/sessions.ts'
import { revokeAssistantSessions } from '../store/assistants.ts'
import { getCompanies } from '../store/companies.ts'
import { pageLimit } from '../store/paging.ts'
import { recruiterListQuery, stationBody, stationListQuery } from '../../schemas/accounts.ts'
import { ruleMessages } from '../../schemas/rules.ts'
import { findTown } from '../../schemas/gazetteer/lookup.ts'
import { validationError } from '../lib/validate.ts'
import type { UserStatus } from '../store/types.ts'

export const admin = new Hono<AppEnv>()
  .use(requireRole('organizer'))
  .get('/recruiters', queryOf(recruiterListQuery), async (c) => {
    const q = c.req.valid('query')
    const { redis } = c.get('deps')
    const page = await listRecruiters(redis, q.status, pageLimit(q.limit), q.cursor)
    const companies = await getCompanies(redis, page.items.map((u) => u.companyId!).filter(Boolean))
    const items = page.items.map((u) => ({ ...u, company: u.companyId ? companies.get(u.companyId) ?? null : null }))
    return c.json({ items, next: page.next }, 200)
  })
  .post('/recruiters/:userId/approve', (c) => moveRecruiter(c, 'approved'))
  .post('/recruiters/:userId/suspend', (c) => moveRecruiter(c, 'suspended'))
  .get('/stations', queryOf(stationListQuery), async (c) => {
    const q = c.req.valid('query')
    return c.json(await listStations(c.get('deps').redis, pageLimit(q.limit), q.cursor), 200)
  })
  .post('/stations', jsonBody(stationBody), async (c) => {
    const body = c.req.valid('json')
    // The station's town rolls its applications up with everyone else's: a gazetteer town only.
    const town = findTown(body.town)?.name
    if (!town) throw validationError('town', 'town.unknown')
    const created = await createAccount(c.get('deps').redis, {
      email: body.email,
      name: body.name,
      role: 'station',
      status: 'approved',
      town,
      passwordHash: await hashPassword(body.password),
    })
    if (!created) throw new ApiError('EMAIL_TAKEN', 'An account with this email already exists', [{ path: ['email'], message: ruleMessages['email.taken'], rule: 'email.taken' }])
    return c.json({ user: publicUser(created.user) }, 201)
  })

async function moveRecruiter(c: import('hono').Context<AppEnv>, status: UserStatus) {
  const { redis } = c.get('deps')
  const user = await getUser(redis, c.req.param('userId') ?? '')
  if (!user || user.role !== 'recruiter') throw notFound('Recruiter')
  const next = user.status === status ? user : await setRecruiterStatus(redis, user, status)
  if (status === 'suspended') {
    // Its 场控 assistants stop with it (store/account-status.ts); their sessions go too.
    await revokeUserSessions(redis, user.id)
    await revokeAssistantSessions(redis, user)
  }
  return c.json({ user: publicUser(next) }, 200)
}
