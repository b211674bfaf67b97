import { secureHeaders } from 'hono/secure-headers'
import { createMiddleware } from 'hono/factory'
import type { Config } from '../env.ts'

const QUEUE_ADMIN_PATH = '/admin/queues' // server/routes/queue-admin.ts (Node only; not imported here, the Workers bundle shares this file)

/**
 * Where the browser may reach LiveKit: the signalling WebSocket and livekit-client's HTTP(S)
 * calls to the same host (…/rtc/validate after a failed connect). LiveKit Cloud hands out
 * regional hosts under the project's domain, so that whole domain is allowed there.
 */
export function livekitSources(url: string | undefined): string[] {
  if (!url) return []
  const u = new URL(url)
  const secure = u.protocol === 'wss:' || u.protocol === 'https:'
  const [ws, http] = secure ? ['wss:', 'https:'] : ['ws:', 'http:']
  if (u.hostname.endsWith('.livekit.cloud')) return [`${ws}//*.livekit.cloud`, `${http}//*.livekit.cloud`]
  return [`${ws}//${u.host}`, `${http}//${u.host}`]
}

/**
 * Headers on every answer, API and web app alike (server/node.ts serves both through this app).
 * The CSP is what the built app needs and no more: scripts and styles from our origin only
 * (dashboards add their CSS as constructed stylesheets, not <style>), media as MediaStream /
 * blob:, the favicon as data:, and LiveKit for video. No framing anywhere. HSTS only when we
 * know the site is served over HTTPS (COOKIE_SECURE=1): on plain HTTP it would lock browsers out.
 */
export const securityHeaders = (config: Config) => {
  const strict = headersWith(config, ["'self'"])
  // Bull Board (server/routes/queue-admin.ts, organizers only) uses a <style> element and style
  // attributes (its loading screen, its UI: Chromium reported 7 refusals under 'self'): inline
  // styles there and nowhere else. Scripts stay
  // 'self'-only (its config is a JSON data block, which CSP does not treat as a script), and its
  // Google Fonts link stays blocked: an admin page calls no third party; the system font is used.
  const queueAdmin = headersWith(config, ["'self'", "'unsafe-inline'"])
  return createMiddleware((c, next) => (c.req.path === QUEUE_ADMIN_PATH || c.req.path.startsWith(`${QUEUE_ADMIN_PATH}/`) ? queueAdmin : strict)(c, next))
}

const headersWith = (config: Config, styleSrc: string[]) =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc,
      imgSrc: ["'self'", 'data:', 'blob:'],
      mediaSrc: ["'self'", 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'", ...livekitSources(config.LIVEKIT_URL)],
      workerSrc: ["'self'", 'blob:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'strict-origin-when-cross-origin',
    strictTransportSecurity: config.COOKIE_SECURE ? 'max-age=31536000; includeSubDomains' : false,
  })
