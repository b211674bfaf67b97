import { createMiddleware } from 'hono/factory'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from '../context.ts'
import { ApiError } from '../errors.ts'

export const MAX_BODY_BYTES = 64 * 1024

const limit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError('PAYLOAD_TOO_LARGE', `Request body is larger than ${MAX_BODY_BYTES / 1024} KiB`)
  },
})

// GET and HEAD carry no body. Touching c.req.raw.body makes @hono/node-server build a full
// Request that it keeps for the life of the connection (~4 KB of heap per SSE viewer).
export const limitBody = createMiddleware<AppEnv>((c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limit(c, next)))

/** Bodies must be JSON, except on paths that accept more (sendBeacon's text/plain, LiveKit's webhook). */
export const requireJson = (alsoAllowedByPath: Record<string, string[]> = {}) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const method = c.req.method
    if (method === 'POST' || method === 'PATCH' || method === 'PUT') {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
      const hasBody = c.req.raw.body !== null && c.req.header('content-length') !== '0'
      if (hasBody && type !== 'application/json' && !(alsoAllowedByPath[c.req.path] ?? []).includes(type)) {
        throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json')
      }
    }
    await next()
  })
