// Bench child (npm run bench chat): holds many SSE viewers on raw `net` sockets, like
// tests/bench/sse/clients.ts, and reads their `event: comments` frames. Each bench comment's
// text carries its sequence number and the monotonic time it was posted, spelled in letters
// (a-j for 0-9) so the platform's phone masking never touches it: `b#<seq>#<µs>#`. A viewer
// records comment → here latency (process.hrtime is CLOCK_MONOTONIC: it compares across
// processes on this machine) into a histogram, once per comment, and counts its batches.
import { connect, type Socket } from 'node:net'
import { openInBatches } from '../sse/open-in-batches.ts'

export type ChatClientCmd =
  | { type: 'open'; id: number; port: number; path: string; count: number; batch: number; batchTimeoutMs: number }
  | { type: 'start'; id: number }
  | { type: 'report'; id: number }
  | { type: 'close'; id: number }
  | { type: 'exit'; id: number }
export type ChatClientReply =
  | { type: 'opened'; id: number; open: number; failed: number; errors: Record<string, number>; ms: number }
  | { type: 'started'; id: number }
  | { type: 'report'; id: number; hist: number[]; received: number; viewers: number; maxBatchesPerSecond: number; batches: number; lastSeqMin: number; errors: Record<string, number>; cpuUs: number }
  | { type: 'closed'; id: number }

export const BUCKET_MS = 5 // histogram resolution
export const BUCKETS = 6000 // up to 30 s; the last bucket holds everything later

type Viewer = { sock: Socket; buf: string; ok: boolean; open: boolean; dead: boolean; lastSeq: number; seen: Uint8Array; batches: number; second: number; inSecond: number; maxInSecond: number }

const viewers: Viewer[] = []
const opening = new Set<Viewer>()
const errors: Record<string, number> = {}
let hist = new Uint32Array(BUCKETS)
let received = 0
let measuring = false
const nowUs = () => Number(process.hrtime.bigint() / 1000n)

const MARK = '"text":"b#'
function fromLetters(s: string, from: number): [number, number] {
  let n = 0
  let j = from
  for (; j < s.length; j++) {
    const c = s.charCodeAt(j) - 97 // 'a'
    if (c < 0 || c > 9) break
    n = n * 10 + c
  }
  return [n, j]
}

/** Marks seq seen in the viewer's bitmap (comments stored concurrently may arrive out of order). */
function seenBefore(v: Viewer, seq: number): boolean {
  if (seq >> 3 >= v.seen.length) {
    const grown = new Uint8Array(Math.max(v.seen.length * 2, (seq >> 3) + 1))
    grown.set(v.seen)
    v.seen = grown
  }
  const bit = 1 << (seq & 7)
  if (v.seen[seq >> 3]! & bit) return true
  v.seen[seq >> 3]! |= bit
  return false
}

const EVENT = 'event: comments'
const TAIL = 96 // longer than a marker with its numbers: a marker split across reads is read whole next time

/**
 * Scans one read for comment markers without splitting frames (the bitmap makes a marker seen
 * again in the kept tail harmless). Latin-1: the markers are ASCII, and it is the cheapest decode.
 */
function onData(v: Viewer, b: Buffer) {
  const at = nowUs()
  const kept = v.buf.length
  const s = v.buf + b.toString('latin1')
  if (!v.ok) {
    if (s.indexOf('\r\n\r\n') < 0) {
      v.buf = s
      return
    }
    if (!s.startsWith('HTTP/1.1 200')) return fail(v, `HTTP ${s.slice(9, 12)}`)
    v.ok = true
  }
  if (!v.open && s.includes('event: live')) {
    v.open = true
    opening.delete(v)
  }
  v.buf = s.length > TAIL ? s.slice(-TAIL) : s
  if (!measuring) return
  let frames = 0
  for (let i = s.indexOf(EVENT, Math.max(0, kept - EVENT.length + 1)); i >= 0; i = s.indexOf(EVENT, i + EVENT.length)) frames++
  if (frames > 0) {
    v.batches += frames
    const sec = Math.floor(at / 1e6)
    if (sec !== v.second) {
      v.second = sec
      v.inSecond = 0
    }
    v.inSecond += frames
    if (v.inSecond > v.maxInSecond) v.maxInSecond = v.inSecond
  }
  for (let i = s.indexOf(MARK); i >= 0; i = s.indexOf(MARK, i + MARK.length)) {
    const [seq, j] = fromLetters(s, i + MARK.length)
    if (s[j] !== '#') continue // cut off at the end of this read: read whole with the next
    const [sentUs, k] = fromLetters(s, j + 1)
    if (s[k] !== '#' || seenBefore(v, seq)) continue // a repeat counts once per viewer
    if (seq > v.lastSeq) v.lastSeq = seq
    received++
    hist[Math.min(BUCKETS - 1, Math.max(0, Math.floor((at - sentUs) / 1000 / BUCKET_MS)))]!++
  }
}

function fail(v: Viewer, why: string) {
  if (v.dead) return
  v.dead = true
  errors[why] = (errors[why] ?? 0) + 1
  opening.delete(v)
  v.sock.destroy()
}

function openOne(port: number, request: string) {
  const sock = connect({ host: '127.0.0.1', port })
  const v: Viewer = { sock, buf: '', ok: false, open: false, dead: false, lastSeq: 0, seen: new Uint8Array(64), batches: 0, second: 0, inSecond: 0, maxInSecond: 0 }
  sock.on('connect', () => sock.write(request))
  sock.on('data', (b: Buffer) => onData(v, b))
  sock.on('error', (e: NodeJS.ErrnoException) => fail(v, e.code ?? e.message))
  sock.on('close', () => fail(v, 'closed'))
  opening.add(v)
  viewers.push(v)
}

const open = (cmd: Extract<ChatClientCmd, { type: 'open' }>) => openInBatches(cmd, { openOne, opening, viewers, fail, errors })

function report(id: number): ChatClientReply {
  const live = viewers.filter((v) => !v.dead)
  return {
    type: 'report',
    id,
    hist: [...hist],
    received,
    viewers: live.length,
    maxBatchesPerSecond: live.reduce((m, v) => Math.max(m, v.maxInSecond), 0),
    batches: live.reduce((n, v) => n + v.batches, 0),
    lastSeqMin: live.reduce((m, v) => Math.min(m, v.lastSeq), Infinity),
    errors: { ...errors },
    cpuUs: cpuNow() - cpuAtStart,
  }
}
const cpuNow = () => {
  const u = process.cpuUsage()
  return u.user + u.system
}
let cpuAtStart = 0

process.on('disconnect', () => process.exit(0))
process.on('message', async (cmd: ChatClientCmd) => {
  if (cmd.type === 'exit') process.exit(0)
  let reply: ChatClientReply
  if (cmd.type === 'open') reply = { type: 'opened', id: cmd.id, ...(await open(cmd)) }
  else if (cmd.type === 'start') {
    hist = new Uint32Array(BUCKETS)
    received = 0
    for (const v of viewers) Object.assign(v, { batches: 0, maxInSecond: 0, inSecond: 0 })
    measuring = true
    cpuAtStart = cpuNow()
    reply = { type: 'started', id: cmd.id }
  } else if (cmd.type === 'report') reply = report(cmd.id)
  else {
    for (const v of viewers) {
      v.dead = true
      v.sock.destroy()
    }
    viewers.length = 0
    measuring = false
    reply = { type: 'closed', id: cmd.id }
  }
  process.send!(reply)
})
