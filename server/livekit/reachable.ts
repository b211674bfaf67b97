import { ApiError } from '../errors.ts'
import type { Config } from '../env.ts'
import { livekitCredentials } from './tokens.ts'

// Minting a join token is local crypto, so without this check a page would get a token while
// LiveKit is down and only learn it after the client's connection attempts time out. One
// cheap HTTP GET (livekit-server answers `/` with OK), remembered briefly per server, lets the
// token endpoints answer a clear 503 LIVEKIT_UNAVAILABLE right away.

const PROBE_TIMEOUT_MS = 2_000
/** How long an answer is reused: an outage is retried sooner than a success is re-checked. */
const UP_FOR_MS = 5_000
const DOWN_FOR_MS = 1_000

const known = new Map<string, { up: boolean; until: number; probe?: Promise<boolean> }>()

const httpUrl = (url: string) => url.replace(/^ws(s?):\/\//, 'http$1://')

async function probe(url: string): Promise<boolean> {
  try {
    const res = await fetch(httpUrl(url), { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })
    await res.body?.cancel()
    return true // any HTTP answer means the server is there
  } catch {
    return false
  }
}

/** True when the configured LiveKit answers HTTP (cached a few seconds; concurrent callers share one probe). */
export async function livekitReachable(config: Config): Promise<boolean> {
  const { url } = livekitCredentials(config)
  const entry = known.get(url)
  if (entry?.probe) return entry.probe
  if (entry && entry.until > Date.now()) return entry.up
  const pending = probe(url).then((up) => {
    known.set(url, { up, until: Date.now() + (up ? UP_FOR_MS : DOWN_FOR_MS) })
    return up
  })
  known.set(url, { up: entry?.up ?? true, until: 0, probe: pending })
  return pending
}

/** 503 LIVEKIT_UNAVAILABLE (Retry-After: 5) when LiveKit does not answer. */
export async function requireReachable(config: Config): Promise<void> {
  if (await livekitReachable(config)) return
  throw new ApiError('LIVEKIT_UNAVAILABLE', 'The video service is not reachable right now; cards, pins and applications still work. Try again shortly', undefined, { 'Retry-After': '5' })
}
