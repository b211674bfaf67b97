// Builds web/dist when it is missing or older than any source under web/.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const INDEX = 'web/dist/index.html'

const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
    if (e.name === 'dist' || e.name === 'node_modules') return max
    const p = join(dir, e.name)
    return Math.max(max, e.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }, 0)

/** Returns the build time in ms, or null when the build was already fresh. */
export async function ensureWebBuild() {
  if (existsSync(INDEX) && statSync(INDEX).mtimeMs >= newest('web')) return null
  const started = Date.now()
  const { build } = await import('vite')
  await build({ logLevel: 'warn' })
  return Date.now() - started
}
