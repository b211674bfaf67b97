import type * as z from 'zod/mini'
import { ruleOf } from '../../schemas/rules.ts'
import { fieldPath } from './api.ts'
import { ruleMsg, type Errors } from './errors.ts'

/**
 * A form's check before sending: the server's own schema (schemas/) on the body the form would
 * send. The first problem per field (dotted path, as the server names it) and, if clean, the
 * parsed body.
 */
export function check<S extends z.ZodMiniType>(schema: S, input: unknown): { errors: Errors; body: z.output<S> | null } {
  const result = schema.safeParse(input)
  if (result.success) return { errors: {}, body: result.data as z.output<S> }
  const errors: Errors = {}
  for (const issue of result.error.issues) {
    const field = fieldPath(issue.path)
    errors[field] ??= ruleMsg(ruleOf(issue))
  }
  return { errors, body: null }
}

/** A typed box: '' → undefined (left out), '12' → 12, 'abc' → NaN (refused as not a number). */
export function numberOrEmpty(s: string): number | undefined {
  const v = s.trim()
  return v === '' ? undefined : Number(v)
}

/** The create endpoints want optional fields left out rather than null. */
export function withoutNulls<T extends Record<string, unknown>>(body: T) {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null)) as { [K in keyof T]: Exclude<T[K], null> }
}
