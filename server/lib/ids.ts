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
  const at = take16()
  let rand = ''
  for (let i = at; i < at + 16; i++) rand += ALPHABET[pool[i]! % 32]
  return time + rand
}

// One getRandomValues call per 256 ids: each call is a trip into C++ (~10 µs here), which
// adds up when 500 applications arrive at once.
const pool = new Uint8Array(4096)
let used = pool.length
/** Offset of 16 fresh random bytes in `pool`. */
function take16() {
  if (used + 16 > pool.length) {
    crypto.getRandomValues(pool)
    used = 0
  }
  used += 16
  return used - 16
}

export function randomToken(bytes = 32): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes))
  return btoa(String.fromCharCode(...raw)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}
