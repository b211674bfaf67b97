import { srcOf } from '../../schemas/channel-src.ts'

// The share channel (?src=) this visit came through (docs/counting.md "Channels"): read from
// the first URL that carries one, kept for the browser tab's session, and sent with the room's
// join beacon and with applications. A malformed one is ignored (counted as direct).

const KEY = 'zb.src'
let memo: string | null | undefined

export function visitSrc(): string | undefined {
  if (memo !== undefined) return memo ?? undefined
  let found = srcOf(new URLSearchParams(location.search).get('src'))
  try {
    if (found) sessionStorage.setItem(KEY, found)
    else found = srcOf(sessionStorage.getItem(KEY))
  } catch {} // storage off: this page view only
  memo = found ?? null
  return found
}

/** `{ src }` for a request body, or nothing when the visit came directly. */
export const srcField = (): { src?: string } => {
  const src = visitSrc()
  return src ? { src } : {}
}
