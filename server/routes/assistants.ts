import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { ApiError, notFound } from '../errors.ts'
import { jsonBody, queryOf } from '../lib/validate.ts'
import { hashPassword } from '../lib/passwords.ts'
import { companyOf, currentUser, requireApprovedRecruiter } from '../middleware/roles.ts'
import { createAccount, publicUser } from '../store/users.ts'
import { listAssistants, removeAssistant } from '../store/assistants.ts'
import { pageLimit } from '../store/paging.ts'
import { assistantBody, assistantListQuery } from '../../schemas/assistants.ts'
import { ruleMessages } from '../../schemas/rules.ts'

// Mounted at /api/company: the approved recruiter manages its company's 场控 assistants.
// An assistant is approved from birth (its company already is) and signs in like anyone; it
// acts only while the recruiter who made it is approved (store/account-status.ts).
export const assistants = new Hono<AppEnv>()
  .use(requireApprovedRecruiter)
  .post('/assistants', jsonBody(assistantBody), async (c) => {
    const body = c.req.valid('json')
    const created = await createAccount(c.get('deps').redis, {
      email: body.email,
      name: body.name,
      role: 'assistant',
      status: 'approved',
      companyId: companyOf(c),
      createdBy: currentUser(c).id,
      passwordHash: await hashPassword(body.password),
    })
    if (!created) throw new ApiError('EMAIL_TAKEN', 'An account with this email already exists', [{ path: ['email'], message: ruleMessages['email.taken'], rule: 'email.taken' }])
    return c.json({ user: publicUser(created.user) }, 201)
  })
  .get('/assistants', queryOf(assistantListQuery), async (c) => {
    const q = c.req.valid('query')
    return c.json(await listAssistants(c.get('deps').redis, companyOf(c), pageLimit(q.limit), q.cursor), 200)
  })
  .delete('/assistants/:userId', async (c) => {
    // Signs the assistant out everywhere: its sessions go with the account.
    if (!(await removeAssistant(c.get('deps').redis, companyOf(c), c.req.param('userId')))) throw notFound('Assistant')
    return c.body(null, 204)
  })
