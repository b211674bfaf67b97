import { Hono } from 'hono'
import { setCookie, deleteCookie } from 'hono/cookie'
import type { AppEnv } from '../context.ts'
import { ApiError } from '../errors.ts'
import { jsonBody } from '../lib/validate.ts'
import { loginBody, registerBody } from '../../schemas/accounts.ts'
import { ruleMessages } from '../../schemas/rules.ts'
import { hashPassword, verifyPassword, burnPasswordTime } from '../lib/passwords.ts'
import { createAccount, getUserByEmail, publicUser } from '../store/users.ts'
import { getCompany } from '../store/companies.ts'
import { mayAct } from '../store/account-status.ts'
import { createSession, deleteSession } from '../store/sessions.ts'
import { SESSION_COOKIE } from '../middleware/session.ts'
import { currentUser } from '../middleware/roles.ts'
import { rateLimitByIp } from '../middleware/rate-limit.ts'
import { clearLoginAttempts, takeLoginAttempt } from '../store/login-backoff.ts'

export const auth = new Hono<AppEnv>()
  .post('/register', rateLimitByIp('register', (c) => c.get('deps').config.REGISTER_RATE_LIMIT, 3600), jsonBody(registerBody), async (c) => {
    const body = c.req.valid('json')
    const { redis } = c.get('deps')
    const created = await createAccount(redis, {
      email: body.email,
      name: body.name,
      role: 'recruiter',
      status: 'pending',
      passwordHash: await hashPassword(body.password),
      companyName: body.companyName,
    })
    if (!created) throw new ApiError('EMAIL_TAKEN', 'An account with this email already exists', [{ path: ['email'], message: ruleMessages['email.taken'], rule: 'email.taken' }])
    await signIn(c, created.user.id)
    return c.json({ user: publicUser(created.user), company: created.company }, 201)
  })
  .post('/login', rateLimitByIp('login', (c) => c.get('deps').config.LOGIN_RATE_LIMIT), jsonBody(loginBody), async (c) => {
    const { email, password } = c.req.valid('json')
    const { redis, now } = c.get('deps')
    const waitMs = await takeLoginAttempt(redis, email, now?.().getTime() ?? Date.now())
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000)
      throw new ApiError('RATE_LIMITED', `Too many failed sign-ins for this account; try again in ${seconds} s`, undefined, { 'Retry-After': String(seconds) })
    }
    const user = await getUserByEmail(redis, email)
    if (!user) {
      await burnPasswordTime(password)
      throw new ApiError('INVALID_CREDENTIALS', 'Email or password is wrong')
    }
    if (!(await verifyPassword(password, user.passwordHash))) throw new ApiError('INVALID_CREDENTIALS', 'Email or password is wrong')
    await clearLoginAttempts(redis, email)
    if (!(await mayAct(redis, user))) {
      throw new ApiError('ACCOUNT_SUSPENDED', user.role === 'assistant' ? 'The recruiter this account works for is suspended; contact the organizer' : 'This account is suspended; contact the organizer')
    }
    await signIn(c, user.id)
    return c.json({ user: publicUser(user) }, 200)
  })
  .post('/logout', async (c) => {
    const user = c.get('user')
    const token = c.get('sessionToken')
    if (user && token) await deleteSession(c.get('deps').redis, token, user.id)
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.body(null, 204)
  })

export const me = new Hono<AppEnv>().get('/', async (c) => {
  const user = currentUser(c)
  const company = user.companyId ? await getCompany(c.get('deps').redis, user.companyId) : null
  return c.json({ user: publicUser(user), company }, 200)
})

async function signIn(c: import('hono').Context<AppEnv>, userId: string) {
  const { redis, config } = c.get('deps')
  const token = await createSession(redis, userId, config.SESSION_TTL_SECONDS)
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: config.COOKIE_SECURE,
    path: '/',
    maxAge: config.SESSION_TTL_SECONDS,
  })
}
