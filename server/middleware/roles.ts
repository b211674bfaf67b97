import { createMiddleware } from 'hono/factory'
import type { Context } from 'hono'
import type { AppEnv } from '../context.ts'
import { ApiError } from '../errors.ts'
import type { Role, UserRecord } from '../store/types.ts'

export function currentUser(c: Context<AppEnv>): UserRecord {
  const user = c.get('user')
  if (!user) throw new ApiError('UNAUTHENTICATED', 'Sign in first')
  return user
}

/** Signed in with one of the roles. */
export const requireRole = (...roles: Role[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const user = currentUser(c)
    if (!roles.includes(user.role)) throw new ApiError('FORBIDDEN', 'Your account cannot do this')
    await next()
  })

/** An approved recruiter with a company: the only one who may post jobs or streams. */
export const requireApprovedRecruiter = createMiddleware<AppEnv>(async (c, next) => {
  const user = currentUser(c)
  if (user.role !== 'recruiter' || !user.companyId) throw new ApiError('FORBIDDEN', 'Only recruiters can do this')
  if (user.status !== 'approved') throw new ApiError('NOT_APPROVED', 'Your company account is waiting for approval')
  await next()
})

/** The recruiter's company, after requireApprovedRecruiter. */
export const companyOf = (c: Context<AppEnv>) => currentUser(c).companyId as string
