import type { Redis } from 'ioredis'
import type { Config } from './env.ts'
import type { UserRecord } from './store/types.ts'
import type { SseHub } from './overlay/sse-hub.ts'
import type { EventSink } from './beacons/queue.ts'

/** What the app needs from outside; the Node and Workers entries each build one. */
export type Deps = {
  redis: Redis
  config: Config
  now?: () => Date
  /** Node only: SSE fan-out. Without it (Workers) viewers poll GET /live. */
  sseHub?: SseHub
  /**
   * The connecting peer's address as the platform itself knows it, when the socket is not ours:
   * on Workers, Cloudflare's CF-Connecting-IP (Cloudflare sets it; a client cannot). Node reads
   * its socket and never trusts that header unless TRUST_PROXY names it.
   */
  peerAddress?: (req: Request) => string | undefined
  /** Where accepted beacons go (a micro-batching BullMQ producer on Node). */
  beaconSink?: EventSink
}

export type AppEnv = {
  Variables: {
    deps: Deps
    requestId: string
    user: UserRecord | null
    sessionToken: string | null
  }
}
