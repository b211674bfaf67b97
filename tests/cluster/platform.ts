// The platform as a province deploys it: N API processes (server/node.ts) and M worker
// processes (workers/main.ts) against one Redis or Redis Cluster, each a real child process.
import { spawn, type ChildProcess } from 'node:child_process'
import { freePort } from '../../server/lib/redis-launch.ts'
import { until } from '../helpers/until.ts'
import { killOnExit, stopProcess } from './processes.ts'

export const ORGANIZER = { email: 'organizer@cluster.local', password: 'organizer-pass-1' }

export type Proc = { proc: ChildProcess; port: number; output(): string; stop(): Promise<void> }

const HIGH = '1000000000'

/**
 * Redis settings for every process: REDIS_CLUSTER_NODES (a cluster) or REDIS_URL. Limits are
 * lifted: all load comes from 127.0.0.1 through nginx, playing thousands of viewers.
 */
export function platformEnv(redis: { seeds: string } | { url: string }, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...('seeds' in redis ? { REDIS_CLUSTER_NODES: redis.seeds, REDIS_URL: '' } : { REDIS_URL: redis.url, REDIS_CLUSTER_NODES: '' }),
    DEMO: '0',
    IN_PROCESS_WORKERS: '0',
    ORGANIZER_EMAIL: ORGANIZER.email,
    ORGANIZER_PASSWORD: ORGANIZER.password,
    LOGIN_RATE_LIMIT: HIGH,
    REGISTER_RATE_LIMIT: HIGH,
    APPLY_RATE_LIMIT_IP: HIGH,
    APPLY_RATE_LIMIT_VIEWER: HIGH,
    EVENTS_RATE_LIMIT_IP: HIGH,
    EVENTS_RATE_LIMIT_VIEWER: HIGH,
    AUDIENCE_NEW_SESSIONS_PER_IP: '0', // one address plays every viewer
    SSE_MAX_PER_IP: '100000',
    // No video here (LiveKit is not what scales with Redis): a LIVEKIT_URL without keys keeps
    // each API process from spawning a livekit-server of its own, and leaves LiveKit disabled.
    LIVEKIT_URL: 'ws://127.0.0.1:9',
    LIVEKIT_API_KEY: '',
    LIVEKIT_API_SECRET: '',
    ...extra,
  }
}

/** The test's environment with `env` over it; '' removes a variable. */
function environment(env: Record<string, string>) {
  const out: NodeJS.ProcessEnv = { ...process.env }
  for (const [k, v] of Object.entries(env)) {
    if (v === '') delete out[k]
    else out[k] = v
  }
  return out
}

function launch(file: string, env: Record<string, string>, port: number): Proc {
  const proc = spawn(process.execPath, ['--import', 'tsx', file], { env: environment({ ...env, PORT: String(port) }), stdio: ['ignore', 'pipe', 'pipe'] })
  killOnExit(proc)
  let out = ''
  // Keep the tail only: a long run logs every retried batch.
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000))
  proc.stdout!.on('data', keep)
  proc.stderr!.on('data', keep)
  return { proc, port, output: () => out, stop: () => stopProcess(proc, 8000) }
}

/** An API process on a free port; resolves once /api/health answers 200. */
export async function startApi(env: Record<string, string>): Promise<Proc> {
  const api = launch('server/node.ts', env, await freePort())
  await until(`API :${api.port} healthy`, async () => {
    if (api.proc.exitCode !== null) throw new Error(`API exited: ${api.output()}`)
    return (await fetch(`http://127.0.0.1:${api.port}/api/health`)).status === 200
  }, 30_000, 200)
  return api
}

/** A worker process; resolves once it says it runs. */
export async function startWorker(env: Record<string, string>): Promise<Proc> {
  const w = launch('workers/main.ts', env, 0)
  await until('workers running', () => {
    if (w.proc.exitCode !== null) throw new Error(`workers exited: ${w.output()}`)
    return w.output().includes('workers running')
  }, 30_000, 100)
  return w
}
