import type { Redis } from 'ioredis'
import { keys } from '../store/keys.ts'
import { hashPassword } from '../lib/passwords.ts'
import { createAccount } from '../store/users.ts'
import { createJob } from '../store/jobs.ts'
import { jobLocation } from '../lib/places.ts'
import { createFair } from '../store/fairs.ts'
import { setHiringPhone } from '../store/company-contact.ts'
import { createStream, saveStream } from '../store/streams.ts'
import { DEMO_PASSWORD, demoCompanies, demoFair, demoPendingRecruiter, demoStation } from './data.ts'

const HOUR = 3600_000

/** A wall-clock time in China (UTC+8, no DST), `day` days from today there. */
export function chinaTime(now: Date, day: number, time: string): Date {
  if (time === 'now') return new Date(now.getTime() - HOUR / 2)
  const chinaToday = new Date(now.getTime() + 8 * HOUR).toISOString().slice(0, 10)
  const date = new Date(Date.parse(`${chinaToday}T00:00:00Z`) + day * 24 * HOUR).toISOString().slice(0, 10)
  return new Date(`${date}T${time}:00+08:00`)
}

export type DemoLogin = { role: string; email: string; password: string; note: string }

/** Fills an empty store with the demo fair; returns null if the store already had data. */
export async function seedDemo(redis: Redis, now = new Date()): Promise<DemoLogin[] | null> {
  if ((await redis.zcard(keys.companies())) > 0) return null
  if ((await redis.set(keys.seeded(), now.toISOString(), 'NX')) !== 'OK') return null
  const passwordHash = await hashPassword(DEMO_PASSWORD) // one hash for every demo account keeps start-up fast
  const fair = await createFair(redis, {
    ...demoFair,
    startsAt: new Date(now.getTime() - 48 * HOUR).toISOString(),
    endsAt: new Date(now.getTime() + 30 * 24 * HOUR).toISOString(),
  })
  const logins: DemoLogin[] = []
  for (const demo of demoCompanies) {
    const created = await createAccount(redis, { email: demo.email, name: demo.name, role: 'recruiter', status: 'approved', passwordHash, companyName: demo.companyName })
    if (!created?.company) continue
    const companyId = created.company.id
    if (demo.hiringPhone) await setHiringPhone(redis, companyId, demo.hiringPhone)
    const jobs = await Promise.all(demo.jobs.map((j) => createJob(redis, companyId, { ...j, location: jobLocation(j.location) }, now)))
    const at = chinaTime(now, demo.stream.day, demo.stream.time)
    const stream = await createStream(redis, companyId, { title: demo.stream.title, description: demo.stream.description, scheduledAt: at.toISOString(), jobIds: jobs.map((j) => j.id), fairId: fair.id }, now)
    if (demo.stream.status !== 'scheduled') {
      const startedAt = at.toISOString()
      const endedAt = demo.stream.status === 'ended' ? new Date(at.getTime() + 2 * HOUR).toISOString() : null
      await saveStream(redis, stream, { ...stream, status: demo.stream.status, startedAt, endedAt }, now)
    }
    logins.push({ role: 'recruiter', email: demo.email, password: DEMO_PASSWORD, note: demo.companyName })
  }
  await createAccount(redis, { ...demoPendingRecruiter, role: 'recruiter', status: 'pending', passwordHash })
  logins.push({ role: 'recruiter (pending)', email: demoPendingRecruiter.email, password: DEMO_PASSWORD, note: demoPendingRecruiter.companyName })
  await createAccount(redis, { ...demoStation, role: 'station', status: 'approved', passwordHash })
  logins.push({ role: 'station', email: demoStation.email, password: DEMO_PASSWORD, note: demoStation.name })
  return logins
}
