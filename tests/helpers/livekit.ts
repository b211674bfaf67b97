import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, connect } from 'node:net'
import { createSocket } from 'node:dgram'
import { findLivekitBinary } from '../../server/lib/livekit-binary.ts'

/**
 * A real livekit-server for tests, on free loopback ports, with its own keys and webhooks
 * pointed where the test says. The binary: `livekit-server` on PATH, else the pinned build that
 * scripts/livekit-server.sh keeps in a cache folder (it builds it once when Go is here and
 * LIVEKIT_BUILD=1, as .ci/run sets). `livekitBinary()` is null when neither can be had: video
 * tests then say plainly that they did not run (see `videoSkipReason`).
 */
export const LK_KEY = 'test-key'
export const LK_SECRET = 'test-secret-that-is-at-least-32-characters-long'

let found: string | null | undefined
export function livekitBinary(): string | null {
  if (found === undefined) found = findLivekitBinary({ build: process.env.LIVEKIT_BUILD === '1' })
  return found
}

/** Why video tests cannot run here, or null when they can. In CI they must: it fails loudly. */
export function videoSkipReason(): string | null {
  if (livekitBinary()) return null
  const why = 'no livekit-server on PATH and none built in the cache (run `bash scripts/livekit-server.sh`, which needs Go, or install livekit-server)'
  if (process.env.CI) throw new Error(`CI must run the video tests: ${why}`)
  console.warn(`[video tests NOT RUN] ${why}`)
  return why
}

// A port found by binding to 0 comes from the OS's ephemeral range (Linux: 32768–60999), which the
// OS keeps handing out — to livekit-servers' sockets, outgoing connections — between our check and
// our use (seen: EADDRINUSE on the API's port while livekit-server started). A random port below
// that range can only be taken by another explicit pick, so try those first.
const PICK_FROM = 20_000
const PICK_TO = 32_000

const canBind = (port: number, kind: 'tcp' | 'udp') =>
  new Promise<boolean>((resolve) => {
    if (kind === 'udp') {
      const s = createSocket('udp4')
      s.once('error', () => resolve(false))
      s.bind(port, '127.0.0.1', () => s.close(() => resolve(true)))
      return
    }
    const s = createServer()
    s.once('error', () => resolve(false))
    // 0.0.0.0, as the API listens: a port free on 127.0.0.1 only would still clash
    s.listen(port, '0.0.0.0', () => s.close(() => resolve(true)))
  })

export async function freePort(kind: 'tcp' | 'udp' = 'tcp'): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = PICK_FROM + Math.floor(Math.random() * (PICK_TO - PICK_FROM))
    if (await canBind(port, kind)) return port
  }
  throw new Error(`no free ${kind} port between ${PICK_FROM} and ${PICK_TO} after 50 tries`)
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const sock = connect(port, '127.0.0.1')
    sock.once('connect', () => (sock.destroy(), resolve(true)))
    sock.once('error', () => resolve(false))
  })

export type TestLivekit = {
  url: string // ws://127.0.0.1:<port>
  httpUrl: string
  apiKey: string
  apiSecret: string
  /** Output of the server so far (for failures). */
  logs(): string
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>
  /** Starts it again on the same ports (after kill). */
  start(): Promise<void>
  stop(): Promise<void>
}

export type LivekitOptions = {
  webhookUrls?: string[]
  apiKey?: string
  apiSecret?: string
  logLevel?: string
  /** Seconds an empty room lives (never joined): 20 unless told. */
  emptyTimeout?: number
  /** Seconds a room lives after its last participant left, before room_finished: 5 unless told. */
  departureTimeout?: number
  /**
   * redis://host:port of a Redis shared with other nodes: LiveKit's own multi-node mode (rooms
   * allocated over the nodes, signal relayed to a room's node over Redis). Unset: one node alone.
   */
  redisUrl?: string
}

/** Starts livekit-server; call videoSkipReason() first. */
export async function startLivekit(opts: LivekitOptions = {}): Promise<TestLivekit> {
  const bin = livekitBinary()
  if (!bin) throw new Error('livekit-server is not available')
  const apiKey = opts.apiKey ?? LK_KEY
  const apiSecret = opts.apiSecret ?? LK_SECRET
  let [port, tcpPort, udpPort] = [0, 0, 0]
  const yaml = () => [
    `port: ${port}`,
    `bind_addresses: ['127.0.0.1']`,
    'rtc:',
    `  tcp_port: ${tcpPort}`,
    `  udp_port: ${udpPort}`,
    '  use_external_ip: false',
    '  node_ip: 127.0.0.1',
    'keys:',
    `  ${apiKey}: ${apiSecret}`,
    `logging:`,
    `  level: ${opts.logLevel ?? 'warn'}`,
    'room:',
    `  empty_timeout: ${opts.emptyTimeout ?? 20}`,
    `  departure_timeout: ${opts.departureTimeout ?? 5}`,
    ...(opts.redisUrl ? ['redis:', `  address: ${new URL(opts.redisUrl).host}`] : []),
    ...(opts.webhookUrls?.length ? ['webhook:', `  api_key: ${apiKey}`, '  urls:', ...opts.webhookUrls.map((u) => `    - ${u}`)] : []),
  ].join('\n')
  let child: ChildProcess | null = null
  let output = ''

  async function start() {
    child = spawn(bin!, ['--dev', '--config-body', yaml()], { stdio: ['ignore', 'pipe', 'pipe'] })
    const append = (b: Buffer) => {
      output += b.toString()
      if (output.length > 200_000) output = output.slice(-100_000)
    }
    child.stdout!.on('data', append)
    child.stderr!.on('data', append)
    for (let i = 0; i < 200; i++) {
      if (child.exitCode !== null) throw new Error(`livekit-server exited (${child.exitCode}):\n${output.slice(-4000)}`)
      if (await portOpen(port)) return
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error(`livekit-server did not open port ${port}:\n${output.slice(-4000)}`)
  }

  // livekit-server's graceful stop waits for its rooms to drain (tens of seconds with
  // participants still in them): a stop that takes longer than STOP_GRACE_MS is a kill.
  const STOP_GRACE_MS = 5000
  const exited = (c: ChildProcess, signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (c.exitCode !== null || c.signalCode !== null) return resolve()
      const force = signal === 'SIGKILL' ? undefined : setTimeout(() => c.kill('SIGKILL'), STOP_GRACE_MS)
      c.once('exit', () => {
        clearTimeout(force)
        resolve()
      })
      c.kill(signal)
    })

  // A free port can be taken by another test process before the server binds it: pick new
  // ports and try again (restarts after kill() reuse the ports that worked).
  for (let attempt = 1; ; attempt++) {
    ;[port, tcpPort, udpPort] = [await freePort(), await freePort(), await freePort('udp')]
    try {
      await start()
      break
    } catch (err) {
      if (attempt >= 3) throw err
    }
  }
  return {
    url: `ws://127.0.0.1:${port}`,
    httpUrl: `http://127.0.0.1:${port}`,
    apiKey,
    apiSecret,
    logs: () => output,
    async kill() {
      if (child) await exited(child, 'SIGKILL')
    },
    start,
    async stop() {
      if (child) await exited(child, 'SIGTERM')
    },
  }
}
