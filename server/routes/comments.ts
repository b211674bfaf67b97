import { countComment } from '../counting/comments.ts'
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../context.ts'
import { ApiError, notFound } from '../errors.ts'
import { jsonBody, parseOrFail, queryOf, validationError } from '../lib/validate.ts'
import { bannedWordsBody, chatSettingsBody, commentBody, commentListQuery, COMMENT_ID, moderationLogQuery, muteBody, pinnedAnswerBody, unmuteParams } from '../../schemas/comments.ts'
import { canModerate, currentUser, requireRole } from '../middleware/roles.ts'
import { clientIp, hitAll } from '../middleware/rate-limit.ts'
import { getStream } from '../store/streams.ts'
import { streamOfComment } from '../store/keys.ts'
import type { Stream } from '../store/types.ts'
import { bannedFilter, hasLink, holdsBanned, maskPhones, readBannedWords, writeBannedWords } from '../comments/content.ts'
import { addComment, commentsSince, deleteComment, getComment, markAnswered, publicComment, recentComments, recentDeletions, type StoredComment } from '../comments/store.ts'
import { logModeration, mute, unmute, readChatSettings, readModerationLog, readPinnedAnswer, setPinnedAnswer, writeChatSettings } from '../comments/moderation.ts'
import { recentTicker } from '../comments/ticker.ts'

// Mounted at /api: the live room's conversation (docs/http-api.md "Comments").

async function streamOf(c: Context<AppEnv>, id: string): Promise<Stream> {
  const stream = await getStream(c.get('deps').redis, id)
  if (!stream) throw notFound('Stream')
  return stream
}

/** The stream's company's recruiter or 场控 assistant; anyone else is refused. */
function moderator(c: Context<AppEnv>, stream: Stream) {
  const user = currentUser(c)
  if (!canModerate(user, stream)) throw new ApiError('FORBIDDEN', 'Only the stream’s company or its assistants can moderate')
  return user
}

/** A comment named by :id, with its stream, for its moderator. */
async function moderatedComment(c: Context<AppEnv>) {
  const id = c.req.param('id') ?? ''
  if (!COMMENT_ID.test(id)) throw notFound('Comment')
  const stream = await streamOf(c, streamOfComment(id))
  const user = moderator(c, stream)
  const comment = await getComment(c.get('deps').redis, id)
  if (!comment) throw notFound('Comment')
  return { stream, user, comment }
}

/** A default name from the device id when the client sends none: 网友 and four digits. */
const defaultName = (viewerId: string) => `网友${[...viewerId].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 10_000, 7).toString().padStart(4, '0')}`

