import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inHours, startTestApp, validJob, type TestApp } from '../helpers/app.ts'
import { chunk } from '../helpers/events.ts'
import { keys } from '../../server/store/keys.ts'
import { acceptedOf, batchOf, ROW, type CountedEvent } from '../../server/counting/rows.ts'
import { countEvents } from '../../server/counting/fold.ts'
import { sampleLive } from '../../server/counting/sample.ts'

// Scripts against the counting (docs/counting.md): the numbers a bureau reports must stay
// bounded whatever one address sends, and honest viewers must still count exactly.

const BUDGET = 60
let t: TestApp
let owner: Awaited<ReturnType<TestApp['recruiter']>>
let jobId: string

beforeAll(async () => {
  // The default new-session budget, as in production (the shared test helper lifts it).
  t = await startTestApp({ AUDIENCE_NEW_SESSIONS_PER_IP: String(BUDGET), EVENTS_RATE_LIMIT_IP: '100000' })
  owner = await t.recruiter()
  jobId = (await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob() })).json.job.id
})
afterAll(() => t.stop())

async function liveStream() {
  const id = (await t.call('POST', '/api/streams', { cookie: owner.cookie, body: { title: '直播', scheduledAt: inHours(1), jobIds: [jobId] } })).json.stream.id
  await t.call('POST', `/api/streams/${id}/start`, { cookie: owner.cookie })
  return id as string
}
const stats = async (id: string) => (await t.call('GET', `/api/streams/${id}/stats`, { cookie: owner.cookie })).json
const pad = (n: number) => String(n).padStart(6, '0')

/** Everything queued by the API, folded now by the real processor (the queue is drained by hand). */
async function drain() {
  const jobs = await t.redis.keys(`${keys.queuePrefix()}:{events}:*`)
  expect(jobs.length).toBeGreaterThan(0)
  const { Queue } = await import('bullmq')
  const queue = new Queue('{events}', { connection: t.redis, prefix: keys.queuePrefix() })
  for (const job of await queue.getJobs(['waiting', 'delayed', 'prioritized'])) {
    await countEvents(t.redis, job.data, () => {})
    await job.remove()
  }
  await queue.close()
}

