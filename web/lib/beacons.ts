import { randomId, viewerId } from './ids.ts'
import { srcField } from './share-src.ts'

// Viewer beacons for one view of the live room (docs/counting.md):
// `join` when watching starts, `beat` every 15 s of visible watching with the watched ms,
// `leave` on pagehide, `impression` / `click` per job card, `like` per tap on 点赞. Events wait in a small queue and
// go out in batches (fetch keepalive; navigator.sendBeacon when the page is hidden or leaves).
// A failed send is retried with the same event ids: the server counts each id once. Nothing
// here may throw into the page.

type Kind = 'join' | 'beat' | 'leave' | 'impression' | 'click' | 'like'
type Ev = { id: string; type: Kind; streamId: string; viewerId: string; sessionId: string; jobId?: string; watchedMs?: number; src?: string; at: number }
/** `tried`: first send attempt (Date.now()), for the retry window. */
type Item = { ev: Ev; tried?: number }

const ENDPOINT = '/api/events' // hc cannot sendBeacon: plain fetch (keepalive) and sendBeacon here
const BEAT_MS = 15_000
const FLUSH_MS = 3000
const SOON = 20 // this many waiting: send now
const BATCH = 100 // the server's limit per request
const BATCH_BYTES = 48_000 // under the 64 KiB of a request, a beacon and keepalive fetches
// The server remembers event ids for 10–20 min. A retry later than that could count twice, so
// an event whose first try is older than this is given up.
const RETRY_FOR_MS = 8 * 60_000
const MAX_BACKOFF = 60_000

export type Beacons = {
  /** The viewer is watching: the stream is live and playing (or its room shown without video). */
  watching(on: boolean): void
  impression(jobId: string): void
  click(jobId: string): void
  /** One tap on 点赞: its own event id, so the server counts each tap once however often it is retried. */
  like(): void
  /** Reports an impression for each job card (`[data-job]`) under `root` once it is on screen. */
  observeCards(root: Element): void
  /** The room is left without unloading the page (in-app navigation): `leave`, send, stop. */
  stop(): void
}

const quietly =
  <A extends unknown[]>(f: (...a: A) => void) =>
  (...a: A) => {
    try {
      f(...a)
    } catch {}
  }

