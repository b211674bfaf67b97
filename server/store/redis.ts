import { Redis, type RedisOptions } from 'ioredis'

/**
 * API connections fail fast while Redis is away (the error handler turns that into 503)
 * and reconnect on their own; worker connections wait (BullMQ needs maxRetriesPerRequest null).
 */
export function connectRedis(url: string, role: 'api' | 'worker', extra: RedisOptions = {}) {
  const redis = new Redis(url, {
    disableClientInfo: true, // ioredis 6 against Redis 7.0
    enableOfflineQueue: role === 'worker',
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    connectTimeout: 2000,
    ...(role === 'api' ? { commandTimeout: 3000 } : {}),
    retryStrategy: (times) => Math.min(100 * times, 2000),
    lazyConnect: false,
    ...extra,
  })
  redis.on('error', () => {}) // reconnects are logged once by whoever owns the process
  return redis
}

export function waitReady(redis: Redis, timeoutMs = 5000): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Redis did not become ready')), timeoutMs)
    redis.once('ready', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

/** Whether Redis answers a PING within `timeoutMs`. */
export const redisAnswers = (redis: Redis, timeoutMs: number) =>
  Promise.race([redis.ping().then(() => true, () => false), new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs))])
