import { IngressClient, IngressInput, RoomServiceClient, TwirpError, type IngressInfo } from 'livekit-server-sdk'
import { ApiError } from '../errors.ts'
import { livekitEnabled, type Config } from '../env.ts'
import { livekitCredentials } from './tokens.ts'

// Calls from this server to LiveKit's server API (Twirp over HTTP: JSON bodies POSTed to
// <LIVEKIT_URL as http(s)>/twirp/livekit.<Service>/<Method>, each with a short-lived admin JWT).

/** Server API calls give up after this long; a page waiting on us must not hang. */
const REQUEST_TIMEOUT_SECONDS = 8

export type IngressType = 'rtmp' | 'whip'
export type IngressEndpoint = { url: string; streamKey: string; ingressId: string }

const INPUT: Record<IngressType, IngressInput> = { rtmp: IngressInput.RTMP_INPUT, whip: IngressInput.WHIP_INPUT }

export const ingressIdentity = (streamId: string) => `ingress_${streamId}`

/** LiveKit answered with an error or did not answer: a 503 for the client, never a 500. */
function unavailable(what: string, err: unknown): ApiError {
  const detail = err instanceof TwirpError ? `${err.status} ${err.code ?? ''} ${err.message}`.trim() : err instanceof Error ? err.message : String(err)
  console.warn(`[livekit] ${what} failed: ${detail}`)
  return new ApiError('LIVEKIT_UNAVAILABLE', `The video service did not answer (${what}); try again shortly`, undefined, { 'Retry-After': '5' })
}

const isNotFound = (err: unknown) => err instanceof TwirpError && (err.code === 'not_found' || err.status === 404)

/**
 * An RTMP or WHIP ingress publishing into the stream's room, for OBS. Reuses the stream's
 * existing ingress of that type, so pressing the button twice does not pile up ingresses.
 */
export async function streamIngress(
  config: Config,
  stream: { id: string; title: string },
  type: IngressType,
  participantName: string,
): Promise<IngressEndpoint> {
  const lk = livekitCredentials(config)
  const client = new IngressClient(lk.url, lk.apiKey, lk.apiSecret, { requestTimeout: REQUEST_TIMEOUT_SECONDS })
  const identity = ingressIdentity(stream.id)
  let info: IngressInfo | undefined
  try {
    const existing = await client.listIngress({ roomName: stream.id })
    info = existing.find((i) => i.inputType === INPUT[type] && i.participantIdentity === identity && i.url && i.streamKey)
    info ??= await client.createIngress(INPUT[type], {
      name: `${stream.id}-${type}`,
      roomName: stream.id,
      participantIdentity: identity,
      participantName,
    })
  } catch (err) {
    throw unavailable('create ingress', err)
  }
  if (!info.url || !info.streamKey) throw unavailable('create ingress', new Error('the answer carried no url or stream key'))
  return { url: info.url, streamKey: info.streamKey, ingressId: info.ingressId }
}

/**
 * Pushes the overlay state into the room's metadata (the third delivery path, DESIGN "Live
 * room"). No-op without LiveKit configured; a room that does not exist (nobody connected yet,
 * or already closed) is not an error. Other failures throw a 503 ApiError.
 */
export async function updateRoomMetadata(config: Config, roomName: string, metadata: string): Promise<void> {
  if (!livekitEnabled(config)) return
  const lk = livekitCredentials(config)
  const client = new RoomServiceClient(lk.url, lk.apiKey, lk.apiSecret, { requestTimeout: REQUEST_TIMEOUT_SECONDS })
  try {
    await client.updateRoomMetadata(roomName, metadata)
  } catch (err) {
    if (isNotFound(err)) return
    throw unavailable('update room metadata', err)
  }
}
