import type { Redis } from 'ioredis'
import type { Config } from '../env.ts'
import { hashPassword, verifyPassword } from '../lib/passwords.ts'
import { createAccount, getUserByEmail } from '../store/users.ts'
import { keys } from '../store/keys.ts'

export const DEMO_ORGANIZER_PASSWORD = 'chunfeng2026'

/**
 * The organizer account comes from ORGANIZER_EMAIL / ORGANIZER_PASSWORD; the env stays the
 * source of truth, so a changed password is applied on the next start.
 */
export async function ensureOrganizer(redis: Redis, config: Config): Promise<{ email: string; password: string } | null> {
  const password = config.ORGANIZER_PASSWORD ?? (config.DEMO ? DEMO_ORGANIZER_PASSWORD : undefined)
  if (!password) return null
  const existing = await getUserByEmail(redis, config.ORGANIZER_EMAIL)
  if (existing) {
    if (existing.role === 'organizer' && !(await verifyPassword(password, existing.passwordHash))) {
      await redis.set(keys.user(existing.id), JSON.stringify({ ...existing, passwordHash: await hashPassword(password) }))
    }
    return existing.role === 'organizer' ? { email: existing.email, password } : null
  }
  await createAccount(redis, {
    email: config.ORGANIZER_EMAIL,
    name: config.ORGANIZER_NAME,
    role: 'organizer',
    status: 'approved',
    passwordHash: await hashPassword(password),
  })
  return { email: config.ORGANIZER_EMAIL.toLowerCase(), password }
}
