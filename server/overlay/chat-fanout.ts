import { commentOf, type ChatMessage, type Comment, type PinnedAnswer, type TickerItem } from '../comments/messages.ts'
import { answeredFrame, commentsFrame, deletedFrame, jobsFrame, pinnedAnswerFrame, tickerFrame } from '../comments/frames.ts'
import type { Job } from '../store/types.ts'

/**
 * Batches the conversation per room: whatever arrives within one interval goes out as one write
 * to each viewer, so at 50 comments/s a viewer gets at most 5 batches a second and the frame
 * text is built once per room, not once per viewer. The interval is the room's: 200 ms, longer
 * for a big room (chatIntervalMs), where every batch is thousands of socket writes.
 */
export type ChatFanout = { push(m: ChatMessage): void; forget(streamId: string): void; close(): void }

type Pending = { comments: Map<string, Comment>; deleted: Set<string>; answered: Set<string>; pinned?: { p: PinnedAnswer | null }; ticker: TickerItem[]; jobs: Map<string, Job> }

const MAX_PER_BATCH = 200 // a flood beyond this per interval (past the rate limits): viewers see the newest

/** 200 ms; 500 ms for a room of more than 2 000 viewers on this process (bench chat: at 10 000
 * viewers five batches a second saturated two cores and delayed the comment POSTs themselves). */
export const chatIntervalMs = (viewersHere: number) => (viewersHere > 2000 ? 500 : 200)

export function createChatFanout(send: (streamId: string, text: string) => void, intervalOf: (streamId: string) => number = () => 200): ChatFanout {
  const pending = new Map<string, Pending>()
  const lastFlush = new Map<string, number>()
  const timers = new Map<string, NodeJS.Timeout>()

  function flush(streamId: string) {
    timers.delete(streamId)
    const p = pending.get(streamId)
    pending.delete(streamId)
    if (!p) return
    lastFlush.set(streamId, Date.now())
    for (const id of p.deleted) p.comments.delete(id) // deleted before anyone saw it: never sent
    for (const id of p.answered) {
      const c = p.comments.get(id)
      if (c) c.answered = true
    }
    const comments = [...p.comments.values()].slice(-MAX_PER_BATCH)
    const text = commentsFrame(comments) + deletedFrame([...p.deleted]) + answeredFrame([...p.answered]) + (p.pinned ? pinnedAnswerFrame(p.pinned.p) : '') + tickerFrame(p.ticker) + jobsFrame([...p.jobs.values()])
    if (text) send(streamId, text)
  }

  function push(m: ChatMessage) {
    let p = pending.get(m.s)
    if (!p) pending.set(m.s, (p = { comments: new Map(), deleted: new Set(), answered: new Set(), ticker: [], jobs: new Map() }))
    if (m.k === 'comment') p.comments.set(m.c.id, commentOf(m.c))
    else if (m.k === 'deleted') p.deleted.add(m.id)
    else if (m.k === 'answered') p.answered.add(m.id)
    else if (m.k === 'pinned') p.pinned = { p: m.p }
    else if (m.k === 'ticker') p.ticker.push(m.t)
    else if (m.k === 'job') p.jobs.set(m.j.id, m.j) // several edits within one interval: the last
    if (!timers.has(m.s)) {
      // The first message after a quiet spell goes out at once; then at most one write per interval.
      const wait = Math.max(0, (lastFlush.get(m.s) ?? 0) + intervalOf(m.s) - Date.now())
      const timer = setTimeout(() => flush(m.s), wait)
      timer.unref()
      timers.set(m.s, timer)
    }
  }

  function forget(streamId: string) {
    clearTimeout(timers.get(streamId))
    timers.delete(streamId)
    pending.delete(streamId)
    lastFlush.delete(streamId)
  }

  return {
    push,
    forget,
    close() {
      for (const id of [...timers.keys()]) forget(id)
    },
  }
}
