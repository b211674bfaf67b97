// A deterministic audience for the events bench: many viewers and sessions over a few streams,
// a realistic beacon mix, pre-serialized into POST /api/events bodies of `perRequest` events,
// and what docs/counting.md's definitions say the counters must reach.

export type StreamSpec = { id: string; jobIds: string[] }

/** Exactly the fields count-events.lua writes into keys.streamCounters(id). */
export type Expected = Record<string, number>

export type Workload = {
  bodies: string[]
  counts: number[] // events in each body
  sent: number // events in the bodies, re-sent duplicates included
  unique: number // distinct event ids
  expected: Map<string, Expected>
  concurrent: Map<string, number> // sessions with a join or beat and no leave
  sessions: number
  viewers: number
  mix: Record<string, number>
  viewersPerRequest: number
}

/** mulberry32: small, fast, seedable. */
function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Ev = { id: string; type: string; streamId: string; viewerId: string; sessionId: string; jobId?: string; watchedMs?: number; at?: number }

const CAP_MS = 20_000 // the API caps one beat's watchedMs
// With sentAt = BACKDATE_MS, an event with `at: 0` happened BACKDATE_MS before it was sent.
const BACKDATE_MS = 10 * 60_000

/**
 * Sessions are generated one after another (viewer = session % viewers, so viewers come back),
 * each: a join (2% lost), 0–30 beats of ~15 s (some short, some over the cap), card impressions
 * (some shown twice), clicks on some, a leave for 60%. `active` sessions are open at once and
 * their beacons interleave, so one request carries events of many viewers; 1% of events are
 * re-sent a few requests later (sendBeacon retries: same id).
 * byViewer: each request holds one viewer's beacons (what a browser sends); otherwise one
 * request holds the next `perRequest` beacons of whoever sent them (~`perRequest` viewers).
 */
