import { zValidator } from '@hono/zod-validator'
import { z, type ZodType } from 'zod'
import { ApiError } from '../errors.ts'

type Issue = { path: PropertyKey[]; message: string; code?: string }

const toDetails = (issues: readonly Issue[]) =>
  issues.map((i) => ({ path: i.path.map(String), message: i.message, ...(i.code ? { code: i.code } : {}) }))

function fail(result: { success: boolean; error?: unknown }) {
  if (!result.success) {
    const issues = (result.error as { issues?: Issue[] })?.issues ?? []
    const first = issues[0]
    const where = first?.path.length ? `${first.path.join('.')}: ` : ''
    throw new ApiError('VALIDATION_FAILED', `${where}${first?.message ?? 'Invalid input'}`, toDetails(issues))
  }
}

/** Validated JSON body; errors become VALIDATION_FAILED with one detail per field. */
export const jsonBody = <T extends ZodType>(schema: T) => zValidator('json', schema, (r) => fail(r))
export const queryOf = <T extends ZodType>(schema: T) => zValidator('query', schema, (r) => fail(r))

export function validationError(path: string, message: string) {
  return new ApiError('VALIDATION_FAILED', `${path}: ${message}`, [{ path: path.split('.'), message }])
}

/** ISO-8601 with an offset (2026-03-01T09:00:00+08:00 or …Z). */
export const isoDate = z.string().datetime({ offset: true, message: 'Enter a valid date and time' })
