import { zValidator } from '@hono/zod-validator'
import { z, type ZodType } from 'zod'
import { ApiError } from '../errors.ts'
import { illFormedPath } from './unicode.ts'

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

/**
 * 400 VALIDATION_FAILED naming the first string (or key) anywhere in `input` that holds a
 * lone surrogate. Every body and query passes here before its schema (jsonBody, queryOf);
 * routes that parse their own body call it themselves. Path params need no check: percent-
 * decoding cannot produce a lone surrogate (bytes that are not UTF-8 stay as sent, %ED%A0%80
 * included), and header values are bytes.
 */
export function assertWellFormed(input: unknown, root?: string) {
  const path = illFormedPath(input)
  if (path) throw validationError([...(root ? [root] : []), ...path].join('.') || '(body)', 'contains invalid characters (a broken emoji or stray surrogate)')
}

// The raw input is checked first, so what the schema keeps, transforms or drops never matters.
// (`never`: the validator's result type is a conditional on T it cannot resolve here.)
const wellFormedThen = {
  validationFunction: async (schema: ZodType, value: unknown) => {
    assertWellFormed(value)
    return (await schema.safeParseAsync(value)) as never
  },
}

/** Validated JSON body; errors become VALIDATION_FAILED with one detail per field. */
export const jsonBody = <T extends ZodType>(schema: T) => zValidator('json', schema, (r) => fail(r), wellFormedThen)
export const queryOf = <T extends ZodType>(schema: T) => zValidator('query', schema, (r) => fail(r), wellFormedThen)

export function validationError(path: string, message: string) {
  return new ApiError('VALIDATION_FAILED', `${path}: ${message}`, [{ path: path.split('.'), message }])
}

/** ISO-8601 with an offset (2026-03-01T09:00:00+08:00 or …Z). */
export const isoDate = z.string().datetime({ offset: true, message: 'Enter a valid date and time' })
