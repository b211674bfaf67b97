import { createHash } from 'node:crypto'

/**
 * Compares a secret the client sent with the stored one without stopping at the first
 * different character, so the answer's timing does not tell how much of a guess was right.
 */
export function sameSecret(given: string, stored: string): boolean {
  let diff = given.length ^ stored.length
  for (let i = 0; i < stored.length; i++) diff |= (given.charCodeAt(i % Math.max(given.length, 1)) || 0) ^ stored.charCodeAt(i)
  return diff === 0 && given.length > 0
}

/** A bearer token as it is stored: its SHA-256 (a leaked keyspace does not open anything). */
export const tokenDigest = (token: string) => createHash('sha256').update(token).digest('hex')
