import { secureHeaders } from 'hono/secure-headers'
import type { Config } from '../env.ts'

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
export const securityHeaders = (config: Config) =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
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
