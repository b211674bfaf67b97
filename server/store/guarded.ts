import type { ChainableCommander, Redis } from 'ioredis'
import { isStoreError, StoreError } from './errors.ts'
import { connectionFor, waitReady } from './redis.ts'

// WATCH belongs to a connection, and the API's connection is shared by every request in
// flight: guarded writes get a connection of their own, one at a time per process. They are
// human-paced edits and state moves, so the queue is short.
type Guard = { conn: Redis; queue: Promise<unknown> }
const guards = new WeakMap<Redis, Guard>()

function guardOf(redis: Redis): Guard {
  let guard = guards.get(redis)
  if (!guard) {
    // Fails fast like every producer connection (docs/architecture.md); opened on first use.
    const conn = redis.duplicate()
    conn.on('error', () => {}) // the shared connection's owner reports outages
    redis.once('end', () => conn.disconnect())
    guards.set(redis, (guard = { conn, queue: Promise.resolve() }))
  }
  return guard
}

const redisUnavailable = () => new StoreError('unavailable', 'The data store is unavailable; try again shortly')

const conflict = () => new StoreError('conflict', 'Someone changed this at the same time; reload and try again')

const isConflict = (e: unknown) => isStoreError(e, 'conflict')

/**
 * Read-modify-write of one JSON record without losing a concurrent writer's change: the
 * commands `write` queues run, all or nothing, only if the record at `key` is still exactly
 * `expected` (the JSON it was read as). Otherwise nothing is written and CONFLICT is thrown.
 * `expected` is JSON.stringify of the copy read, not toJson: a record stored before writes
 * were well-formed must still compare equal (and is then rewritten well-formed).
 */
export async function writeIfUnchanged(redis: Redis, key: string, expected: string, write: (tx: ChainableCommander) => unknown) {
  const guard = guardOf(redis)
  const run = guard.queue.then(async () => {
    if (guard.conn.status !== 'ready') await waitReady(guard.conn, 2000).catch(() => Promise.reject(redisUnavailable()))
    // On a cluster, WATCH, MULTI/EXEC and UNWATCH must all reach the key's primary on one
    // connection; the Cluster client would send the keyless UNWATCH to any node.
    const conn = connectionFor(guard.conn, key)
    if (!conn) throw redisUnavailable()
    await conn.watch(key)
    try {
      if ((await conn.get(key)) !== expected) return false
      const tx = conn.multi()
      await write(tx)
      return (await tx.exec()) !== null // null: the key changed after WATCH
    } finally {
      await conn.unwatch().catch(() => {})
    }
  })
  guard.queue = run.catch(() => {})
  if (!(await run)) throw conflict()
}

/**
 * For changes that must happen (state moves): `attempt` on the copy in hand, and on CONFLICT
 * again on a fresh read, a few times.
 */
export async function withFreshCopy<R, T>(copy: R, reread: () => Promise<R | null>, attempt: (current: R | null) => Promise<T>, times = 4): Promise<T> {
  let current: R | null = copy
  for (let i = 1; ; i++) {
    try {
      return await attempt(current)
    } catch (e) {
      if (!isConflict(e) || i >= times) throw e
      current = await reread()
    }
  }
}