export const comments = new Hono<AppEnv>()
  .post('/streams/:id/comments', jsonBody(commentBody), async (c) => {
    const body = c.req.valid('json')
    const { redis, config } = c.get('deps')
    const user = c.get('user')
    await hitAll(c, [
      { bucket: 'comment-ip', who: clientIp(c), limit: config.COMMENT_RATE_LIMIT_IP, windowSeconds: 60 },
      { bucket: 'comment-viewer', who: body.viewerId, limit: config.COMMENT_RATE_LIMIT_VIEWER, windowSeconds: 60 },
    ])
    const stream = await streamOf(c, c.req.param('id'))
    if (stream.status === 'ended') throw new ApiError('INVALID_STATE', 'This stream has ended')
    const staff = canModerate(user, stream)
    // A station speaks with its own name; the room's staff as their company's host.
    const name = user?.role === 'station' ? user.name : staff ? user!.name : (body.name ?? defaultName(body.viewerId))
    if (hasLink(body.text)) throw validationError('text', 'comment.link')
    if (hasLink(name)) throw validationError('name', 'comment.link')
    const text = maskPhones(body.text)
    const mint = await bannedFilter(redis)
    if (holdsBanned(mint, text) || holdsBanned(mint, name)) throw new ApiError('CONTENT_REJECTED', 'This comment cannot be posted')
    const r = await addComment(redis, stream.id, { viewerId: body.viewerId, text, name: maskPhones(name), exempt: staff ? 'all' : user?.role === 'station' ? 'established' : 'none' })
    switch (r.outcome) {
      case 'ok':
        // comments, commenters and the per-minute series (docs/counting.md)
        await countComment(redis, stream.id, body.viewerId, Date.parse(r.comment.at) || Date.now())
        return c.json({ comment: r.comment }, 201)
      case 'muted':
        throw new ApiError('MUTED', 'You have been muted in this stream')
      case 'new': {
        const { minWatchSeconds } = await readChatSettings(redis, stream.id)
        throw new ApiError('NOT_ESTABLISHED', `Watch for ${minWatchSeconds} s before commenting`, { minWatchSeconds, watchedSeconds: Math.floor(r.watchedMs / 1000) })
      }
      case 'slow': {
        const retry = String(Math.max(1, Math.ceil(r.retryMs / 1000)))
        throw new ApiError('RATE_LIMITED', 'Slow mode: wait a moment before commenting again', { slowMode: true }, { 'Retry-After': retry })
      }
    }
  })
  .get('/streams/:id/comments', queryOf(commentListQuery), async (c) => {
    const q = c.req.valid('query')
    const { redis } = c.get('deps')
    const stream = await streamOf(c, c.req.param('id'))
    if (q.since !== undefined && q.cursor !== undefined) throw validationError('since', 'since.withCursor')
    const limit = q.limit ?? 50
    // The room's staff see whose comment it is (to mute); viewers never see a viewer's id.
    const view = canModerate(c.get('user'), stream) ? (x: StoredComment) => x : publicComment
    const page = q.since !== undefined ? { items: await commentsSince(redis, stream.id, q.since, limit), next: null } : await recentComments(redis, stream.id, limit, q.cursor)
    const [pinnedAnswer, ticker, deleted, settings] = await Promise.all([readPinnedAnswer(redis, stream.id), recentTicker(redis, stream.id), recentDeletions(redis, stream.id), readChatSettings(redis, stream.id)])
    // cursor: pass it back as ?since= to get only what is newer (the polling path).
    const cursor = page.items.at(-1)?.id ?? q.since ?? null
    c.header('Cache-Control', 'no-store')
    return c.json({ items: page.items.map(view), next: page.next, cursor, deleted, pinnedAnswer, ticker, settings }, 200)
  })
  .delete('/comments/:id', async (c) => {
    const { stream, user, comment } = await moderatedComment(c)
    const { redis } = c.get('deps')
    await deleteComment(redis, comment.id)
    await logModeration(redis, stream.id, user, { action: 'delete', commentId: comment.id, viewerId: comment.viewerId, text: comment.text })
    return c.body(null, 204)
  })
  .post('/comments/:id/answered', async (c) => {
    const { stream, user, comment } = await moderatedComment(c)
    const { redis } = c.get('deps')
    await markAnswered(redis, comment.id)
    await logModeration(redis, stream.id, user, { action: 'answered', commentId: comment.id })
    return c.json({ comment: { ...publicComment(comment), answered: true } }, 200)
  })
  .post('/streams/:id/pinned-answer', jsonBody(pinnedAnswerBody), async (c) => {
    const stream = await streamOf(c, c.req.param('id'))
    const user = moderator(c, stream)
    const { redis } = c.get('deps')
    const body = c.req.valid('json')
    if (body.commentId === null) {
      await setPinnedAnswer(redis, stream.id, null)
      await logModeration(redis, stream.id, user, { action: 'unpin-answer' })
      return c.json({ pinnedAnswer: null }, 200)
    }
    if (!body.answer) throw validationError('answer', 'answer.required')
    const question = streamOfComment(body.commentId) === stream.id ? await getComment(redis, body.commentId) : null
    if (!question) throw validationError('commentId', 'commentId.invalid')
    const mint = await bannedFilter(redis)
    if (hasLink(body.answer)) throw validationError('answer', 'comment.link')
    if (holdsBanned(mint, body.answer)) throw new ApiError('CONTENT_REJECTED', 'This answer cannot be posted')
    const pinnedAnswer = { commentId: question.id, question: question.text, name: question.name, answer: maskPhones(body.answer), at: new Date().toISOString() }
    await markAnswered(redis, question.id)
    await setPinnedAnswer(redis, stream.id, pinnedAnswer)
    await logModeration(redis, stream.id, user, { action: 'pin-answer', commentId: question.id })
    return c.json({ pinnedAnswer }, 200)
  })
  .post('/streams/:id/mutes', jsonBody(muteBody), async (c) => {
    const stream = await streamOf(c, c.req.param('id'))
    const user = moderator(c, stream)
    const { redis } = c.get('deps')
    const body = c.req.valid('json')
    let viewerId: string
    let by: { commentId: string; name: string } | null = null
    if ('viewerId' in body) viewerId = body.viewerId
    else {
      const comment = streamOfComment(body.commentId) === stream.id ? await getComment(redis, body.commentId) : null
      if (!comment) throw validationError('commentId', 'commentId.invalid')
      viewerId = comment.viewerId
      by = { commentId: comment.id, name: comment.name }
    }
    await mute(redis, stream.id, viewerId)
    // The name lets the console's muted list say who it is (the feed never shows viewer ids).
    await logModeration(redis, stream.id, user, { action: 'mute', viewerId, ...(by ?? {}) })
    return c.json({ mute: { viewerId } }, 201)
  })
  .delete('/streams/:id/mutes/:viewerId', async (c) => {
    const stream = await streamOf(c, c.req.param('id'))
    const user = moderator(c, stream)
    const { viewerId } = parseOrFail(unmuteParams, { viewerId: c.req.param('viewerId') })
    const { redis } = c.get('deps')
    // Idempotent: unmuting someone not muted changes nothing and logs nothing.
    if (await unmute(redis, stream.id, viewerId)) await logModeration(redis, stream.id, user, { action: 'unmute', viewerId })
    return c.body(null, 204)
  })
  .patch('/streams/:id/chat-settings', jsonBody(chatSettingsBody), async (c) => {
    const stream = await streamOf(c, c.req.param('id'))
    const user = moderator(c, stream)
    const { redis } = c.get('deps')
    const settings = await writeChatSettings(redis, stream.id, c.req.valid('json'))
    await logModeration(redis, stream.id, user, { action: 'settings', settings })
    return c.json({ settings }, 200)
  })
  .get('/streams/:id/moderation-log', queryOf(moderationLogQuery), async (c) => {
    const stream = await streamOf(c, c.req.param('id'))
    const user = currentUser(c)
    if (user.role !== 'organizer') moderator(c, stream)
    return c.json({ items: await readModerationLog(c.get('deps').redis, stream.id, c.req.valid('query').limit ?? 100) }, 200)
  })
  .get('/admin/banned-words', requireRole('organizer'), async (c) => c.json({ words: await readBannedWords(c.get('deps').redis) }, 200))
  .put('/admin/banned-words', requireRole('organizer'), jsonBody(bannedWordsBody), async (c) => {
    return c.json({ words: await writeBannedWords(c.get('deps').redis, c.req.valid('json').words) }, 200)
  })
