// A real Redis Cluster on loopback: 3 primaries + 3 replicas, Debian's redis-server and
// redis-cli, in a temp dir; everything it starts is killed by stop() (and on process exit).
import { spawn, execFile, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { until } from '../helpers/until.ts'
import { killOnExit } from './processes.ts'

const run = promisify(execFile)

export type ClusterNode = { port: number; proc: ChildProcess | null }
export type RedisCluster = {
  /** REDIS_CLUSTER_NODES for the platform: every node, host:port. */
  seeds: string
  nodes: ClusterNode[]
  /** redis-cli against one node; throws on a non-zero exit. */
  cli(port: number, ...args: string[]): Promise<string>
  /** Ports of the current primaries, from a node that answers. */
  primaries(): Promise<number[]>
  /** kill -9 one node (it stays down). */
  kill(port: number): void
  /** Starts a killed node again on its port and data dir: it rejoins (a lost primary comes back as a replica). */
  restart(port: number): void
  /** Until every live node says cluster_state:ok and every slot has a primary that answers. */
  healthy(timeoutMs?: number): Promise<void>
  stop(): Promise<void>
}

const listenable = (port: number) =>
  new Promise<boolean>((res) => {
    const srv = createServer()
    srv.once('error', () => res(false))
    srv.listen(port, '127.0.0.1', () => srv.close(() => res(true)))
  })

/** A port whose cluster bus port (+10000) is free too; ephemeral ports are too high for that. */
async function freeClusterPort(taken: Set<number>): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const port = 20_000 + Math.floor(Math.random() * 25_000)
    if (taken.has(port) || taken.has(port + 10_000)) continue
    if ((await listenable(port)) && (await listenable(port + 10_000))) {
      taken.add(port)
      taken.add(port + 10_000)
      return port
    }
  }
  throw new Error('no free port pair for a cluster node')
}

export async function startRedisCluster(opts: { nodeTimeoutMs?: number } = {}): Promise<RedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'zb-cluster-'))
  const taken = new Set<number>()
  const nodes: ClusterNode[] = []
  const cli = async (port: number, ...args: string[]) => (await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { timeout: 10_000 })).stdout

  const spawnNode = (port: number) => {
    const home = join(dir, String(port))
    mkdirSync(home, { recursive: true })
    // As docs/architecture.md asks of production (AOF, noeviction); a short node timeout so a
    // lost primary is failed over in seconds; validity factor 0: a replica may always take over.
    const proc = spawn(
      'redis-server',
      [
        '--port', String(port), '--bind', '127.0.0.1', '--dir', home,
        '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf',
        '--cluster-node-timeout', String(opts.nodeTimeoutMs ?? 2000), '--cluster-replica-validity-factor', '0',
        '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '', '--maxmemory-policy', 'noeviction',
        '--daemonize', 'no', '--logfile', '',
      ],
      { stdio: 'ignore' },
    )
    killOnExit(proc)
    return proc
  }

  try {
    for (let i = 0; i < 6; i++) {
      const port = await freeClusterPort(taken)
      nodes.push({ port, proc: spawnNode(port) })
    }
    for (const n of nodes) await until(`redis-server :${n.port} answers`, async () => (await cli(n.port, 'ping')).trim() === 'PONG', 10_000)
    await run('redis-cli', ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '1', '--cluster-yes'], { timeout: 30_000 })
  } catch (err) {
    for (const n of nodes) n.proc?.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
    throw err
  }

  const alive = () => nodes.filter((n) => n.proc && n.proc.exitCode === null && n.proc.signalCode === null)

  async function primaries(): Promise<number[]> {
    for (const n of alive()) {
      try {
        const lines = (await cli(n.port, 'cluster', 'nodes')).trim().split('\n')
        // <id> <ip:port@bus> <flags> <master> <ping> <pong> <epoch> <link> <slots…>
        return lines
          .map((l) => l.split(' '))
          .filter((f) => f[2]!.split(',').includes('master') && !f[2]!.includes('fail') && f.length > 8)
          .map((f) => Number(f[1]!.split('@')[0]!.split(':')[1]))
      } catch {}
    }
    throw new Error('no cluster node answers')
  }

  async function healthy(timeoutMs = 30_000) {
    await until(
      'the cluster to be ok on every live node, with a primary with an online replica per slot range',
      async () => {
        for (const n of alive()) if (!(await cli(n.port, 'cluster', 'info')).includes('cluster_state:ok')) return false
        const masters = await primaries()
        if (masters.length !== 3) return false
        // Writes wait for a replica (WAIT): each primary needs one online, once all six run.
        if (alive().length === 6) {
          for (const p of masters) if (!/slave0:.*state=online/.test(await cli(p, 'info', 'replication'))) return false
        }
        return true
      },
      timeoutMs,
      200,
    )
  }

  await healthy()
  return {
    seeds: nodes.map((n) => `127.0.0.1:${n.port}`).join(','),
    nodes,
    cli,
    primaries,
    kill(port) {
      const n = nodes.find((x) => x.port === port)
      n?.proc?.kill('SIGKILL')
    },
    restart(port) {
      const n = nodes.find((x) => x.port === port)
      if (n) n.proc = spawnNode(port)
    },
    healthy,
    async stop() {
      await Promise.all(
        nodes.map(
          (n) =>
            new Promise<void>((r) => {
              if (!n.proc || n.proc.exitCode !== null || n.proc.signalCode !== null) return r()
              n.proc.once('exit', () => r())
              n.proc.kill('SIGKILL')
            }),
        ),
      )
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
