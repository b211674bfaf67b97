import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'
import { keys } from './keys.ts'
import { takeLoginAttemptScript } from './login-backoff.lua.ts'

/**
 * Sign-in backoff per account, on top of the per-address limit (which a botnet spreads thin).
 * The first FREE_TRIES attempts for an email are free; from then on each attempt that is checked
 * makes the next one wait twice as long, from 1 s up to 15 min. A correct password clears it.
 *
 * Bounded on purpose: a lock that lasts until someone intervenes would let any stranger shut a
 * recruiter out. Here the wait is never more than 15 min after the last attempt actually checked,
 * attempts refused while waiting do not extend it, and the count is forgotten a day after the
 * last attempt — so the owner always gets a try within 15 min, and a guesser at most ~4 an hour.
 * Unknown emails are tracked the same way, so a 429 does not tell which accounts exist.
 */
export const FREE_TRIES = 5
const FIRST_WAIT_MS = 1000
export const MAX_WAIT_MS = 15 * 60_000
const FORGET_AFTER_SECONDS = 24 * 3600

// Emails stay out of key names (the key list is no place for personal data) and keys stay short.
const accountOf = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32)

/** 0 when this sign-in attempt may be checked now; otherwise the ms to wait first. */
export async function takeLoginAttempt(redis: Redis, email: string, nowMs: number): Promise<number> {
  return Number(await takeLoginAttemptScript(redis, { backoff: keys.loginBackoff(accountOf(email)) }, { now: nowMs, freeTries: FREE_TRIES, firstWaitMs: FIRST_WAIT_MS, maxWaitMs: MAX_WAIT_MS, forgetAfterSeconds: FORGET_AFTER_SECONDS }))
}

/** A correct password: the account's failures are forgiven. */
export async function clearLoginAttempts(redis: Redis, email: string): Promise<void> {
  await redis.del(keys.loginBackoff(accountOf(email)))
}
