import { zValidator } from '@hono/zod-validator'
import * as z from 'zod/mini'
import { isRule, problemsOf, ruleMessages, type IssueLike, type Rule } from '../../schemas/rules.ts'
import { ApiError } from '../errors.ts'
import { illFormedPath } from './unicode.ts'
import { documented } from '../openapi/documented.ts'

// zod/mini ships no words; issues a schema did not name a rule for keep zod's English.
z.config(z.locales.en())

/**
 * One item of a 400's `details` per refused field: `rule` is the stable code (schemas/rules.ts)
 * clients translate, `message` its English, `code` zod's issue code.
 */
const toDetails = (issues: readonly IssueLike[]) =>
  problemsOf(issues).map((p, i) => ({ path: p.path, message: isRule(issues[i]!.message) ? ruleMessages[p.rule] : issues[i]!.message, ...(p.code ? { code: p.code } : {}), rule: p.rule }))

function fail(result: { success: boolean; error?: unknown }) {
  if (!result.success) {
    const details = toDetails((result.error as { issues?: IssueLike[] })?.issues ?? [])
    const first = details[0]
    const where = first?.path.length ? `${first.path.join('.')}: ` : ''
    throw new ApiError('VALIDATION_FAILED', `${where}${first?.message ?? 'Invalid input'}`, details)
  }
}

/** Parses `input` with `schema` outside a validator middleware (bodies a route reads itself). */
export function parseOrFail<T extends z.ZodMiniType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input)
  fail(result)
  return result.data as z.output<T>
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
  if (path) throw validationError([...(root ? [root] : []), ...path].join('.') || '(body)', 'text.brokenCharacters')
}

// The raw input is checked first, so what the schema keeps, transforms or drops never matters.
// (`never`: the validator's result type is a conditional on T it cannot resolve here.)
const wellFormedThen = {
  validationFunction: async (schema: z.ZodMiniType, value: unknown) => {
    assertWellFormed(value)
    return (await schema.safeParseAsync(value)) as never
  },
}

/** Validated JSON body; errors become VALIDATION_FAILED with one detail per field. */
export const jsonBody = <T extends z.ZodMiniType>(schema: T) => documented('json', schema, zValidator('json', schema, (r) => fail(r), wellFormedThen))
export const queryOf = <T extends z.ZodMiniType>(schema: T) => documented('query', schema, zValidator('query', schema, (r) => fail(r), wellFormedThen))

/** A refusal the schema could not see (it needs the store or a header): `path` dotted. */
export function validationError(path: string, rule: Rule) {
  const message = ruleMessages[rule]
  return new ApiError('VALIDATION_FAILED', `${path}: ${message}`, [{ path: path.split('.'), message, rule }])
}
