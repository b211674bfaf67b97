import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { routePath } from 'hono/route'
import { errorForLog } from './lib/pii.ts'
import { StoreError, type StoreErrorKind } from './store/errors.ts'
import { consoleLogger, type AppLogger } from './observability/app-logger.ts'
import type { Deps } from './context.ts'

/** The closed list of error codes a client can see (docs/http-api.md "Conventions"). */
export const errorCodes = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  CONTENT_REJECTED: 400, // a comment holding one of the organizer's banned words
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  INVALID_SIGNATURE: 401,
  FORBIDDEN: 403,
  NOT_APPROVED: 403,
  ACCOUNT_SUSPENDED: 403,
  MUTED: 403, // muted in this stream's comments
  NOT_ESTABLISHED: 403, // the host asks viewers to watch a while before commenting
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  ALREADY_APPLIED: 409,
  INVALID_STATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  REDIS_UNAVAILABLE: 503,
  LIVEKIT_DISABLED: 503,
  LIVEKIT_UNAVAILABLE: 503,
  LIVE_EVENTS_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const satisfies Record<string, ContentfulStatusCode>

export type ErrorCode = keyof typeof errorCodes

export class ApiError extends Error {
  readonly code: ErrorCode
  readonly status: ContentfulStatusCode
  readonly details: unknown
  readonly headers: Record<string, string>
  constructor(code: ErrorCode, message: string, details?: unknown, headers: Record<string, string> = {}) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.status = errorCodes[code]
    this.details = details
    this.headers = headers
  }
}

export const notFound = (what = 'Resource') => new ApiError('NOT_FOUND', `${what} not found`)

/** ioredis refuses commands while disconnected (enableOfflineQueue: false) or times out. */
export function isRedisDown(err: unknown): boolean {
  if (!(err instanceof Error)) return false
  const text = `${err.name} ${err.message}`
  // The second line: a Redis Cluster between a lost primary and its replica's promotion.
  return (
    /Stream isn't writeable|Connection is closed|ECONNREFUSED|ECONNRESET|Command timed out|MaxRetriesPerRequest|enableOfflineQueue|Reached the max retries|ETIMEDOUT|EPIPE/i.test(text) ||
    /Too many Cluster redirections|CLUSTERDOWN|TRYAGAIN|Cluster is ended|Failed to refresh slots cache|None of startup nodes is available/i.test(text)
  )
}

export function errorBody(c: Context, code: ErrorCode, message: string, details?: unknown) {
  const requestId = (c.get('requestId' as never) as string | undefined) ?? ''
  return { error: { code, message, ...(details === undefined ? {} : { details }), requestId } }
}

/** How each store refusal reads over HTTP. */
function fromStore(err: StoreError): ApiError {
  const map: Record<StoreErrorKind, () => ApiError> = {
    conflict: () => new ApiError('CONFLICT', err.message),
    'bad-cursor': () => new ApiError('VALIDATION_FAILED', err.message, [{ path: ['cursor'], message: err.message, rule: 'cursor.invalid' }]),
    'damaged-record': () => new ApiError('INVALID_STATE', err.message),
    unavailable: () => new ApiError('REDIS_UNAVAILABLE', err.message, undefined, { 'Retry-After': '2' }),
  }
  return map[err.kind]()
}

const lastResort = consoleLogger('error') // an error before the app set its logger

/** The one error handler: every thrown thing becomes the JSON error shape. */
export function onError(thrown: Error, c: Context) {
  const err = thrown instanceof StoreError ? fromStore(thrown) : thrown
  const deps = c.get('deps' as never) as Deps | undefined
  if ((err instanceof ApiError && err.code === 'REDIS_UNAVAILABLE') || (!(err instanceof ApiError) && !(err instanceof HTTPException) && isRedisDown(err))) {
    deps?.metrics?.redisUnavailableAnswered()
  }
  if (err instanceof ApiError) {
    for (const [k, v] of Object.entries(err.headers)) c.header(k, v)
    return c.json(errorBody(c, err.code, err.message, err.details), err.status)
  }
  if (err instanceof HTTPException) {
    const status = err.status
    const code: ErrorCode =
      status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 401 ? 'UNAUTHENTICATED' : status === 404 ? 'NOT_FOUND' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : status === 403 ? 'FORBIDDEN' : 'VALIDATION_FAILED'
    const message = /json/i.test(err.message) ? 'Request body is not valid JSON' : err.message || 'Bad request'
    return c.json(errorBody(c, /json/i.test(err.message) ? 'MALFORMED_JSON' : code, message), status >= 500 ? 400 : (status as ContentfulStatusCode))
  }
  if (isRedisDown(err)) {
    c.header('Retry-After', '2')
    return c.json(errorBody(c, 'REDIS_UNAVAILABLE', 'The data store is unavailable; try again shortly'), 503)
  }
  // One masked line, never the error object: a ReplyError would print its command's args.
  const log = (c.get('log' as never) as AppLogger | undefined) ?? lastResort
  log.error({ reqId: c.get('requestId' as never) ?? '-', method: c.req.method, route: routePath(c), error: errorForLog(err) }, 'unhandled error')
  return c.json(errorBody(c, 'INTERNAL', 'Internal error'), 500)
}
