import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnRedis } from '../../server/lib/redis-launch.ts'

export type TestRedis = { url: string; dir: string; stop(): Promise<void> }

/** A private redis-server on a free port with a temp dir: tests never touch a shared database. */
export async function startRedis(): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'zb-redis-'))
  const handle = await spawnRedis(dir)
  return {
    url: handle.url,
    dir,
    async stop() {
      await handle.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
