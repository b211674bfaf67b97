// Bench child: holds many SSE viewers on raw `net` sockets (lighter than node:http clients) and
// records, per viewer, the monotonic time at which it first saw a `"version":N` ≥ the armed
// target. process.hrtime is CLOCK_MONOTONIC, so times compare across processes on this machine.
import { connect, type Socket } from 'node:net'
import { openInBatches } from './open-in-batches.ts'

export type ClientCmd =
  | { type: 'open'; id: number; port: number; path: string; count: number; batch: number; batchTimeoutMs: number }
  | { type: 'arm'; id: number; target: number }
  | { type: 'collect'; id: number; timeoutMs: number }
  | { type: 'close'; id: number }
  | { type: 'exit'; id: number }
export type ClientReply =
  | { type: 'opened'; id: number; open: number; failed: number; errors: Record<string, number>; ms: number }
  | { type: 'armed'; id: number }
  | { type: 'collected'; id: number; seenAt: number[]; missing: number; lowestVersion: number }
  | { type: 'closed'; id: number }

type Viewer = { sock: Socket; version: number; seenAt: number; tail: string; ok: boolean; dead: boolean }

const viewers: Viewer[] = []
let target = Infinity
let waiting = 0 // viewers not yet at the target
let onAllSeen: (() => void) | null = null
const now = () => Number(process.hrtime.bigint()) // ns

const KEY = '"version":'

function onData(v: Viewer, buf: Buffer) {
  const s = v.tail + buf.toString('latin1')
  if (!v.ok) {
    if (!s.startsWith('HTTP/1.1 200')) {
      if (s.length >= 12) fail(v, `HTTP ${s.slice(9, 12)}`)
      else v.tail = s
      return
    }
    v.ok = true
  }
  // The highest version in this piece; frames are small single writes, the tail covers a split.
  let best = -1
  for (let i = s.indexOf(KEY); i >= 0; i = s.indexOf(KEY, i + KEY.length)) {
    let j = i + KEY.length
    let n = 0
    let digits = 0
    for (; j < s.length; j++) {
      const c = s.charCodeAt(j) - 48
      if (c < 0 || c > 9) break
      n = n * 10 + c
      digits++
    }
    if (digits && j < s.length && n > best) best = n
  }
  v.tail = s.length > 24 ? s.slice(-24) : s
  if (best > v.version) {
    const was = v.version
    v.version = best
    if (was < target && best >= target) {
      v.seenAt = now()
      if (--waiting === 0 && onAllSeen) onAllSeen()
    }
    if (was < 0) opening.delete(v) // first state received: this viewer is open
  }
}

const errors: Record<string, number> = {}
function fail(v: Viewer, why: string) {
  if (v.dead) return
  v.dead = true
  errors[why] = (errors[why] ?? 0) + 1
  opening.delete(v)
  if (v.version < target && target !== Infinity && --waiting === 0 && onAllSeen) onAllSeen()
  v.sock.destroy()
}

const opening = new Set<Viewer>()

function openOne(port: number, request: string) {
  const sock = connect({ host: '127.0.0.1', port })
  const v: Viewer = { sock, version: -1, seenAt: 0, tail: '', ok: false, dead: false }
  sock.on('connect', () => sock.write(request))
  sock.on('data', (b) => onData(v, b))
  sock.on('error', (e: NodeJS.ErrnoException) => fail(v, e.code ?? e.message))
  sock.on('close', () => fail(v, 'closed'))
  opening.add(v)
  viewers.push(v)
}

const open = (cmd: Extract<ClientCmd, { type: 'open' }>) => openInBatches(cmd, { openOne, opening, viewers, fail, errors })

function arm(t: number) {
  target = t
  waiting = 0
  for (const v of viewers) if (!v.dead && v.version < t) waiting++
}

function collect(timeoutMs: number): Promise<Extract<ClientReply, { type: 'collected' }>> {
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer)
      onAllSeen = null
      const live = viewers.filter((v) => !v.dead)
      const seenAt = live.filter((v) => v.version >= target).map((v) => v.seenAt)
      const lowestVersion = live.reduce((m, v) => Math.min(m, v.version), Infinity)
      resolve({ type: 'collected', id: 0, seenAt, missing: viewers.length - seenAt.length, lowestVersion })
    }
    const timer = setTimeout(finish, timeoutMs)
    if (waiting === 0) finish()
    else onAllSeen = finish
  })
}

process.on('disconnect', () => process.exit(0))
process.on('message', async (cmd: ClientCmd) => {
  if (cmd.type === 'exit') process.exit(0)
  let reply: ClientReply
  if (cmd.type === 'open') reply = { type: 'opened', id: cmd.id, ...(await open(cmd)) }
  else if (cmd.type === 'arm') {
    arm(cmd.target)
    reply = { type: 'armed', id: cmd.id }
  } else if (cmd.type === 'collect') reply = { ...(await collect(cmd.timeoutMs)), id: cmd.id }
  else {
    for (const v of viewers) {
      v.dead = true
      v.sock.destroy()
    }
    viewers.length = 0
    reply = { type: 'closed', id: cmd.id }
  }
  process.send!(reply)
})