describe('one address forging an audience', () => {
  it('starts at most the budget of new sessions per minute; the rest are refused as suspect', async () => {
    const id = await liveStream()
    const events: unknown[] = []
    for (let i = 0; i < 2000; i++) {
      const who = { streamId: id, viewerId: `forged-viewer-${pad(i)}`, sessionId: `forged-session-${pad(i)}` }
      events.push({ ...who, id: `forged-join-${pad(i)}`, type: 'join' }, { ...who, id: `forged-beat-${pad(i)}`, type: 'beat', watchedMs: 20_000 })
    }
    const firstMinute = Math.floor(Date.now() / 60_000)
    for (const part of chunk(events, 100)) expect((await t.call('POST', '/api/events', { body: { events: part } })).status).toBe(202)
    const minutes = Math.floor(Date.now() / 60_000) - firstMinute + 1 // the budget is per minute
    await drain()
    await sampleLive(t.redis)
    const s = await stats(id)
    const admitted = s.entries
    expect(admitted).toBeGreaterThanOrEqual(BUDGET)
    expect(admitted).toBeLessThanOrEqual(minutes * BUDGET)
    if (minutes === 1) expect(admitted).toBe(BUDGET)
    expect(s.uniqueViewers).toBe(admitted)
    expect(s.concurrent).toBe(admitted)
    expect(s.peakConcurrent).toBe(admitted)
    expect(s.watchSeconds).toBeLessThanOrEqual(admitted * 20)
    expect(s.suspectEvents).toBe(2 * (2000 - admitted))
  })

  it('counts a village behind one shared address exactly while it stays within the budget, and other addresses untouched', async () => {
    const id = await liveStream()
    const now = Date.now()
    const village = (who: string, n: number, tag: string): CountedEvent[] =>
      Array.from({ length: n }, (_, i) => {
        const base = { streamId: id, viewerId: `${tag}-viewer-${pad(i)}`, sessionId: `${tag}-session-${pad(i)}`, t: now, who }
        return [
          { ...base, id: `${tag}-join-${pad(i)}`, type: 'join' as const, seenAt: now - 15_000 },
          { ...base, id: `${tag}-beat-${pad(i)}`, type: 'beat' as const, watchedMs: 15_000 },
          { ...base, id: `${tag}-imp-${pad(i)}`, type: 'impression' as const, jobId },
        ]
      }).flat()
    await countEvents(t.redis, batchOf(acceptedOf([...village('hall', BUDGET, 'hall'), ...village('cgnat', 45, 'cgnat')], BUDGET)))
    const s = await stats(id)
    expect(s).toMatchObject({ entries: BUDGET + 45, uniqueViewers: BUDGET + 45, views: BUDGET + 45, watchSeconds: 15 * (BUDGET + 45), impressions: BUDGET + 45, suspectEvents: 0 })
  })

  it('admits a refused session later, once its address is under the budget again (a busy hall is counted late, not never)', async () => {
    const id = await liveStream()
    const t0 = Math.floor(Date.now() / 60_000) * 60_000
    const wave = (from: number, n: number, at: number, kind: 'join' | 'beat'): CountedEvent[] =>
      Array.from({ length: n }, (_, k) => {
        const i = from + k
        return { streamId: id, viewerId: `late-viewer-${pad(i)}`, sessionId: `late-session-${pad(i)}`, t: at, seenAt: at, who: 'hall', id: `late-${kind}-${pad(i)}-${at}`, type: kind, ...(kind === 'beat' ? { watchedMs: 15_000 } : {}) }
      })
    await countEvents(t.redis, batchOf(acceptedOf(wave(0, BUDGET + 20, t0, 'join'), BUDGET)))
    expect((await stats(id)).entries).toBe(BUDGET)
    // A minute later the 20 refused sessions beat (no new join): they are admitted and watch.
    await countEvents(t.redis, batchOf(acceptedOf(wave(BUDGET, 20, t0 + 60_000, 'beat'), BUDGET)))
    const s = await stats(id)
    expect(s.entries).toBe(BUDGET) // their joins were refused: an entry is a join that counted
    expect(s.views).toBe(20)
    expect(await t.redis.hlen(keys.streamAdmitted(id))).toBe(BUDGET + 20)
  })
})

describe('watch time', () => {
  it('never exceeds the wall clock since the session began (plus one beat)', async () => {
    const id = await liveStream()
    const base = { streamId: id, viewerId: 'clock-viewer-1', sessionId: 'clock-session-1' }
    const events = [{ ...base, id: 'clock-join-0001', type: 'join' }, ...Array.from({ length: 99 }, (_, i) => ({ ...base, id: `clock-beat-${pad(i)}`, type: 'beat', watchedMs: 20_000 }))]
    expect((await t.call('POST', '/api/events', { body: { events } })).status).toBe(202)
    await drain()
    const s = await stats(id)
    expect(s.watchSeconds).toBeGreaterThanOrEqual(19)
    expect(s.watchSeconds).toBeLessThanOrEqual(25) // 99 × 20 s claimed within a second: 1 980 s before the bound
    expect(s.suspectEvents).toBe(1)
    expect(s.views).toBe(1)
  })
})

describe('watch time, out of order', () => {
  it('an earlier event arriving after later ones (a retried batch) moves the session’s start back', async () => {
    const id = await liveStream()
    const t0 = Date.now()
    const base = { streamId: id, viewerId: 'late-join-viewer', sessionId: 'late-join-session', who: 'phone' }
    // The beat arrives first and admits the session as beginning now …
    await countEvents(t.redis, batchOf(acceptedOf([{ ...base, id: 'late-join-beat-1', type: 'beat', watchedMs: 15_000, t: t0, seenAt: t0 }], BUDGET)))
    // … then the retried batch with the join from two minutes ago, and the next beat.
    await countEvents(
      t.redis,
      batchOf(acceptedOf([
        { ...base, id: 'late-join-join-0', type: 'join', t: t0 + 1000, seenAt: t0 - 120_000 },
        { ...base, id: 'late-join-beat-2', type: 'beat', watchedMs: 15_000, t: t0 + 1000, seenAt: t0 + 1000 },
      ], BUDGET)),
    )
    const s = await stats(id)
    expect(s.watchSeconds).toBe(30) // before: 21 (the start stayed at the first beat)
    expect(s.suspectEvents).toBe(0)
  })
})

