import type { Redis } from 'ioredis'
import { joinFrames } from './frames.ts'
import { readPinnedAnswer } from './moderation.ts'
import { publicComment, recentComments } from './store.ts'
import { recentTicker } from './ticker.ts'

export const JOIN_COMMENTS = 50

/** The conversation so far, as SSE frames for a viewer who just connected. */
export async function joinFramesOf(redis: Redis, streamId: string) {
  const [page, pinnedAnswer, ticker] = await Promise.all([recentComments(redis, streamId, JOIN_COMMENTS), readPinnedAnswer(redis, streamId), recentTicker(redis, streamId)])
  return joinFrames({ comments: page.items.map(publicComment), pinnedAnswer, ticker })
}
