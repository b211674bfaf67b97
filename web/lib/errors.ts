import { fieldsOf, type ApiFailure, type FieldProblem } from './api.ts'
import { t, type Key } from './i18n.ts'
import { zh } from '../i18n/zh.ts'
import type { Rule } from '../../schemas/rules.ts'

/** A message kept as a dictionary key (re-translated on language switch) or raw text. */
export type Msg = { key: Key; args?: Record<string, string | number> } | { raw: string }
export type Errors = Record<string, Msg>

export const msg = (key: Key, args?: Record<string, string | number>): Msg => ({ key, args })
export const show = (m: Msg | undefined | null): string => (!m ? '' : 'raw' in m ? m.raw : t(m.key, m.args))

/** The words for a validation rule, whether the form's own check or the server refused. */
export const ruleMsg = (rule: Rule): Msg => msg(`rule.${rule}`)

// A rule this page has no words for (a newer server): the generic "not valid" beats English.
const fieldMsg = (p: FieldProblem): Msg => msg(p.rule && `rule.${p.rule}` in zh ? (`rule.${p.rule}` as Key) : 'rule.value.invalid')

/** Form-level message for an error code (closed list in server/errors.ts). */
export function codeMsg(f: ApiFailure): Msg {
  if (f.code === 'RATE_LIMITED' && f.retryAfter) return msg('code.RATE_LIMITED_WAIT', { s: f.retryAfter })
  const key = `code.${f.code}`
  return key in zh ? msg(key as Key) : msg('code.UNKNOWN')
}

/**
 * Server failure → per-field messages for the fields the form shows (by dotted path;
 * `alias` maps server paths to form fields), plus one message for the whole form.
 */
export function toErrors(f: ApiFailure, shown: readonly string[], alias: Record<string, string> = {}): Errors {
  const out: Errors = {}
  for (const [path, p] of Object.entries(fieldsOf(f))) {
    const field = alias[path] ?? path
    if (shown.includes(field) && !out[field]) out[field] = fieldMsg(p)
  }
  const placed = Object.keys(out).length > 0
  out._form = placed ? codeMsg(f) : f.code === 'VALIDATION_FAILED' && f.details[0] ? fieldMsg(f.details[0]) : codeMsg(f)
  return out
}
