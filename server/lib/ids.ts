// Crockford base32, ULID layout: 10 chars of milliseconds, then 16 random chars.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** Sortable id: lexical order follows creation time. */
export function newId(now = Date.now()): string {
  let time = ''
  let t = now
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time
    t = Math.floor(t / 32)
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  let rand = ''
  for (const b of bytes) rand += ALPHABET[b % 32]
  return time + rand
}

export function randomToken(bytes = 32): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes))
  return btoa(String.fromCharCode(...raw)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}
