import { api, call, type InferOk } from '../api.ts'

// The live room's conversation (issue 13): comments, moderation, the pinned answer, settings.

type List = InferOk<(typeof api.streams)[':id']['comments']['$get']>
/** The host's and 场控's view also carry `viewerId` (never shown; muting goes by comment id). */
export type Comment = List['items'][number]
export type PinnedAnswer = NonNullable<List['pinnedAnswer']>
export type ChatSettings = List['settings']
export type TickerItem = List['ticker'][number]

export const postComment = (id: string, json: { text: string; viewerId: string; name?: string }) => call(api.streams[':id'].comments.$post({ param: { id }, json }))
/** The newest `limit`, oldest first; `since` (the last answer's `cursor`) for the polling path. */
export const listComments = (id: string, q: { limit?: number; since?: string } = {}) =>
  call(api.streams[':id'].comments.$get({ param: { id }, query: { ...(q.limit ? { limit: String(q.limit) } : {}), ...(q.since ? { since: q.since } : {}) } }))
export const deleteComment = (id: string) => call(api.comments[':id'].$delete({ param: { id } }))
export const markAnswered = (id: string) => call(api.comments[':id'].answered.$post({ param: { id } }))
/** Pin `answer` (to the comment it answers) over the video for everyone; null clears it. */
export const pinAnswer = (id: string, pin: { commentId: string; answer: string } | null) =>
  call(api.streams[':id']['pinned-answer'].$post({ param: { id }, json: pin ?? { commentId: null } }))
/** Mute the writer of a comment in this stream (the feed never shows viewer ids). */
export const muteWriter = (id: string, commentId: string) => call(api.streams[':id'].mutes.$post({ param: { id }, json: { commentId } }))
/** 0 switches a rule off. */
export const saveChatSettings = (id: string, json: Partial<ChatSettings>) => call(api.streams[':id']['chat-settings'].$patch({ param: { id }, json }))
