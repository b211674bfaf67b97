import { createMiddleware } from 'hono/factory'
import type { Context } from 'hono'
import type { AppEnv } from '../context.ts'
import { ApiError } from '../errors.ts'

// Server-to-server and signed: LiveKit sends neither header, but say so rather than rely on it.
const EXEMPT = new Set(['/api/livekit/webhook'])
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])
const SAME_SITE_OK = new Set(['same-origin', 'none']) // `none`: typed in, a bookmark

const hostOf = (origin: string) => {
  try {
    return new URL(origin).host
  } catch {
    return null // "null" (sandboxed frames, some redirects) and junk are nobody's origin
  }
}

/** Our own host as the browser addressed it: the Host header (a proxy must pass it through). */
const ownHost = (c: Context<AppEnv>) => (c.req.header('host') ?? new URL(c.req.url).host).toLowerCase()

/**
 * CSRF: a browser names where a mutating request comes from (Origin, Sec-Fetch-Site); one from
 * another origin is refused, whatever its content type. Another port of the same host is another
 * origin (same-site, not same-origin): it gets no say over our cookie. Hono's csrf() would also
 * refuse requests that carry neither header — API clients and curl — and skips JSON bodies.
 * Origin is compared by host only: one port speaks one scheme, and behind a TLS proxy the URL we
 * see says http while the browser says https.
 */
export const sameOrigin = createMiddleware<AppEnv>(async (c, next) => {
  if (SAFE.has(c.req.method) || EXEMPT.has(c.req.path)) return next()
  const origin = c.req.header('origin')
  const site = c.req.header('sec-fetch-site')
  const listed = origin !== undefined && c.get('deps').config.ALLOWED_ORIGINS.includes(origin)
  if (!listed) {
    if (origin !== undefined && hostOf(origin) !== ownHost(c)) throw refused()
    if (site !== undefined && !SAME_SITE_OK.has(site)) throw refused()
  }
  await next()
})

const refused = () => new ApiError('FORBIDDEN', 'Requests from another site cannot change anything here')
