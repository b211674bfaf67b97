import { pino, type DestinationStream, type Logger } from 'pino'
import type { Config } from '../env.ts'
import { maskPersonalText } from '../lib/pii.ts'

// Fields that would hold an applicant's data if anyone ever logged a body or a record; the
// access log and the error line never do (they log route patterns and errorForLog's masked text).
// A receipt or token (我的报名, 预约直播's link, a 大屏 link) opens what it names: never in a log.
const REDACT = ['phone', 'name', 'note', 'password', 'body', 'cookie', 'authorization', 'receipt', 'token', '*.phone', '*.name', '*.note', '*.password', '*.body', '*.cookie', '*.authorization', '*.receipt', '*.token', 'headers.*', '*.headers.*']

/** Top-level strings masked too (a message quoting an error, a Redis reply): redact knows paths, not text. */
function maskStrings(fields: Record<string, unknown>) {
  for (const [k, v] of Object.entries(fields)) if (typeof v === 'string') fields[k] = maskPersonalText(v)
  return fields
}

/**
 * The Node platform's logger: one JSON object per line on stdout (or `destination`, for tests),
 * level by name, every message masked. Level from LOG_LEVEL, info when unset.
 */
export function createLogger(level: Config['LOG_LEVEL'], destination?: DestinationStream): Logger {
  return pino(
    {
      level: level ?? 'info',
      base: { pid: process.pid },
      redact: { paths: REDACT, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }), log: maskStrings },
      hooks: {
        // The message argument (and printf-style arguments) pass through the same masking.
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? maskPersonalText(a) : a)) as Parameters<typeof method>)
        },
      },
    },
    // Asynchronous writes: under load lines are coalesced into few writes instead of one
    // blocking write per request on the event loop (pino flushes what is pending on exit).
    destination ?? pino.destination({ dest: 1, sync: false }),
  )
}
