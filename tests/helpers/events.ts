import type { CountedEvent } from '../../server/counting/rows.ts'

type Beacon = Omit<CountedEvent, 't'>

/**
 * A known audience for one stream and what docs/counting.md's definitions say it must count to.
 * Viewer i has one session; even viewers watch 15 s (a view), odd ones 5 s (no view);
 * every third leaves; everyone sees job A's card (twice: a repeat pair) and half click it.
 */
export function audience(streamId: string, jobId: string, viewers: number, tag = 'a') {
  const events: Beacon[] = []
  let seq = 0
  const ev = (e: Omit<Beacon, 'id' | 'streamId'>) => events.push({ id: `${tag}-ev-${String(++seq).padStart(6, '0')}`, streamId, ...e })
  let views = 0
  let watchMs = 0
  let left = 0
  let clicks = 0
  for (let i = 0; i < viewers; i++) {
    const viewerId = `${tag}-viewer-${String(i).padStart(5, '0')}`
    const sessionId = `${tag}-session-${String(i).padStart(5, '0')}`
    const base = { viewerId, sessionId }
    ev({ ...base, type: 'join' })
    const long = i % 2 === 0
    ev({ ...base, type: 'beat', watchedMs: long ? 15_000 : 5_000 })
    watchMs += long ? 15_000 : 5_000
    if (long) views++
    ev({ ...base, type: 'impression', jobId })
    ev({ ...base, type: 'impression', jobId }) // same (session, job) pair again
    if (i % 2 === 1) {
      ev({ ...base, type: 'click', jobId })
      clicks++
    }
    if (i % 3 === 0) {
      ev({ ...base, type: 'leave', watchedMs: 0 })
      left++
    }
  }
  return {
    events,
    expected: { entries: viewers, uniqueViewers: viewers, views, watchSeconds: watchMs / 1000, impressions: viewers, clicks, concurrent: viewers - left },
  }
}

export const chunk = <T>(list: T[], size: number) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size))
