// Builds web/dist when it is missing or older than any source under web/ or the build's config.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const INDEX = 'web/dist/index.html'
// How the build is made counts too (e.g. the precompressed copies).
const BUILD_FILES = ['vite.config.ts', 'scripts/precompress.ts']

const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
    if (e.name === 'dist' || e.name === 'node_modules') return max
    const p = join(dir, e.name)
    return Math.max(max, e.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }, 0)

/** Returns the build time in ms, or null when the build was already fresh. */
export async function ensureWebBuild() {
  if (existsSync(INDEX) && statSync(INDEX).mtimeMs >= Math.max(newest('web'), ...BUILD_FILES.map((f) => statSync(f).mtimeMs))) return null
  const started = Date.now()
  const { build } = await import('vite')
  await build({ logLevel: 'warn' })
  return Date.now() - started
}
