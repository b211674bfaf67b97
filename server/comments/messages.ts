import type { Redis } from 'ioredis'
import { keys } from '../store/keys.ts'
import type { Job } from '../store/types.ts'

/** What every viewer sees of a comment (never the viewer's id: that is for the room's staff). */
export type Comment = { id: string; text: string; name: string; at: string; answered: boolean }
/** 置顶回答: the host's answer to one question, shown to the whole room. */
export type PinnedAnswer = { commentId: string; question: string; name: string; answer: string; at: string }
/** 「张**刚刚报名了缝纫工」: a masked name and a job title, never a phone. */
export type TickerItem = { id: string; name: string; jobTitle: string; at: string }

/**
 * One message on keys.chatChannel(), from any API process to every one: the hub batches them
 * per room (server/overlay/chat-fanout.ts). A comment's `at` is epoch ms (the Lua script writes it).
 */
export type ChatMessage =
  | { s: string; k: 'comment'; c: { id: string; text: string; name: string; at: number } }
  | { s: string; k: 'deleted'; id: string }
  | { s: string; k: 'answered'; id: string }
  | { s: string; k: 'pinned'; p: PinnedAnswer | null }
  | { s: string; k: 'ticker'; t: TickerItem }
  /** A job card on the stream was edited or closed: viewers already in the room redraw it. */
  | { s: string; k: 'job'; j: Job }

export const publishChat = (redis: Redis, message: ChatMessage) => redis.publish(keys.chatChannel(), JSON.stringify(message))

export function parseChat(raw: string): ChatMessage | null {
  try {
    const m = JSON.parse(raw) as ChatMessage
    return typeof m?.s === 'string' && typeof m.k === 'string' ? m : null
  } catch {
    return null
  }
}

export const commentOf = (c: { id: string; text: string; name: string; at: number }, answered = false): Comment => ({
  id: c.id,
  text: c.text,
  name: c.name,
  at: new Date(c.at).toISOString(),
  answered,
})
