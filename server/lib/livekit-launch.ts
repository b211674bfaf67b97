import { spawn, type ChildProcess } from 'node:child_process'
import { connect } from 'node:net'
import type { Config } from '../env.ts'
import { findLivekitBinary } from './livekit-binary.ts'

// `livekit-server --dev` uses these fixed development credentials.
const DEV_KEY = 'devkey'
const DEV_SECRET = 'secret'
const DEV_PORT = 7880

export type LivekitHandle = { config: Config; spawned: ChildProcess | null; stop(): Promise<void> }

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const sock = connect(port, '127.0.0.1')
    sock.once('connect', () => (sock.destroy(), resolve(true)))
    sock.once('error', () => resolve(false))
  })

/**
 * DESIGN.md "Embedded default": LIVEKIT_URL unset → start `livekit-server --dev` if it is on
 * PATH or built in the cache by scripts/livekit-server.sh (webhooks pointed back at us);
 * otherwise run without video.
 */
export async function findOrSpawnLivekit(config: Config, apiPort: number, bin?: string): Promise<LivekitHandle> {
  const none = { config, spawned: null, stop: async () => {} }
  if (config.LIVEKIT_URL) return none
  bin ??= findLivekitBinary() ?? 'livekit-server'
  const webhook = `webhook:\n  api_key: ${DEV_KEY}\n  urls:\n    - http://127.0.0.1:${apiPort}/api/livekit/webhook\n`
  const child = spawn(bin, ['--dev', '--bind', '127.0.0.1', '--config-body', webhook], { stdio: 'ignore' })
  const missing = await new Promise<boolean>((resolve) => {
    child.once('error', () => resolve(true)) // ENOENT: not installed
    child.once('spawn', () => resolve(false))
  })
  if (missing) return none
  for (let i = 0; i < 100 && child.exitCode === null; i++) {
    if (await portOpen(DEV_PORT)) {
      return {
        config: { ...config, LIVEKIT_URL: `ws://127.0.0.1:${DEV_PORT}`, LIVEKIT_API_KEY: DEV_KEY, LIVEKIT_API_SECRET: DEV_SECRET },
        spawned: child,
        stop: () =>
          new Promise((r) => {
            if (child.exitCode !== null) return r()
            child.once('exit', () => r())
            child.kill('SIGTERM')
          }),
      }
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  child.kill('SIGKILL')
  return none
}
