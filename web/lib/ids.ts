const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'

/** `n` url-safe random characters ([A-Za-z0-9_-]); works on plain http too. */
export function randomId(n = 22): string {
  const bytes = crypto.getRandomValues(new Uint8Array(n))
  let out = ''
  for (const b of bytes) out += ALPHABET[b & 63]
  return out
}

const VIEWER_KEY = 'zb.viewerId'
const VIEWER_ID = /^[A-Za-z0-9_-]{16,64}$/
let memo: string | null = null

/** This device's viewer id, kept in localStorage across visits (sent with applications and tokens). */
export function viewerId(): string {
  if (memo) return memo
  try {
    const stored = localStorage.getItem(VIEWER_KEY)
    if (stored && VIEWER_ID.test(stored)) return (memo = stored)
    memo = randomId(20)
    localStorage.setItem(VIEWER_KEY, memo)
  } catch {
    memo ??= randomId(20) // private mode: one id per page view
  }
  return memo
}
