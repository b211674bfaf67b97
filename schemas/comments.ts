import * as z from 'zod/mini'
import { requiredText } from './fields.ts'
import { viewerId } from './applications.ts'

// The live room's conversation: POST/GET /api/streams/:id/comments, moderation, banned words.

export const COMMENT_MAX = 100
export const NAME_MAX = 20
/** A comment id: the stream's id, a dot, the Redis stream entry id (server/store/keys.ts). */
export const COMMENT_ID = /^[A-Za-z0-9_-]{1,64}\.\d{1,15}-\d{1,10}$/
const commentId = z.string('commentId.invalid').check(z.regex(COMMENT_ID, 'commentId.invalid'))

export const commentBody = z.strictObject({
  text: requiredText(COMMENT_MAX, 'comment.required', 'comment.tooLong'),
  viewerId,
  name: z.optional(requiredText(NAME_MAX, 'name.required', 'name.tooLong')),
})

/** `since`: the `cursor` of the previous answer (polling); `cursor`: older than this (`next`). */
export const commentListQuery = z.object({
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
  since: z.optional(commentId),
  cursor: z.optional(commentId),
})

/** 0 switches a rule off; both are off until the host switches them on. */
export const chatSettingsBody = z.partial(
  z.strictObject({
    slowModeSeconds: z.int().check(z.minimum(0), z.maximum(600)),
    minWatchSeconds: z.int().check(z.minimum(0), z.maximum(3600)),
  }),
)

/** Mute by the viewer's id, or by one of their comments (the feed does not show viewer ids). */
export const muteBody = z.union([z.strictObject({ viewerId }), z.strictObject({ commentId })])
/** DELETE /api/streams/:id/mutes/:viewerId: the path's viewer. */
export const unmuteParams = z.strictObject({ viewerId })

export const pinnedAnswerBody = z.strictObject({
  commentId: z.nullable(commentId),
  answer: z.optional(requiredText(200, 'answer.required', 'answer.tooLong')),
})

export const bannedWordsBody = z.strictObject({
  words: z.array(requiredText(30, 'word.required', 'word.tooLong')).check(z.maxLength(5000)),
})

export const moderationLogQuery = z.object({ limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(500))) })
