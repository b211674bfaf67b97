import { readFileSync } from 'node:fs'

const MEASURED = 10_000 // tests/bench/sse: 10 000 viewers on one process, pin seen by all at p99 ≤ 0.5 s

/**
 * SSE_MAX_CONNECTIONS when unset: half the process's open-file limit, at most MEASURED. Every
 * SSE viewer holds a socket; the other half stays free for sign-ins, health checks, Redis and
 * static files, so a flood of viewers cannot take the server's last descriptors.
 */
export function defaultSseCapacity(): number {
  try {
    // Linux; Node has already raised the soft limit to the hard one at start-up.
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'))
    const soft = Number(line?.split(/\s{2,}/)[1])
    if (Number.isFinite(soft) && soft > 0) return Math.max(1, Math.min(MEASURED, Math.floor(soft / 2)))
  } catch {
    // not Linux: fall through
  }
  return MEASURED
}
