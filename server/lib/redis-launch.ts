import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { resolve } from 'node:path'
import { Redis } from 'ioredis'

import type { RedisTarget } from '../store/redis.ts'

/** `url`: the server's URL, or a cluster's first seed node (for logs and tools that take one URL). */
export type RedisHandle = { target: RedisTarget; url: string; spawned: ChildProcess | null; stop(): Promise<void> }

export class NoRedisError extends Error {}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer()
    srv.once('error', rej)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => res(port))
    })
  })
}

/** True if a Redis answers PING at url within timeoutMs. */
export async function redisAnswers(url: string, timeoutMs = 800): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, disableClientInfo: true, enableOfflineQueue: false })
  probe.on('error', () => {})
  try {
    await probe.connect()
    return (await probe.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    probe.disconnect()
  }
}

/** Starts redis-server as docs/architecture.md asks of production: AOF always-fsync, noeviction. */
export async function spawnRedis(dir: string): Promise<RedisHandle> {
  mkdirSync(dir, { recursive: true })
  const port = await freePort()
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', resolve(dir), '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--maxmemory-policy', 'noeviction', '--daemonize', 'no', '--logfile', ''],
    { stdio: 'ignore' },
  )
  const failed = new Promise<never>((_, rej) => {
    child.once('error', (e: NodeJS.ErrnoException) =>
      rej(e.code === 'ENOENT' ? new NoRedisError('redis-server is not on PATH') : e),
    )
    child.once('exit', (code) => rej(new NoRedisError(`redis-server exited with code ${code}`)))
  })
  const url = `redis://127.0.0.1:${port}`
  const ready = (async () => {
    for (let i = 0; i < 100; i++) {
      if (await redisAnswers(url, 200)) return
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new NoRedisError('redis-server did not answer within 5 s')
  })()
  await Promise.race([ready, failed])
  child.removeAllListeners('exit')
  return {
    target: { url },
    url,
    spawned: child,
    stop: () =>
      new Promise((r) => {
        if (child.exitCode !== null) return r()
        child.once('exit', () => r())
        child.kill('SIGTERM')
      }),
  }
}

/**
 * The embedded default (README "Run it"): REDIS_CLUSTER_NODES or REDIS_URL when given (a URL
 * string is taken as REDIS_URL), else the local default port, else spawn one.
 */
export async function findOrSpawnRedis(given: RedisTarget | string | undefined, dataDir: string): Promise<RedisHandle> {
  const none = async () => {}
  const target = typeof given === 'string' ? { url: given } : given
  if (target && 'url' in target) {
    if (!(await redisAnswers(target.url, 2000))) throw new NoRedisError(`REDIS_URL ${target.url} does not answer`)
    return { target, url: target.url, spawned: null, stop: none }
  }
  if (target) {
    // One seed that answers is enough: the client learns the other nodes from it.
    const urls = target.clusterNodes.map((n) => `redis://${n.host}:${n.port}`)
    const answers = await Promise.all(urls.map((u) => redisAnswers(u, 2000)))
    const first = urls.find((_, i) => answers[i])
    if (!first) throw new NoRedisError(`no node of REDIS_CLUSTER_NODES (${urls.join(', ')}) answers`)
    return { target, url: first, spawned: null, stop: none }
  }
  const local = 'redis://127.0.0.1:6379'
  if (await redisAnswers(local)) return { target: { url: local }, url: local, spawned: null, stop: none }
  return spawnRedis(`${dataDir}/redis`)
}
