// PBKDF2-SHA256 through WebCrypto: runs unchanged on Node and on Cloudflare Workers
// (Workers caps PBKDF2 at 100 000 iterations, so that is our cost).
const ITERATIONS = 100_000
const enc = new TextEncoder()

const b64 = (buf: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(buf)))
const unb64 = (s: string) => Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0))

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<ArrayBuffer> {
  const key = await crypto.subtle.importKey('raw', enc.encode(password), 'PBKDF2', false, ['deriveBits'])
  return crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, 256)
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16))
  const hash = await derive(password, salt, ITERATIONS)
  return `pbkdf2-sha256$${ITERATIONS}$${b64(salt)}$${b64(hash)}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iter, salt, expected] = stored.split('$')
  if (scheme !== 'pbkdf2-sha256' || !iter || !salt || !expected) return false
  const actual = new Uint8Array(await derive(password, unb64(salt), Number(iter)))
  const want = unb64(expected)
  if (actual.length !== want.length) return false
  let diff = 0 // constant-time compare
  for (let i = 0; i < want.length; i++) diff |= actual[i]! ^ want[i]!
  return diff === 0
}

/** Compare against a throwaway hash so unknown emails take as long as wrong passwords. */
let dummy: Promise<string> | undefined
export async function burnPasswordTime(password: string) {
  dummy ??= hashPassword('dummy-password-for-timing')
  await verifyPassword(password, await dummy)
}
