import type { Redis } from 'ioredis'
import { commentId, entryOfComment, keys, streamOfComment } from '../store/keys.ts'
import { addCommentScript } from './add-comment.lua.ts'
import { commentOf, publishChat, type Comment } from './messages.ts'

export const KEEP_COMMENTS = 1000 // per stream (XADD MAXLEN ~): a live room's recent talk, not an archive
const KEEP_DELETIONS = 200

export type Exempt = 'none' | 'established' | 'all'
export type AddOutcome =
  | { outcome: 'ok'; comment: Comment }
  | { outcome: 'muted' }
  | { outcome: 'new'; watchedMs: number }
  | { outcome: 'slow'; retryMs: number }

/** The script's keys: all in the stream's slot. */
export const commentKeys = (streamId: string) => ({ comments: keys.comments(streamId), mutes: keys.chatMutes(streamId), settings: keys.chatSettings(streamId), last: keys.chatLast(streamId), watch: keys.viewerWatch(streamId) })

export async function addComment(redis: Redis, streamId: string, c: { viewerId: string; text: string; name: string; exempt: Exempt }, now = Date.now()): Promise<AddOutcome> {
  const r = (await addCommentScript(
    redis,
    commentKeys(streamId),
    { viewerId: c.viewerId, text: c.text, name: c.name, now, exempt: c.exempt, maxLen: KEEP_COMMENTS, channel: keys.chatChannel(), streamId, idPrefix: `${streamId}.` },
  )) as string[]
  switch (r[0]) {
    case 'ok':
      return { outcome: 'ok', comment: commentOf({ id: commentId(streamId, r[1]!), text: c.text, name: c.name, at: Number(r[2]) }) }
    case 'muted':
      return { outcome: 'muted' }
    case 'new':
      return { outcome: 'new', watchedMs: Number(r[1]) }
    default:
      return { outcome: 'slow', retryMs: Number(r[1]) }
  }
}

/** A comment as the store holds it: the public fields and, for the room's staff, its viewer. */
export type StoredComment = Comment & { viewerId: string }
type Entry = [id: string, fields: string[]]

async function withAnswered(redis: Redis, streamId: string, entries: Entry[]): Promise<StoredComment[]> {
  if (entries.length === 0) return []
  const answered = (await redis.smismember(keys.commentsAnswered(streamId), ...entries.map(([id]) => id))) as number[]
  return entries.map(([id, f], i) => {
    const m = new Map<string, string>()
    for (let j = 0; j + 1 < f.length; j += 2) m.set(f[j]!, f[j + 1]!)
    const base = commentOf({ id: commentId(streamId, id), text: m.get('t') ?? '', name: m.get('n') ?? '', at: Number(m.get('a') ?? id.split('-')[0]) }, answered[i] === 1)
    return { ...base, viewerId: m.get('v') ?? '' }
  })
}

/** The newest `limit` (older than `before`, when given), oldest first; `next`: the cursor for older ones. */
export async function recentComments(redis: Redis, streamId: string, limit: number, before?: string) {
  // Nothing is older than entry 0-0, and Redis refuses "(0-0" as a range end.
  if (before && /^0+-0+$/.test(entryOfComment(before))) return { items: [], next: null }
  const end = before ? `(${entryOfComment(before)}` : '+'
  const entries = ((await redis.xrevrange(keys.comments(streamId), end, '-', 'COUNT', limit + 1)) as Entry[]).reverse()
  const more = entries.length > limit
  const items = await withAnswered(redis, streamId, more ? entries.slice(1) : entries)
  return { items, next: more && items[0] ? items[0].id : null }
}

/** Comments after `since` (polling), at most `limit`, oldest first. */
export async function commentsSince(redis: Redis, streamId: string, since: string, limit: number) {
  const entries = (await redis.xrange(keys.comments(streamId), `(${entryOfComment(since)}`, '+', 'COUNT', limit)) as Entry[]
  return withAnswered(redis, streamId, entries)
}

export async function getComment(redis: Redis, id: string): Promise<StoredComment | null> {
  const streamId = streamOfComment(id)
  const entry = entryOfComment(id)
  const entries = (await redis.xrange(keys.comments(streamId), entry, entry)) as Entry[]
  return (await withAnswered(redis, streamId, entries))[0] ?? null
}

/** Gone from the stream itself (XDEL), remembered for pollers, announced to every viewer. */
export async function deleteComment(redis: Redis, id: string) {
  const streamId = streamOfComment(id)
  await redis
    .multi()
    .xdel(keys.comments(streamId), entryOfComment(id))
    .srem(keys.commentsAnswered(streamId), entryOfComment(id))
    .lpush(keys.commentsDeleted(streamId), id)
    .ltrim(keys.commentsDeleted(streamId), 0, KEEP_DELETIONS - 1)
    .exec()
  await publishChat(redis, { s: streamId, k: 'deleted', id })
}

export async function recentDeletions(redis: Redis, streamId: string) {
  return redis.lrange(keys.commentsDeleted(streamId), 0, 49)
}

export async function markAnswered(redis: Redis, id: string) {
  const streamId = streamOfComment(id)
  await redis.sadd(keys.commentsAnswered(streamId), entryOfComment(id))
  await publishChat(redis, { s: streamId, k: 'answered', id })
}

/** The fields every viewer may see. */
export const publicComment = ({ viewerId: _, ...c }: StoredComment): Comment => c
