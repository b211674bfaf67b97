import { AccessToken, type VideoGrant } from 'livekit-server-sdk'
import { ApiError } from '../errors.ts'
import { livekitEnabled, type Config } from '../env.ts'
import { randomToken } from '../lib/ids.ts'
import { validationError } from '../lib/validate.ts'
import { CLIENT_ID } from '../../schemas/fields.ts'
import type { Stream, UserRecord } from '../store/types.ts'

// Least-privilege join tokens (DESIGN "Shape"): the room is the stream, hosts publish,
// viewers only subscribe. Minting is local crypto; nothing here talks to LiveKit.

export const HOST_TTL_SECONDS = 4 * 3600
// A viewer's lifetime is LIVEKIT_VIEWER_TOKEN_TTL_SECONDS (15 min): short, since the page asks
// again on every reload, and LiveKit refreshes the token on an open connection, so a viewer
// watching past it is not dropped (tests/integration/livekit-faults.test.ts).

export type JoinToken = {
  serverUrl: string
  roomName: string
  identity: string
  token: string
  role: 'host' | 'viewer'
}

export type LiveKitCredentials = { url: string; apiKey: string; apiSecret: string }

/** The three LiveKit settings, or 503 LIVEKIT_DISABLED when any is missing. */
export function livekitCredentials(config: Config): LiveKitCredentials {
  if (!livekitEnabled(config)) throw new ApiError('LIVEKIT_DISABLED', 'Live video is not configured on this server')
  return { url: config.LIVEKIT_URL!, apiKey: config.LIVEKIT_API_KEY!, apiSecret: config.LIVEKIT_API_SECRET! }
}

async function mint(config: Config, role: JoinToken['role'], roomName: string, identity: string, name: string | undefined, ttl: number, grant: VideoGrant): Promise<JoinToken> {
  const lk = livekitCredentials(config)
  const at = new AccessToken(lk.apiKey, lk.apiSecret, { identity, ttl, ...(name ? { name } : {}) })
  at.addGrant({ ...grant, room: roomName, roomJoin: true })
  return { serverUrl: lk.url, roomName, identity, token: await at.toJwt(), role }
}

/** The owning recruiter: publish camera/mic (or be joined by ingress), subscribe, send data. */
export function hostToken(config: Config, stream: Pick<Stream, 'id'>, user: Pick<UserRecord, 'id' | 'name'>) {
  return mint(config, 'host', stream.id, user.id, user.name, HOST_TTL_SECONDS, {
    canPublish: true,
    canSubscribe: true,
    canPublishData: true,
  })
}

/** A new viewer id for a page that did not send one. */
export const newViewerId = () => randomToken(12) // 16 url-safe chars

/** Anyone watching: subscribe only; no tracks, no data messages, visible in the room's count. */
export function viewerToken(config: Config, stream: Pick<Stream, 'id'>, viewerId: string, name?: string) {
  if (!CLIENT_ID.test(viewerId)) throw validationError('viewerId', 'viewerId.invalid') // a viewer page picks its own (kept in localStorage)
  return mint(config, 'viewer', stream.id, `v_${viewerId}`, name, config.LIVEKIT_VIEWER_TOKEN_TTL_SECONDS, {
    canPublish: false,
    canPublishData: false,
    canSubscribe: true,
    hidden: false,
  })
}
