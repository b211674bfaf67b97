import type { Redis } from 'ioredis'
import { keys } from '../store/keys.ts'
import { LUA_NAMES } from './fields.ts'
import { countCommentScript } from './comments.lua.ts'

/** The keys comment counting writes, all in the stream's slot (for a script that embeds COUNT_COMMENT_LUA). */
export const commentCountKeys = (streamId: string) => ({
  counters: keys.streamCounters(streamId),
  commenters: keys.streamCommenters(streamId),
  minutes: keys.streamMinutes(streamId),
  report: keys.streamReport(streamId),
})

/**
 * Counts a comment once it is stored (call it once per stored comment, never for a refused
 * one): comments, commenters and the per-minute comments of docs/counting.md.
 * `at`: when it was stored (ms). Resolves false once the stream's final report is written.
 */
export async function countComment(redis: Redis, streamId: string, viewerId: string, at: number): Promise<boolean> {
  return (await countCommentScript(redis, commentCountKeys(streamId), { viewerId, at, names: LUA_NAMES })) === 1
}
