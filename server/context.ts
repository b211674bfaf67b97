import type { Redis } from 'ioredis'
import type { Config } from './env.ts'
import type { UserRecord } from './store/types.ts'
import type { SseHub } from './overlay/sse-hub.ts'
import type { EventSink } from './beacons/queue.ts'
import type { Queue } from 'bullmq'
import type { ReminderJob } from './reminders/queue.ts'
import type { AppLogger } from './observability/app-logger.ts'
import type { PlatformCounters } from './observability/metrics.ts'

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
  /** 预约直播 reminders' BullMQ queue (Node: on the queue connection); without it, one per request. */
  reminderQueue?: Queue<ReminderJob>
  /** Where accepted beacons go (a micro-batching BullMQ producer on Node). */
  beaconSink?: EventSink
  /** Node: pino (server/observability/logger.ts). Without it: JSON lines on the console. */
  log?: AppLogger
  /** Node only: Prometheus counters (server/observability/metrics.ts); Workers has no registry. */
  metrics?: PlatformCounters
}

export type AppEnv = {
  Variables: {
    deps: Deps
    log: AppLogger
    requestId: string
    user: UserRecord | null
    sessionToken: string | null
  }
}
