import type { Redis } from 'ioredis'
import type { Config } from './env.ts'
import type { UserRecord } from './store/types.ts'
import type { LiveHub } from './live/hub.ts'

/** What the app needs from outside; the Node and Workers entries each build one. */
export type Deps = {
  redis: Redis
  config: Config
  now?: () => Date
  /** Node only: SSE fan-out. Without it (Workers) viewers poll GET /live. */
  liveHub?: LiveHub
}

export type AppEnv = {
  Variables: {
    deps: Deps
    requestId: string
    user: UserRecord | null
    sessionToken: string | null
  }
}
