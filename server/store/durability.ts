import type { Redis } from 'ioredis'
import { StoreError } from './errors.ts'
import { connectionFor, isCluster, type RedisClient } from './redis.ts'

/**
 * An acknowledged write survives the loss of a primary only once a replica has it: Redis
 * replicates asynchronously, so after the write we send WAIT <replicas> <timeout> on the
 * connection that made it (WAIT counts that connection's writes). On a cluster that is the
 * connection to the primary owning the key's slot, which ioredis's Cluster would not pick for
 * a keyless command (connectionFor).
 *
 * WAIT blocks its connection, and the API shares one connection per node among all requests,
 * so concurrent callers share WAITs: one in flight per connection, and everyone whose write
 * landed while it was in flight joins the next one (a WAIT covers every earlier write on its
 * connection). Under load that is one replica round trip per batch of writes, not per write.
 */
type Shared = { current: Promise<number> | null; queued: Promise<number> | null }
const shared = new WeakMap<Redis, Shared>()

function send(conn: Redis, s: Shared, replicas: number, timeoutMs: number): Promise<number> {
  const p = conn.wait(replicas, timeoutMs)
  s.current = p
  p.finally(() => {
    if (s.current === p) s.current = null
  }).catch(() => {})
  return p
}

function sharedWait(conn: Redis, replicas: number, timeoutMs: number): Promise<number> {
  let s = shared.get(conn)
  if (!s) shared.set(conn, (s = { current: null, queued: null }))
  if (!s.current) return send(conn, s, replicas, timeoutMs)
  // The WAIT in flight may have been sent before our write: wait for the next one.
  const state = s
  state.queued ??= s.current.catch(() => 0).then(() => {
    state.queued = null
    return send(conn, state, replicas, timeoutMs)
  })
  return state.queued
}

const notReplicated = () =>
  new StoreError('unavailable', 'The write was not confirmed by a replica in time; send it again (with the same Idempotency-Key it is not applied twice)')

/**
 * Resolves once `replicas` replicas hold every write made so far on the connections that own
 * `keys` (one WAIT per connection, however many of the keys it holds: on one Redis a second
 * WAIT for the same write would only queue behind the first); 503 (StoreError unavailable) if
 * they do not confirm within `timeoutMs`. 0: no-op.
 */
export async function waitForReplica(redis: Redis, keys: string | string[], replicas: number, timeoutMs: number): Promise<void> {
  if (replicas <= 0) return
  const conns = new Set<Redis>()
  for (const key of typeof keys === 'string' ? [keys] : keys) {
    const conn = connectionFor(redis, key)
    if (!conn) throw notReplicated()
    conns.add(conn)
  }
  let confirmed: number[]
  try {
    confirmed = await Promise.all([...conns].map((conn) => sharedWait(conn, replicas, timeoutMs)))
  } catch {
    throw notReplicated()
  }
  if (confirmed.some((n) => n < replicas)) throw notReplicated()
}

/**
 * At start: how many replicas writes wait for, and whether Redis has them now. One Redis: its
 * connected replicas (INFO replication); a cluster: the replicas of the primary with fewest.
 * Fewer than asked is logged, not fatal: a replica may be resyncing; writes answer 503 until it is back.
 */
export async function checkReplicas(redis: Redis, wanted: number, timeoutMs: number): Promise<{ replicas: number; connected: number; warning: string | null }> {
  if (wanted <= 0) return { replicas: 0, connected: 0, warning: null }
  const client = redis as RedisClient
  const count = async (conn: Redis) => Number(/connected_slaves:(\d+)/.exec(await conn.info('replication'))?.[1] ?? 0)
  const connected = isCluster(client) ? Math.min(...(await Promise.all(client.nodes('master').map(count)))) : await count(redis)
  const warning = connected < wanted ? `Redis has ${connected} connected replica(s) but writes wait for ${wanted} (REDIS_WAIT_REPLICAS): applications answer 503 after ${timeoutMs} ms until a replica is back` : null
  return { replicas: wanted, connected, warning }
}
