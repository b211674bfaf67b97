import { createSignal } from 'solid-js'
import { createStore } from 'solid-js/store'
import { asFailure, postApplication, type ApiFailure, type ApplyBody } from './api.ts'
import { randomId } from './ids.ts'
import { srcField } from './share-src.ts'
import { rememberMine } from './my-applications.ts'

// Applications are written to localStorage before the first attempt and leave it only when
// the server has answered for good: a weak village network must not lose one. Each keeps its
// Idempotency-Key for life, so a retry that races a lost answer returns the same application.

/** `about`: what 我的报名 calls it (the job's title and company), kept with it until it is acknowledged. */
export type Pending = { key: string; streamId: string; body: ApplyBody; at: number; tries: number; about?: { job: string; company: string } }
export type Outcome =
  | { state: 'sending' }
  | { state: 'waiting'; retryAt: number }
  | { state: 'done'; applicationId: string }
  | { state: 'already' }
  | { state: 'rejected'; failure: ApiFailure }
export type Tracked = { streamId: string; jobId: string; outcome: Outcome; seen?: boolean }

const STORE = 'zb.outbox'
const APPLIED = 'zb.applied'
const PROFILE = 'zb.profile'
const MAX_DELAY = 60_000

function load<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key)
    return raw ? (JSON.parse(raw) as T) : fallback
  } catch {
    return fallback
  }
}
function save(key: string, value: unknown) {
  try {
    localStorage.setItem(key, JSON.stringify(value))
  } catch {}
}

const valid = (p: Pending) => !!p && typeof p.key === 'string' && typeof p.streamId === 'string' && !!p.body?.jobId
let queue: Pending[] = load<Pending[]>(STORE, []).filter(valid)
// Outcomes are replaced whole (set at the entry's level), never merged field by field.
const [tracked, setTracked] = createStore<Record<string, Tracked>>({})
const [applied, setApplied] = createSignal<Record<string, string>>(load(APPLIED, {}))
const timers = new Map<string, ReturnType<typeof setTimeout>>()
const inflight = new Set<string>()

/** Everything sent or being sent from this page view (and what was left over from earlier ones). */
export { tracked }
/** jobId → applicationId for jobs applied to from this device. */
export { applied }

function persist() {
  save(STORE, queue)
}
function settle(entry: Pending, outcome: Outcome) {
  queue = queue.filter((p) => p.key !== entry.key)
  persist()
  setTracked(entry.key, { outcome })
}

async function send(entry: Pending) {
  if (inflight.has(entry.key)) return
  clearTimeout(timers.get(entry.key))
  timers.delete(entry.key)
  inflight.add(entry.key)
  setTracked(entry.key, { streamId: entry.streamId, jobId: entry.body.jobId, outcome: { state: 'sending' } })
  try {
    const { application } = await postApplication(entry.streamId, entry.key, entry.body)
    settle(entry, { state: 'done', applicationId: application.id })
    markApplied(entry.body.jobId, application.id)
    if (application.receipt) rememberMine({ id: application.id, receipt: application.receipt, streamId: entry.streamId, jobId: entry.body.jobId, job: entry.about?.job ?? '', company: entry.about?.company ?? '', at: Date.parse(application.createdAt) || Date.now() })
  } catch (e) {
    const f = asFailure(e)
    if (f.code === 'ALREADY_APPLIED') {
      settle(entry, { state: 'already' })
      // The server knows this phone applied (maybe from another device): the card says 已报名 too.
      if (!applied()[entry.body.jobId]) markApplied(entry.body.jobId, ALREADY)
    }
    else if (f.status === 0 || f.status === 408 || f.status === 429 || f.status >= 500) retryLater(entry, f)
    else settle(entry, { state: 'rejected', failure: f })
  } finally {
    inflight.delete(entry.key)
  }
}

/** applied()[jobId] when the server said ALREADY_APPLIED: applied, but not from this device's record. */
export const ALREADY = 'already'
function markApplied(jobId: string, id: string) {
  setApplied((a) => ({ ...a, [jobId]: id }))
  save(APPLIED, applied())
}

/** 2 s, 4 s, 8 s … up to a minute, with some jitter; a 429 waits as long as it is told. */
function retryLater(entry: Pending, f: ApiFailure) {
  entry.tries += 1
  persist()
  const backoff = Math.min(MAX_DELAY, 2000 * 2 ** Math.min(entry.tries - 1, 5)) * (0.8 + Math.random() * 0.4)
  const delay = f.retryAfter ? f.retryAfter * 1000 : backoff
  setTracked(entry.key, { outcome: { state: 'waiting', retryAt: Date.now() + delay } })
  timers.set(
    entry.key,
    setTimeout(() => void send(entry), delay),
  )
}

/** Stores the application, then sends it; returns its key (follow it in `tracked`). */
export function submitApplication(streamId: string, body: ApplyBody, about?: Pending['about']): string {
  // with the share channel this visit came through (docs/counting.md), kept with the entry for its retries
  const entry: Pending = { key: randomId(24), streamId, body: { ...srcField(), ...body }, at: Date.now(), tries: 0, ...(about ? { about } : {}) }
  queue = [...queue, entry]
  persist()
  setTracked(entry.key, { streamId, jobId: body.jobId, outcome: { state: 'sending' }, seen: true })
  void send(entry)
  return entry.key
}

/** An application for this job still on its way from this device (the sheet shows it again). */
export function pendingKey(streamId: string, jobId: string): string | null {
  const entry = queue.find((p) => p.streamId === streamId && p.body.jobId === jobId && tracked[p.key])
  return entry?.key ?? null
}

/** Send everything still waiting now (page load, back online, tab shown again). */
export function flushOutbox() {
  for (const entry of queue) void send(entry)
}

/** Whether the user has seen how this one ended (the sheet showed it, or the toast was closed). */
export const markSeen = (key: string, seen = true) => setTracked(key, 'seen', seen)

let started = false
export function startOutbox() {
  if (started) return
  started = true
  flushOutbox()
  window.addEventListener('online', flushOutbox)
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && navigator.onLine !== false) flushOutbox()
  })
  // Another tab may have queued or sent something.
  window.addEventListener('storage', (e) => {
    if (e.key === STORE) queue = load<Pending[]>(STORE, []).filter(valid)
  })
}

export type Profile = { name: string; phone: string; age?: number; town?: string; village?: string }
/** What this device typed last time, to fill the form in again. */
export const loadProfile = () => load<Profile | null>(PROFILE, null)
export const saveProfile = (p: Profile) => save(PROFILE, p)
