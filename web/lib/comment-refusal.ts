import type { ApiFailure } from './api.ts'
import type { ChatKey } from './chat-words.ts'

/** A refusal kept as a key of the chat's dictionary, so it follows a language switch. */
export type Refusal = { key: ChatKey; args?: Record<string, string | number> }

const refused = (key: ChatKey, args?: Record<string, string | number>): Refusal => ({ key, args })

/**
 * Why a comment was not sent, in the viewer's words. The server's codes (issue 13): 403 MUTED;
 * 429 + Retry-After (slow mode or the per-viewer limit); 400 CONTENT_REJECTED (a banned word)
 * or a refused link; 403 for the established-viewer rule, with the seconds still to watch.
 */
export function refusal(f: ApiFailure): Refusal {
  const seconds = (f.details.find((d) => /second|watch/i.test(d.path + (d.rule ?? '')))?.message.match(/\d+/)?.[0] ?? f.message.match(/\d+/)?.[0]) || ''
  switch (true) {
    case f.code === 'MUTED':
      return refused('chat.muted')
    case f.status === 429:
      return f.retryAfter ? refused('chat.slow', { n: f.retryAfter }) : refused('chat.slowSoon')
    case f.code === 'CONTENT_REJECTED' || /LINK/.test(f.code) || f.details.some((d) => /link|url/i.test(d.rule ?? '')):
      return refused('chat.rejected')
    case /ESTABLISHED|WATCH/.test(f.code):
      return seconds ? refused('chat.watchFirst', { n: seconds }) : refused('chat.watchFirstSoon')
    case f.details.some((d) => d.rule === 'comment.tooLong'):
      return refused('chat.tooLong')
    case f.status === 0:
      return refused('chat.offline')
    default:
      return refused('chat.failed')
  }
}
