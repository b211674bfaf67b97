import type { ApiFailure } from './api.ts'
import { msg, type Msg } from './errors.ts'

/**
 * Why a comment was not sent, in the viewer's words. The server's codes (issue 13): 403 MUTED;
 * 429 + Retry-After (slow mode or the per-viewer limit); 400 CONTENT_REJECTED (a banned word)
 * or a refused link; 403 for the established-viewer rule, with the seconds still to watch.
 */
export function refusal(f: ApiFailure): Msg {
  const seconds = (f.details.find((d) => /second|watch/i.test(d.path + (d.rule ?? '')))?.message.match(/\d+/)?.[0] ?? f.message.match(/\d+/)?.[0]) || ''
  switch (true) {
    case f.code === 'MUTED':
      return msg('chat.muted')
    case f.status === 429:
      return f.retryAfter ? msg('chat.slow', { n: f.retryAfter }) : msg('chat.slowSoon')
    case f.code === 'CONTENT_REJECTED' || /LINK/.test(f.code) || f.details.some((d) => /link|url/i.test(d.rule ?? '')):
      return msg('chat.rejected')
    case /ESTABLISHED|WATCH/.test(f.code):
      return seconds ? msg('chat.watchFirst', { n: seconds }) : msg('chat.watchFirstSoon')
    case f.details.some((d) => d.rule === 'comment.tooLong'):
      return msg('chat.tooLong')
    case f.status === 0:
      return msg('chat.offline')
    default:
      return msg('chat.failed')
  }
}
