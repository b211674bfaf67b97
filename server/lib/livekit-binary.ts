import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

// Where livekit-server is, found the same way for `npm start` and the tests: on PATH, else the
// pinned build scripts/livekit-server.sh keeps in a cache folder (~/.cache/zhibo-daigang/).

const SCRIPT = fileURLToPath(new URL('../../scripts/livekit-server.sh', import.meta.url))

/**
 * The binary's path, or null. `build: true` lets the script build the pinned release with Go
 * when it is missing (minutes, once); otherwise it only looks.
 */
export function findLivekitBinary(opts: { build?: boolean } = {}): string | null {
  const env = { ...process.env, LIVEKIT_NO_BUILD: opts.build ? '' : '1' }
  const res = spawnSync('bash', [SCRIPT], { env, encoding: 'utf8', timeout: 15 * 60_000 })
  return res.status === 0 ? (res.stdout.trim().split('\n').at(-1) ?? null) : null
}
