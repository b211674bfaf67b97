import type { Redis } from 'ioredis'
import { getCompanies } from './companies.ts'
import { viewerCounts } from './streams.ts'
import type { Stream } from './types.ts'

/** List rows carry the company, the number of jobs and the live viewer count. */
export async function decorateStreams(redis: Redis, streams: Stream[]) {
  const [companies, viewers] = await Promise.all([
    getCompanies(redis, streams.map((s) => s.companyId)),
    viewerCounts(redis, streams.map((s) => s.id)),
  ])
  return streams.map((s, i) => {
    const co = companies.get(s.companyId)
    return { ...s, company: co ? { id: co.id, name: co.name } : null, jobCount: s.jobIds.length, viewers: viewers[i] ?? 0 }
  })
}

