import { createMiddleware } from 'hono/factory'
import { bodyLimit } from 'hono/body-limit'
import type { Context } from 'hono'
import type { AppEnv } from '../context.ts'
import { ApiError } from '../errors.ts'

export const MAX_BODY_BYTES = 64 * 1024

const tooLarge = () => {
  throw new ApiError('PAYLOAD_TOO_LARGE', `Request body is larger than ${MAX_BODY_BYTES / 1024} KiB`)
}
const countingLimit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge })

// Decided from the headers alone. Touching c.req.raw.body makes @hono/node-server build a
// full web Request (a web stream over the socket): ~0.3 ms of CPU per POST, and kept for the
// life of an SSE connection. Without it, c.req.json()/text() read the socket directly.
// HTTP/1.1 always sends one of the two headers with a body; only a Request built in-process
// (tests, Workers) may have neither, and there the body getter costs nothing.
const declaredLength = (c: Context<AppEnv>) => (c.req.header('transfer-encoding') !== undefined ? undefined : c.req.header('content-length'))
const hasBody = (c: Context<AppEnv>) => {
  const length = declaredLength(c)
  return length !== undefined ? Number(length) > 0 : c.req.header('transfer-encoding') !== undefined || c.req.raw.body !== null
}

/** Content-Length over the limit → 413 at once; any other body is counted as it is read. */
export const limitBody = createMiddleware<AppEnv>((c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
  const length = declaredLength(c)
  if (length === undefined) return countingLimit(c, next)
  return Number(length) > MAX_BODY_BYTES ? tooLarge() : next()
})

/** Bodies must be JSON, except on paths that accept more (sendBeacon's text/plain, LiveKit's webhook). */
export const requireJson = (alsoAllowedByPath: Record<string, string[]> = {}) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const method = c.req.method
    if (method === 'POST' || method === 'PATCH' || method === 'PUT') {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
      if (hasBody(c) && type !== 'application/json' && !(alsoAllowedByPath[c.req.path] ?? []).includes(type)) {
        throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json')
      }
    }
    await next()
  })