/** Starts counting one view of `streamId` (one session); `stop()` ends it. */
export function startBeacons(streamId: string): Beacons {
  const viewer = viewerId()
  let session = ''
  let seq = 0
  let joined = false
  let left = false
  let seen = new Set<string>()
  let queue: Item[] = []
  /** Batches handed to sendBeacon while hidden: their fate is unknown, so sent again on return. */
  let handedOff: { at: number; items: Item[] }[] = []
  let sending = false
  let failures = 0
  let flushTimer: ReturnType<typeof setTimeout> | undefined
  let stopped = false

  // The watch clock: runs while watching and visible; `acc` is watched time not yet reported.
  let on = false
  let running = false
  let since = 0
  let acc = 0
  let beatTimer: ReturnType<typeof setTimeout> | undefined
  const visible = () => document.visibilityState !== 'hidden'

  function newSession() {
    session = randomId(16)
    seq = 0
    joined = false
    left = false
    seen = new Set()
  }

  function push(type: Kind, extra: { jobId?: string; watchedMs?: number; src?: string } = {}) {
    queue.push({ ev: { id: `${session}-${++seq}`, type, streamId, viewerId: viewer, sessionId: session, ...extra, at: Date.now() } })
    if (queue.length >= SOON) flush()
    else schedule(FLUSH_MS)
  }

  function schedule(ms: number) {
    if (!flushTimer && !stopped) flushTimer = setTimeout(quietly(flush), ms)
  }
  function reschedule(ms: number) {
    clearTimeout(flushTimer)
    flushTimer = undefined
    schedule(ms)
  }

  /** Up to 100 events and BATCH_BYTES from the head of the queue, and their JSON. */
  function take(): [Item[], string] {
    const items: Item[] = []
    let bytes = 12
    while (items.length < BATCH && queue.length) {
      const size = JSON.stringify(queue[0]!.ev).length + 1
      if (items.length && bytes + size > BATCH_BYTES) break
      bytes += size
      items.push(queue.shift()!)
    }
    return [items, JSON.stringify({ events: items.map((i) => i.ev), sentAt: Date.now() })] // sentAt: the server ages each event by it
  }

  /** Back to the head of the queue, except what has been retried too long already. */
  function requeue(items: Item[]) {
    const now = Date.now()
    queue = [...items.filter((i) => !i.tried || now - i.tried < RETRY_FOR_MS), ...queue]
  }

  function flush() {
    clearTimeout(flushTimer)
    flushTimer = undefined
    if (sending || !queue.length) return
    if (navigator.onLine === false) return schedule(FLUSH_MS * 2) // offline: tries would only age the events
    const [items, body] = take()
    void post(items, body)
  }

  async function post(items: Item[], body: string) {
    sending = true
    const now = Date.now()
    for (const i of items) i.tried ??= now
    let wait = 0
    try {
      const res = await fetch(ENDPOINT, { method: 'POST', body, keepalive: true, headers: { 'Content-Type': 'application/json' } })
      // 408 / 429 / 5xx: try again. Any other 4xx can never pass: drop it, nothing was counted.
      if (res.status === 408 || res.status === 429 || res.status >= 500) wait = (Number(res.headers.get('Retry-After')) || 0) * 1000 || -1
    } catch {
      wait = -1 // network: unknown whether it arrived; the same ids make a retry safe
    }
    sending = false
    if (wait) {
      requeue(items)
      failures++
      const backoff = Math.min(MAX_BACKOFF, FLUSH_MS * 2 ** Math.min(failures, 5)) * (0.8 + Math.random() * 0.4)
      if (queue.length) reschedule(wait > 0 ? wait : backoff)
    } else {
      failures = 0
      if (queue.length) queue.length >= SOON ? flush() : schedule(FLUSH_MS)
    }
  }

  /** Everything waiting, now, in a way that survives the page going away. */
  function sendAll() {
    clearTimeout(flushTimer)
    flushTimer = undefined
    while (queue.length) {
      const [items, body] = take()
      let ok = false
      try {
        ok = navigator.sendBeacon(ENDPOINT, body) // a string goes as text/plain
      } catch {}
      if (!ok) {
        try {
          void fetch(ENDPOINT, { method: 'POST', body, keepalive: true, headers: { 'Content-Type': 'text/plain' } }).catch(() => {})
          ok = true
        } catch {}
      }
      if (!ok) {
        queue.unshift(...items)
        break
      }
      const now = Date.now()
      for (const i of items) i.tried ??= now
      handedOff.push({ at: now, items })
    }
  }

  // ---- the watch clock ----

  function tick() {
    if (!running) return
    const t = performance.now()
    acc += t - since
    since = t
  }

  function takeWatched(): number {
    tick()
    const ms = Math.round(acc)
    acc = 0
    return ms
  }

  function beat() {
    beatTimer = undefined
    if (!running) return
    push('beat', { watchedMs: takeWatched() })
    beatTimer = setTimeout(quietly(beat), BEAT_MS)
  }

  /**
   * Starts or stops the clock to match "watching and visible"; `join` the first time it starts.
   * Time watched is reported as soon as the clock stops (the page may never come back: a phone
   * kills it), unless `final`: then the caller sends it with `leave`.
   */
  function sync(final = false) {
    const should = on && visible() && !left && !stopped
    if (should && !running) {
      if (!joined) {
        joined = true
        push('join', srcField()) // the share channel this visit came through (docs/counting.md)
      }
      running = true
      since = performance.now()
      beatTimer = setTimeout(quietly(beat), Math.max(0, BEAT_MS - acc))
    } else if (!should && running) {
      tick()
      running = false
      clearTimeout(beatTimer)
      beatTimer = undefined
      if (!final && acc >= 1) push('beat', { watchedMs: takeWatched() })
    }
  }

  function leave() {
    if (left) return
    left = true
    sync(true)
    if (joined) push('leave', { watchedMs: takeWatched() })
    sendAll()
  }

  // ---- cards on screen ----

  const shown = new Set<Element>()
  let io: IntersectionObserver | null = null
  let mo: MutationObserver | null = null

  function impression(jobId: string) {
    if (left || stopped || !visible() || seen.has(`i${jobId}`)) return
    seen.add(`i${jobId}`)
    push('impression', { jobId })
  }

  function reportShown() {
    for (const el of shown) {
      const job = el.getAttribute('data-job')
      if (el.isConnected && job) impression(job)
    }
  }

  // ---- the page ----

  const onVisibility = quietly(() => {
    sync()
    if (visible()) {
      // Back: send again what went out by beacon (lost if the network was down; the ids dedupe).
      const now = Date.now()
      for (const h of handedOff) if (now - h.at < RETRY_FOR_MS) requeue(h.items)
      handedOff = []
      reportShown()
      if (queue.length) reschedule(0)
    } else sendAll()
  })
  const onPageHide = quietly(leave)
  const onPageShow = quietly((e: PageTransitionEvent) => {
    if (!e.persisted) return
    // Back from the back/forward cache: a new page view.
    newSession()
    handedOff = []
    sync()
    reportShown()
  })
  const onOnline = quietly(() => queue.length && reschedule(0))

  newSession()
  document.addEventListener('visibilitychange', onVisibility)
  window.addEventListener('pagehide', onPageHide)
  window.addEventListener('pageshow', onPageShow)
  window.addEventListener('online', onOnline)

  return {
    watching: quietly((value: boolean) => {
      on = value
      sync()
    }),
    impression: quietly(impression),
    click: quietly((jobId: string) => {
      if (left || stopped || seen.has(`c${jobId}`)) return
      seen.add(`c${jobId}`)
      push('click', { jobId })
    }),
    like: quietly(() => {
      if (left || stopped) return
      push('like')
    }),
    observeCards: quietly((root: Element) => {
      if (typeof IntersectionObserver === 'undefined' || io) return
      io = new IntersectionObserver(
        (entries) => {
          for (const e of entries) {
            if (e.isIntersecting) shown.add(e.target)
            else shown.delete(e.target)
          }
          reportShown()
        },
        { threshold: 0.5 },
      )
      const watch = () => root.querySelectorAll('[data-job]').forEach((el) => io!.observe(el)) // observing twice is a no-op
      watch()
      mo = new MutationObserver(watch)
      mo.observe(root, { childList: true, subtree: true })
    }),
    stop: quietly(() => {
      if (stopped) return
      leave()
      stopped = true
      clearTimeout(beatTimer)
      io?.disconnect()
      mo?.disconnect()
      document.removeEventListener('visibilitychange', onVisibility)
      window.removeEventListener('pagehide', onPageHide)
      window.removeEventListener('pageshow', onPageShow)
      window.removeEventListener('online', onOnline)
    }),
  }
}
