import { createSignal, onCleanup, type Accessor } from 'solid-js'
import { overlayEventsPath, pollOverlay, type OverlayState } from './api.ts'

export type { OverlayState }
export type OverlayTransport = 'connecting' | 'sse' | 'poll'

export type Overlay = {
  state: Accessor<OverlayState | null>
  /** How the newest states are arriving now. */
  transport: Accessor<OverlayTransport>
  /** Any path (SSE, polling, LiveKit room metadata, a pin's answer) hands states in here. */
  accept: (s: unknown) => void
  /**
   * Another SSE event of the same stream (e.g. `comments`): one connection per viewer carries
   * everything. The handler gets the parsed data; returns a function that stops listening.
   */
  listen: (event: string, handler: (data: unknown) => void) => () => void
}

const POLL_MS = 2000
const SSE_RETRY_MS = 30_000

const isState = (s: unknown): s is OverlayState =>
  !!s && typeof s === 'object' && typeof (s as OverlayState).version === 'number' && Array.isArray((s as OverlayState).jobs)

/**
 * The overlay state of one stream, kept current: SSE first; while SSE is down, not offered
 * (503 LIVE_EVENTS_UNAVAILABLE on Workers) or refused by the server's caps (429 per address,
 * 503 per process) GET /live every 2 s with its ETag. Whatever path
 * brings a state, only a higher `version` replaces the one shown. Call inside a component.
 */
export function createOverlay(streamId: string): Overlay {
  const [state, setState] = createSignal<OverlayState | null>(null)
  const [transport, setTransport] = createSignal<OverlayTransport>('connecting')
  let closed = false
  let es: EventSource | null = null
  let etag: string | null = null
  let pollTimer: ReturnType<typeof setTimeout> | undefined
  let sseTimer: ReturnType<typeof setTimeout> | undefined
  let polling = false
  let inflight = false
  const extra = new Map<string, Set<(data: unknown) => void>>()
  const attach = (source: EventSource, event: string) =>
    source.addEventListener(event, (e) => {
      let data: unknown
      try {
        data = JSON.parse((e as MessageEvent<string>).data)
      } catch {
        return
      }
      for (const h of extra.get(event) ?? []) h(data)
    })

  function accept(s: unknown) {
    if (!isState(s)) return
    const cur = state()
    if (!cur || s.version > cur.version) setState(s)
  }

  async function pollOnce() {
    pollTimer = undefined
    if (closed || !polling || inflight) return
    inflight = true
    try {
      const got = await pollOverlay(streamId, etag)
      if (got) {
        etag = got.etag
        accept(got.state)
      }
    } catch {
      // Offline or the server is busy: the next tick tries again.
    } finally {
      inflight = false
    }
    if (!closed && polling) pollTimer = setTimeout(pollOnce, POLL_MS)
  }

  function startPolling() {
    if (polling) return
    polling = true
    setTransport('poll')
    void pollOnce()
  }

  function stopPolling() {
    polling = false
    clearTimeout(pollTimer)
    pollTimer = undefined
  }

  function openSse() {
    sseTimer = undefined
    if (closed) return
    if (typeof EventSource === 'undefined') return startPolling()
    const source = new EventSource(overlayEventsPath(streamId))
    es = source
    for (const event of extra.keys()) attach(source, event)
    source.addEventListener('live', (e) => {
      try {
        accept(JSON.parse((e as MessageEvent<string>).data))
      } catch {}
      if (polling) stopPolling()
      setTransport('sse')
    })
    source.onerror = () => {
      // The browser retries a dropped stream by itself; meanwhile poll. A refused stream
      // (503 on Workers, 404…) is CLOSED for good: poll, and ask for SSE again later.
      startPolling()
      if (source.readyState === EventSource.CLOSED) {
        source.close()
        if (es === source) es = null
        sseTimer = setTimeout(openSse, SSE_RETRY_MS)
      }
    }
  }

  openSse()
  // Coming back online: ask now instead of waiting for the next retry.
  const onOnline = () => {
    if (!es) {
      clearTimeout(sseTimer)
      openSse()
    }
    if (polling) {
      clearTimeout(pollTimer)
      void pollOnce()
    }
  }
  window.addEventListener('online', onOnline)

  onCleanup(() => {
    closed = true
    es?.close()
    stopPolling()
    clearTimeout(sseTimer)
    window.removeEventListener('online', onOnline)
  })

  function listen(event: string, handler: (data: unknown) => void) {
    if (!extra.has(event)) {
      extra.set(event, new Set())
      if (es) attach(es, event)
    }
    extra.get(event)!.add(handler)
    return () => void extra.get(event)?.delete(handler)
  }

  return { state, transport, accept, listen }
}

/** A job's live numbers from the overlay, if the overlay has it. */
export const overlayJob = (s: OverlayState | null, jobId: string) => s?.jobs.find((j) => j.jobId === jobId)
