// A whole deployment on loopback: Redis (a 3+3 cluster, or one given server), N API processes
// behind nginx, M worker processes. stop() ends everything it started.
import { startNginx, type Nginx } from './nginx.ts'
import { platformEnv, startApi, startWorker, type Proc } from './platform.ts'
import { startRedisCluster, type RedisCluster } from './redis-cluster.ts'

export type Deployment = {
  /** Error lines the processes logged (a 500's cause, e.g. CROSSSLOT), for a failing test's report. */
  errors(): string[]
  url: string; cluster: RedisCluster | null; apis: Proc[]; workers: Proc[]; nginx: Nginx; env: Record<string, string>; stop(): Promise<void> }

export async function startDeployment(opts: { apis?: number; workers?: number; redisUrl?: string; cluster?: RedisCluster; env?: Record<string, string> } = {}): Promise<Deployment> {
  const cluster = opts.redisUrl ? null : (opts.cluster ?? (await startRedisCluster()))
  const env = platformEnv(cluster ?? { url: opts.redisUrl! }, opts.env)
  const apis: Proc[] = []
  const workers: Proc[] = []
  let nginx: Nginx | null = null
  const stop = async () => {
    await nginx?.stop()
    await Promise.all([...apis, ...workers].map((p) => p.stop()))
    if (cluster && !opts.cluster) await cluster.stop()
  }
  try {
    // One at a time: the first API creates the organizer account the others then find.
    for (let i = 0; i < (opts.apis ?? 2); i++) apis.push(await startApi(env))
    for (let i = 0; i < (opts.workers ?? 2); i++) workers.push(await startWorker(env))
    nginx = await startNginx(apis.map((a) => a.port))
  } catch (err) {
    await stop()
    throw err
  }
  const errors = () =>
    [...apis.map((a, i) => ({ p: a, name: `api${i + 1}` })), ...workers.map((w, i) => ({ p: w, name: `workers${i + 1}` }))].flatMap(({ p, name }) =>
      p.output().split('\n').filter((l) => /error|CROSSSLOT|MOVED|fail/i.test(l)).map((l) => `${name}: ${l}`),
    )
  return { errors, url: nginx.url, cluster, apis, workers, nginx, env, stop }
}
