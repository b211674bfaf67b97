// Bench child: the Node platform (API with its in-process workers, as `npm start` runs it)
// against the bench's Redis and livekit-server, in its own process so its CPU can be read
// alone. IPC: {type:'cpu'} → {cpu}: user+system µs since the previous call.
import { loadConfig } from '../../../server/env.ts'
import { startPlatform } from '../../../server/node.ts'

const HIGH = '1000000000' // every request comes from 127.0.0.1: the per-address limits must not bite
const config = loadConfig({
  PORT: '0',
  REDIS_URL: process.env.REDIS_URL,
  DEMO: '0',
  ORGANIZER_EMAIL: process.env.ORGANIZER_EMAIL,
  ORGANIZER_PASSWORD: process.env.ORGANIZER_PASSWORD,
  LIVEKIT_URL: process.env.LIVEKIT_URL,
  LIVEKIT_API_KEY: process.env.LIVEKIT_API_KEY,
  LIVEKIT_API_SECRET: process.env.LIVEKIT_API_SECRET,
  EVENTS_RATE_LIMIT_IP: HIGH,
  EVENTS_RATE_LIMIT_VIEWER: HIGH,
  AUDIENCE_NEW_SESSIONS_PER_IP: '0',
  SSE_MAX_PER_IP: HIGH,
  APPLY_RATE_LIMIT_IP: HIGH,
  REGISTER_RATE_LIMIT: HIGH,
})
process.on('disconnect', () => process.exit(0))
const running = await startPlatform(config, () => {})
process.send!({ type: 'ready', url: running.url.replace('localhost', '127.0.0.1') })

let base = process.cpuUsage()
process.on('message', async (m: { type: string; id: number }) => {
  if (m.type === 'cpu') {
    const d = process.cpuUsage(base)
    base = process.cpuUsage()
    process.send!({ type: 'cpu', id: m.id, cpu: d.user + d.system })
  } else if (m.type === 'exit') {
    setTimeout(() => process.exit(0), 8000).unref()
    await running.stop().catch(() => {})
    process.exit(0)
  }
})
