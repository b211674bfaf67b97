import type { Comment, PinnedAnswer, TickerItem } from './messages.ts'
import type { Job } from '../store/types.ts'

// The SSE events of the live room's conversation, on the same connection as `event: live`.

const event = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`

export const commentsFrame = (items: Comment[]) => (items.length ? event('comments', { items }) : '')
export const deletedFrame = (ids: string[]) => (ids.length ? event('deleted', { ids }) : '')
export const answeredFrame = (ids: string[]) => (ids.length ? event('answered', { ids }) : '')
export const pinnedAnswerFrame = (pinnedAnswer: PinnedAnswer | null) => event('pinned-answer', { pinnedAnswer })
export const tickerFrame = (items: TickerItem[]) => (items.length ? event('ticker', { items }) : '')
/** Job records edited or closed since the viewer loaded the stream (GET /api/streams/:id has them too). */
export const jobsFrame = (items: Job[]) => (items.length ? event('jobs', { items }) : '')

/** What a new joiner gets after the overlay state: the last comments, the pinned answer, the ticker. */
export const joinFrames = (j: { comments: Comment[]; pinnedAnswer: PinnedAnswer | null; ticker: TickerItem[] }) =>
  commentsFrame(j.comments) + (j.pinnedAnswer ? pinnedAnswerFrame(j.pinnedAnswer) : '') + tickerFrame(j.ticker)
