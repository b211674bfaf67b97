import type { Redis } from 'ioredis'
import { keys } from '../store/keys.ts'
import { maskName } from '../lib/pii.ts'
import { getJob } from '../store/jobs.ts'
import { publishChat, type TickerItem } from './messages.ts'

const KEEP_TICKER = 20

/** 「张**刚刚报名了缝纫工」 from a real application: its masked name and job title, never a phone. */
export async function announceApplication(redis: Redis, a: { id: string; streamId: string; jobId: string; name: string; createdAt: string }) {
  const job = await getJob(redis, a.jobId)
  if (!job) return
  const item: TickerItem = { id: a.id, name: maskName(a.name), jobTitle: job.title, at: a.createdAt }
  await redis.multi().lpush(keys.ticker(a.streamId), JSON.stringify(item)).ltrim(keys.ticker(a.streamId), 0, KEEP_TICKER - 1).exec()
  await publishChat(redis, { s: a.streamId, k: 'ticker', t: item })
}

/** The newest few, oldest first. */
export async function recentTicker(redis: Redis, streamId: string, n = 5): Promise<TickerItem[]> {
  return (await redis.lrange(keys.ticker(streamId), 0, n - 1)).map((s) => JSON.parse(s) as TickerItem).reverse()
}
