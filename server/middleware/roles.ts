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

/**
 * Someone who works a company's live room: its approved recruiter or one of its 场控 assistants.
 * Pins cards and sees counts; jobs, streams, applicant phones and CSV stay the recruiter's.
 */
export const isCompanyStaff = (user: UserRecord, companyId: string) =>
  user.companyId === companyId && user.status === 'approved' && (user.role === 'recruiter' || user.role === 'assistant')

/** An approved recruiter or an assistant, with a company (ownStream then checks which one). */
export const requireCompanyStaff = createMiddleware<AppEnv>(async (c, next) => {
  const user = currentUser(c)
  if (user.role === 'assistant' && user.companyId) return next()
  if (user.role !== 'recruiter' || !user.companyId) throw new ApiError('FORBIDDEN', 'Only the company’s recruiter or assistants can do this')
  if (user.status !== 'approved') throw new ApiError('NOT_APPROVED', 'Your company account is waiting for approval')
  await next()
})

/** The recruiter's (or assistant's) company, after requireApprovedRecruiter / requireCompanyStaff. */
export const companyOf = (c: Context<AppEnv>) => currentUser(c).companyId as string

/** May moderate this stream's conversation: its company's approved recruiter or one of its assistants. */
export const canModerate = (user: UserRecord | null | undefined, stream: { companyId: string }) => !!user && isCompanyStaff(user, stream.companyId)
