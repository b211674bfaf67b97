/** What a bench client process keeps about its viewers, for openInBatches. */
export type ViewerPool<V extends { dead: boolean }> = {
  openOne(port: number, request: string): void
  opening: Set<V>
  viewers: V[]
  fail(v: V, why: string): void
  errors: Record<string, number>
}

/**
 * Opens `count` SSE viewers on raw sockets, `batch` at a time: each batch must have its first
 * state (or have failed) before the next, so the server's accept queue never overflows.
 */
export async function openInBatches<V extends { dead: boolean }>(cmd: { port: number; path: string; count: number; batch: number; batchTimeoutMs: number }, pool: ViewerPool<V>) {
  const t0 = performance.now()
  const request = `GET ${cmd.path} HTTP/1.1\r\nHost: 127.0.0.1:${cmd.port}\r\nAccept: text/event-stream\r\n\r\n`
  for (let done = 0; done < cmd.count; ) {
    const n = Math.min(cmd.batch, cmd.count - done)
    for (let i = 0; i < n; i++) pool.openOne(cmd.port, request)
    done += n
    const end = Date.now() + cmd.batchTimeoutMs
    while (pool.opening.size > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 5))
    for (const v of pool.opening) pool.fail(v, 'no initial state in time')
  }
  const open = pool.viewers.filter((v) => !v.dead).length
  return { open, failed: pool.viewers.length - open, errors: { ...pool.errors }, ms: performance.now() - t0 }
}
