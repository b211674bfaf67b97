import { createMiddleware } from 'hono/factory'
import { getCookie } from 'hono/cookie'
import type { AppEnv } from '../context.ts'
import { sessionUserId } from '../store/sessions.ts'
import { getUser } from '../store/users.ts'
import { mayAct } from '../store/account-status.ts'

export const SESSION_COOKIE = 'zb_session'

/** Loads the signed-in user, if any; never rejects (roles.ts does that). */
export const session = createMiddleware<AppEnv>(async (c, next) => {
  c.set('user', null)
  c.set('sessionToken', null)
  const token = getCookie(c, SESSION_COOKIE)
  if (token && token.length <= 128) {
    const { redis } = c.get('deps')
    const userId = await sessionUserId(redis, token)
    const user = userId ? await getUser(redis, userId) : null
    // A suspended account (or an assistant whose recruiter is suspended) is signed out.
    if (user && (await mayAct(redis, user))) {
      c.set('user', user)
      c.set('sessionToken', token)
    }
  }
  await next()
})
