import type { Redis } from 'ioredis'
import type { Config } from './env.ts'
import type { UserRecord } from './store/types.ts'

/** What the app needs from outside; the Node and Workers entries each build one. */
export type Deps = {
  redis: Redis
  config: Config
  now?: () => Date
}

export type AppEnv = {
  Variables: {
    deps: Deps
    requestId: string
    user: UserRecord | null
    sessionToken: string | null
  }
}
