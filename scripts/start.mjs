// `npm start`: build the web app if it is missing or stale, then run the platform
// (API + web + workers) on one port.
import { spawn } from 'node:child_process'
import { ensureWebBuild } from './web-build.mjs'
import { NODE_FLAGS } from './node-flags.mjs'

const built = await ensureWebBuild()
if (built !== null) console.log(`web app built in ${built} ms`)

const child = spawn(process.execPath, [...NODE_FLAGS, '--import', 'tsx', 'server/node.ts'], { stdio: 'inherit' })
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code) => process.exit(code ?? 0))