describe('job cards', () => {
  it('only the stream’s own jobs become counter fields; the overlay reads a bounded set', async () => {
    const id = await liveStream()
    const before = await t.call('GET', `/api/streams/${id}/live`)
    const fieldsBefore = await t.redis.hlen(keys.streamCounters(id))
    const base = { streamId: id, viewerId: 'cards-viewer-1', sessionId: 'cards-session-1' }
    const events = [{ ...base, id: 'cards-join-0001', type: 'join' }, ...Array.from({ length: 99 }, (_, i) => ({ ...base, id: `cards-imp-${pad(i)}`, type: 'impression', jobId: `made-up-job-${pad(i)}` }))]
    expect((await t.call('POST', '/api/events', { body: { events } })).status).toBe(202)
    expect((await t.call('POST', '/api/events', { body: { events: [{ ...base, id: 'cards-imp-real', type: 'impression', jobId }] } })).status).toBe(202)
    await drain()
    const counters = await t.redis.hgetall(keys.streamCounters(id))
    expect(Object.keys(counters).filter((f) => f.includes('made-up'))).toEqual([])
    expect(Object.keys(counters).length).toBeLessThanOrEqual(fieldsBefore + 6) // entries, uniqueViewers, impressions, impressions:<job>, suspect, chEntries:direct
    expect(counters[`impressions:${jobId}`]).toBe('1')
    const s = await stats(id)
    expect(s.suspectEvents).toBe(99)
    expect(s.jobs.map((j: { jobId: string }) => j.jobId)).toEqual([jobId])
    const after = await t.call('GET', `/api/streams/${id}/live`)
    expect(after.text.length).toBe(before.text.length)
  })

  it('the overlay and stats ignore counter fields the stream does not own (data written before this bound)', async () => {
    const id = await liveStream()
    const junk: string[] = []
    for (let i = 0; i < 5000; i++) junk.push(`impressions:junk-${i}`, '1')
    await t.redis.hset(keys.streamCounters(id), ...junk)
    const live = (await t.call('GET', `/api/streams/${id}/live`)).json
    expect(live.jobs).toEqual([{ jobId, applications: 0, headcountLeft: 10 }])
    const s = await stats(id)
    expect(s.jobs).toHaveLength(1)
    expect(s.impressions).toBe(0)
  })
})

describe('one unreadable event', () => {
  it('costs no other event its count: the fold splits the batch and drops that row alone', async () => {
    const id = await liveStream()
    const now = Date.now()
    const honest: CountedEvent[] = Array.from({ length: 50 }, (_, i) => ({ id: `honest-join-${pad(i)}`, type: 'join', streamId: id, viewerId: `honest-viewer-${pad(i)}`, sessionId: `honest-session-${pad(i)}`, t: now }))
    const batch = batchOf(acceptedOf(honest))
    // A row the API can no longer produce (lone surrogate: Lua's cjson cannot decode it),
    // spliced into the middle of the batch as an older API would have queued it.
    const rows = JSON.parse(batch.streams[id]!.rows) as unknown[]
    rows.splice(25 * ROW, 0, 'poison-0001', 'impression', 'poison-viewer', 'poison-session', 'job-\ud800', 0, now, '', '')
    batch.streams[id]!.rows = JSON.stringify(rows)
    const logs: string[] = []
    const { counted } = await countEvents(t.redis, batch, (m) => logs.push(m))
    expect(counted).toBe(50)
    const s = await stats(id)
    expect(s.entries).toBe(50)
    expect(s.suspectEvents).toBe(1)
    expect(logs.join('\n')).toMatch(/dropped 1 unreadable/)
    // Re-running the job (a BullMQ retry) counts nothing twice.
    await countEvents(t.redis, batch, () => {})
    expect((await stats(id)).entries).toBe(50)
  })
})
