import type { Redis } from 'ioredis'
import { keys } from '../store/keys.ts'
import type { UserRecord } from '../store/types.ts'
import { publishChat, type PinnedAnswer } from './messages.ts'

// The host's and 场控's tools: room rules, mutes, the pinned answer, and the log of who did what.

export type ChatSettings = { slowModeSeconds: number; minWatchSeconds: number }

export async function readChatSettings(redis: Redis, streamId: string): Promise<ChatSettings> {
  const [slow, min] = await redis.hmget(keys.chatSettings(streamId), 'slowModeSeconds', 'minWatchSeconds')
  return { slowModeSeconds: Number(slow ?? 0), minWatchSeconds: Number(min ?? 0) }
}

export async function writeChatSettings(redis: Redis, streamId: string, patch: Partial<ChatSettings>) {
  const fields = Object.entries(patch).filter(([, v]) => v !== undefined)
  if (fields.length) await redis.hset(keys.chatSettings(streamId), Object.fromEntries(fields))
  return readChatSettings(redis, streamId)
}

export const mute = (redis: Redis, streamId: string, viewerId: string) => redis.sadd(keys.chatMutes(streamId), viewerId)
/** Lets the viewer comment again at once; true when they were muted. */
export const unmute = async (redis: Redis, streamId: string, viewerId: string) => (await redis.srem(keys.chatMutes(streamId), viewerId)) === 1

export async function readPinnedAnswer(redis: Redis, streamId: string): Promise<PinnedAnswer | null> {
  const raw = await redis.get(keys.pinnedAnswer(streamId))
  return raw ? (JSON.parse(raw) as PinnedAnswer) : null
}

export async function setPinnedAnswer(redis: Redis, streamId: string, pinned: PinnedAnswer | null) {
  if (pinned) await redis.set(keys.pinnedAnswer(streamId), JSON.stringify(pinned))
  else await redis.del(keys.pinnedAnswer(streamId))
  await publishChat(redis, { s: streamId, k: 'pinned', p: pinned })
}

export type ModerationEntry = {
  at: string
  by: { id: string; name: string; role: string }
  action: 'delete' | 'mute' | 'unmute' | 'answered' | 'pin-answer' | 'unpin-answer' | 'settings'
  commentId?: string
  viewerId?: string
  text?: string // the comment's text as it was, for a deleted one
  name?: string // the name the viewer wrote under, for a mute by one of their comments (the console's muted list)
  settings?: ChatSettings
}

const KEEP_LOG = 2000

export async function logModeration(redis: Redis, streamId: string, by: UserRecord, entry: Omit<ModerationEntry, 'at' | 'by'>, now = new Date()) {
  const full: ModerationEntry = { at: now.toISOString(), by: { id: by.id, name: by.name, role: by.role }, ...entry }
  await redis.multi().lpush(keys.moderationLog(streamId), JSON.stringify(full)).ltrim(keys.moderationLog(streamId), 0, KEEP_LOG - 1).exec()
}

export async function readModerationLog(redis: Redis, streamId: string, limit: number): Promise<ModerationEntry[]> {
  return (await redis.lrange(keys.moderationLog(streamId), 0, limit - 1)).map((s) => JSON.parse(s) as ModerationEntry)
}
