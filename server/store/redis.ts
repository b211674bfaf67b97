import { Cluster, Command, Redis, type RedisOptions } from 'ioredis'

/** Where Redis is: one server by URL, or a Redis Cluster by its seed nodes (server/env.ts decides). */
export type RedisTarget = { url: string } | { clusterNodes: { host: string; port: number }[] }

/** What a connection really is; the code base types connections as `Redis` (see connectRedis). */
export type RedisClient = Redis | Cluster

export const isCluster = (redis: RedisClient): redis is Cluster => (redis as Cluster).isCluster === true

export const describeTarget = (t: RedisTarget) => ('url' in t ? t.url : `cluster ${t.clusterNodes.map((n) => `${n.host}:${n.port}`).join(',')}`)

/**
 * API connections fail fast while Redis is away (the error handler turns that into 503)
 * and reconnect on their own; worker connections wait (BullMQ needs maxRetriesPerRequest null).
 *
 * On a cluster the answer is an ioredis `Cluster`, typed as `Redis`: it has the same command
 * API (every command routed to its key's node, MOVED/ASK followed, slots refreshed on
 * failover), and every multi-key script or MULTI keeps to one hash slot (store/keys.ts). The
 * few places that depend on one connection (WATCH, WAIT, SUBSCRIBE) check `isCluster`.
 */
export function connectRedis(target: RedisTarget | string, role: 'api' | 'worker', extra: RedisOptions = {}): Redis {
  const options: RedisOptions = {
    disableClientInfo: true, // ioredis 6 against Redis 7.0
    enableOfflineQueue: role === 'worker',
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    connectTimeout: 2000,
    ...(role === 'api' ? { commandTimeout: 3000 } : {}),
    retryStrategy: (times) => Math.min(100 * times, 2000),
    lazyConnect: false,
    // Reads over many keys (a list's records, many streams' counters) are one command per key
    // sent together, since a key may live on any Cluster node; on one Redis this writes them as
    // one batch instead of one socket write each.
    enableAutoPipelining: role === 'api',
    ...extra,
  }
  const t: RedisTarget = typeof target === 'string' ? { url: target } : target
  // Per-node options; the cluster owns reconnecting and queueing (ClusterOptions below).
  const { retryStrategy, enableOfflineQueue, enableAutoPipelining: _autoPipelining, ...nodeOptions } = options
  const redis: RedisClient =
    'url' in t
      ? new Redis(t.url, options)
      : new Cluster(t.clusterNodes, {
          // Nodes reconnect on their own; the cluster re-reads the slot map after MOVED or a lost
          // node. An API request meanwhile retries for ~1.5 s (retryDelayOnFailover ×
          // maxRedirections) and then fails as 503, like a lost single Redis.
          redisOptions: nodeOptions,
          enableOfflineQueue,
          clusterRetryStrategy: retryStrategy ?? undefined,
          retryDelayOnFailover: 100,
          retryDelayOnClusterDown: 100,
          maxRedirections: 16,
          slotsRefreshTimeout: 2000,
          slotsRefreshInterval: 5000,
          lazyConnect: options.lazyConnect,
          // Not on a cluster: an auto-pipelined batch caught by a failover answered MOVED to the
          // request (500s in the failover test) instead of being redirected command by command.
          enableAutoPipelining: false,
        })
  redis.on('error', () => {}) // reconnects are logged once by whoever owns the process
  return redis as Redis // see above: same command API; isCluster() where it matters
}

/**
 * The connection that holds `key`: the connection itself for one Redis, the primary that owns
 * the key's slot on a cluster. For connection-scoped commands (WATCH…EXEC, WAIT), which a
 * Cluster would otherwise send to a random node. Null while the slot map has no such node.
 */
export function connectionFor(redis: Redis, key: string): Redis | null {
  const client = redis as RedisClient
  if (!isCluster(client)) return client
  const slot = new Command('exists', [key]).getSlot() // ioredis's own CRC16 of the hash tag
  const nodeKey = client.slots[slot]?.[0]
  if (!nodeKey) return null
  return client.nodes('master').find((n) => `${n.options.host}:${n.options.port}` === nodeKey) ?? null
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
