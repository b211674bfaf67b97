import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findOrSpawnLivekit } from '../../server/lib/livekit-launch.ts'
import { loadConfig } from '../../server/env.ts'

// No LiveKit server can be installed here; a stand-in `livekit-server` on PATH records how it
// was started and opens the dev port, which is what the launcher relies on.
let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zb-lk-'))
  const fake = join(dir, 'livekit-server')
  writeFileSync(
    fake,
    `#!/usr/bin/env node
require('fs').writeFileSync(${JSON.stringify(join(dir, 'args.json'))}, JSON.stringify(process.argv.slice(2)))
const s = require('net').createServer().listen(7880, '127.0.0.1')
process.on('SIGTERM', () => { s.close(); process.exit(0) })
`,
  )
  chmodSync(fake, 0o755)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('embedded LiveKit', () => {
  it('starts livekit-server --dev with webhooks pointed at the API and uses its dev credentials', async () => {
    const handle = await findOrSpawnLivekit(loadConfig({}), 8787, join(dir, 'livekit-server'))
    try {
      expect(handle.spawned).not.toBeNull()
      expect(handle.config).toMatchObject({ LIVEKIT_URL: 'ws://127.0.0.1:7880', LIVEKIT_API_KEY: 'devkey', LIVEKIT_API_SECRET: 'secret' })
      const args = JSON.parse(readFileSync(join(dir, 'args.json'), 'utf8')) as string[]
      expect(args.slice(0, 3)).toEqual(['--dev', '--bind', '127.0.0.1'])
      expect(args[4]).toContain('http://127.0.0.1:8787/api/livekit/webhook')
    } finally {
      await handle.stop()
    }
  })

  it('runs without video when livekit-server is not installed', async () => {
    const handle = await findOrSpawnLivekit(loadConfig({}), 8787, join(dir, 'not-installed'))
    expect(handle.spawned).toBeNull()
    expect(handle.config.LIVEKIT_URL).toBeUndefined()
  })

  it('leaves a configured LIVEKIT_URL alone', async () => {
    const config = loadConfig({ LIVEKIT_URL: 'wss://example.livekit.cloud', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: 's' })
    const handle = await findOrSpawnLivekit(config, 8787, join(dir, 'livekit-server'))
    expect(handle.spawned).toBeNull()
    expect(handle.config).toBe(config)
  })
})
