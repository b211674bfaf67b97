// `npm start`: build the web app if it is missing or older than its sources, then run the
// platform (API + web + workers) on one port.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
    if (e.name === 'dist' || e.name === 'node_modules') return max
    const p = join(dir, e.name)
    return Math.max(max, e.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }, 0)

const index = 'web/dist/index.html'
if (!existsSync(index) || statSync(index).mtimeMs < newest('web')) {
  const started = Date.now()
  const { build } = await import('vite')
  await build({ logLevel: 'warn' })
  console.log(`web app built in ${Date.now() - started} ms`)
}

const child = spawn(process.execPath, ['--import', 'tsx', 'server/node.ts'], { stdio: 'inherit' })
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code) => process.exit(code ?? 0))
