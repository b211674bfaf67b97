import type { Config } from '../env.ts'
import { maskPersonalText } from '../lib/pii.ts'

/** The slice of pino the runtime-agnostic app logs through (pino's own Logger satisfies it). */
export type LogFn = (fields: Record<string, unknown>, message?: string) => void
export type AppLogger = { error: LogFn; warn: LogFn; info: LogFn; debug: LogFn }

type Level = NonNullable<Config['LOG_LEVEL']>
const RANK: Record<Level, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity }

/**
 * For runtimes without pino (Cloudflare Workers, whose log viewer parses JSON console lines):
 * the same one-JSON-object-per-line shape, masked the same way. Unset level: warn, since
 * Cloudflare already records every request.
 */
export function consoleLogger(level: Level = 'warn'): AppLogger {
  const line = (name: Exclude<Level, 'silent' | 'trace' | 'fatal'>, write: (s: string) => void): LogFn =>
    RANK[name] < RANK[level]
      ? () => {}
      : (fields, message) => write(maskPersonalText(JSON.stringify({ level: name, time: Date.now(), ...fields, ...(message ? { msg: message } : {}) })))
  // console looked up per line, not bound here: whoever wraps the console later still sees it.
  return { error: line('error', (s) => console.error(s)), warn: line('warn', (s) => console.warn(s)), info: line('info', (s) => console.log(s)), debug: line('debug', (s) => console.log(s)) }
}