export function workload(o: { tag: string; streams: StreamSpec[]; viewers: number; events: number; perRequest?: number; active?: number; dupRate?: number; seed?: number; byViewer?: boolean }): Workload {
  const perRequest = o.perRequest ?? 50
  const active = o.active ?? 2000
  const dupRate = o.dupRate ?? 0.01
  const rand = rng(o.seed ?? 1)
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!
  let seq = 0
  const mix: Record<string, number> = {}

  const per = new Map(o.streams.map((s) => [s.id, { joined: new Set<string>(), viewers: new Set<string>(), watch: new Map<string, number>(), pairs: new Set<string>(), live: new Set<string>(), left: new Set<string>(), c: { entries: 0, uniqueViewers: 0, views: 0, watchMs: 0, impressions: 0, clicks: 0 } as Expected }]))
  for (const s of o.streams) for (const j of s.jobIds) Object.assign(per.get(s.id)!.c, { [`impressions:${j}`]: 0, [`clicks:${j}`]: 0 })

  // The expected counters follow docs/counting.md's definitions, applied to each distinct event once.
  function account(e: Ev) {
    const p = per.get(e.streamId)!
    mix[e.type] = (mix[e.type] ?? 0) + 1
    if (e.type === 'join') {
      if (!p.joined.has(e.sessionId)) (p.joined.add(e.sessionId), p.c.entries!++)
      if (!p.viewers.has(e.viewerId)) (p.viewers.add(e.viewerId), p.c.uniqueViewers!++)
      p.live.add(e.sessionId)
    } else if (e.type === 'beat' || e.type === 'leave') {
      const w = Math.min(e.watchedMs ?? 0, CAP_MS)
      if (w > 0) {
        p.c.watchMs! += w
        const before = p.watch.get(e.sessionId) ?? 0
        p.watch.set(e.sessionId, before + w)
        if (before < 10_000 && before + w >= 10_000) p.c.views!++
      }
      if (e.type === 'leave') p.left.add(e.sessionId)
      else p.live.add(e.sessionId)
    } else {
      const metric = e.type === 'impression' ? 'impressions' : 'clicks'
      const pair = `${metric}|${e.sessionId}|${e.jobId}`
      if (!p.pairs.has(pair)) {
        p.pairs.add(pair)
        p.c[metric]!++
        p.c[`${metric}:${e.jobId}`]!++
      }
    }
  }

  let nextSession = 0
  function session(): Ev[] {
    const k = nextSession++
    const v = k % o.viewers
    const stream = rand() < 0.15 ? pick(o.streams) : o.streams[v % o.streams.length]!
    const base = { streamId: stream.id, viewerId: `${o.tag}-v${v.toString(36).padStart(6, '0')}`, sessionId: `${o.tag}-s${k.toString(36).padStart(6, '0')}` }
    const ev = (e: Omit<Ev, 'id' | 'streamId' | 'viewerId' | 'sessionId'>): Ev => ({ id: `${o.tag}-e${(seq++).toString(36).padStart(7, '0')}`, ...base, ...e })
    const out: Ev[] = []
    if (rand() < 0.98) out.push(ev({ type: 'join' }))
    const beats = Math.floor(rand() * 31)
    const shown = stream.jobIds.filter(() => rand() < 0.7)
    const cards: Ev[] = []
    for (const jobId of shown) {
      cards.push(ev({ type: 'impression', jobId }))
      if (rand() < 0.3) cards.push(ev({ type: 'impression', jobId })) // the card shown again
      if (rand() < 0.25) {
        cards.push(ev({ type: 'click', jobId }))
        if (rand() < 0.05) cards.push(ev({ type: 'click', jobId }))
      }
    }
    for (let b = 0; b < beats; b++) {
      const r = rand()
      const watchedMs = r < 0.1 ? 1000 + Math.floor(rand() * 14_000) : r < 0.13 ? 25_000 : 15_000
      out.push(ev({ type: 'beat', watchedMs }))
      if (cards.length && rand() < 0.4) out.push(cards.shift()!)
    }
    out.push(...cards)
    if (rand() < 0.6) out.push(ev({ type: 'leave', watchedMs: Math.floor(rand() * 15_000) }))
    // The bench replays minutes of watching in seconds. A session's watch time may not outrun
    // the wall clock since it began (docs/counting.md), so a watching session's events say they
    // happened BACKDATE_MS ago (the furthest the server believes; it covers any session here:
    // ≤ 30 beats × 20 s + a leave) — all but its last beat, which keeps it online now. Parallel
    // senders deliver bodies out of order; whichever of a session's events arrive first, they
    // never claim more than the clock allows. Sessions that watch nothing stay dated now.
    if (out.some((e) => (e.watchedMs ?? 0) > 0)) {
      const lastBeat = out.findLastIndex((e) => e.type === 'beat')
      out.forEach((e, i) => i !== lastBeat && (e.at = 0))
    }
    return out
  }

  // Interleave the open sessions' beacons, as the API would see them arrive.
  const bodies: string[] = []
  const counts: number[] = []
  // A device posts its own beacons: one batch per viewer, posted when it holds `perRequest`.
  // (byViewer false: one shared batch, so a request carries ~`perRequest` different viewers.)
  const batches = new Map<string, Ev[]>()
  let sent = 0
  let unique = 0
  const resend: { at: number; e: Ev }[] = []
  const emit = (e: Ev) => {
    const key = o.byViewer ? e.viewerId : ''
    let batch = batches.get(key)
    if (!batch) batches.set(key, (batch = []))
    batch.push(e)
    sent++
    if (batch.length === perRequest) {
      bodies.push(JSON.stringify({ events: batch, sentAt: BACKDATE_MS }))
      counts.push(batch.length)
      batches.delete(key)
    }
  }
  const open: { evs: Ev[]; i: number }[] = []
  while (unique < o.events) {
    while (open.length < active) open.push({ evs: session(), i: 0 })
    const slot = Math.floor(rand() * open.length)
    const s = open[slot]!
    const e = s.evs[s.i++]!
    if (s.i === s.evs.length) open[slot] = open[open.length - 1]!, open.pop()
    account(e)
    unique++
    emit(e)
    if (rand() < dupRate) resend.push({ at: sent + perRequest * (2 + Math.floor(rand() * 20)), e })
    while (resend.length && resend[0]!.at <= sent) emit(resend.shift()!.e)
  }
  for (const r of resend) emit(r.e)
  // What the devices still hold at the end is packed into full requests (a few viewers each).
  const tail = [...batches.values()].flat()
  for (let i = 0; i < tail.length; i += perRequest) {
    const batch = tail.slice(i, i + perRequest)
    bodies.push(JSON.stringify({ events: batch, sentAt: BACKDATE_MS }))
    counts.push(batch.length)
  }

  const expected = new Map<string, Expected>()
  const concurrent = new Map<string, number>()
  let sessions = 0
  const viewers = new Set<string>()
  for (const [id, p] of per) {
    expected.set(id, p.c)
    concurrent.set(id, [...p.live].filter((s) => !p.left.has(s)).length)
    sessions += new Set([...p.joined, ...p.watch.keys(), ...p.live, ...p.left]).size
    for (const v of p.viewers) viewers.add(v)
  }
  let distinct = 0
  for (const b of bodies) distinct += new Set((JSON.parse(b).events as Ev[]).map((e) => e.viewerId)).size
  return { bodies, counts, sent, unique, expected, concurrent, sessions, viewers: viewers.size, mix, viewersPerRequest: distinct / bodies.length }
}
