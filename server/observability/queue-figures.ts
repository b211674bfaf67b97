import type { Queue } from 'bullmq'

export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const
export type QueueFigures = { queue: string; counts: Record<(typeof QUEUE_STATES)[number], number>; oldestWaitingAgeSeconds: number }

async function read(queue: Queue): Promise<QueueFigures> {
  // getWaiting lists oldest first: the job the workers will take next, i.e. how far behind they are.
  const [counts, [oldest]] = await Promise.all([queue.getJobCounts(...QUEUE_STATES), queue.getWaiting(0, 0)])
  return {
    queue: queue.name.replace(/[{}]/g, ''), // {events} → events: the braces are a Redis Cluster hash tag
    counts: Object.fromEntries(QUEUE_STATES.map((s) => [s, counts[s] ?? 0])) as QueueFigures['counts'],
    oldestWaitingAgeSeconds: oldest?.timestamp ? Math.max(0, (Date.now() - oldest.timestamp) / 1000) : 0,
  }
}

/**
 * Each queue's depth and lag, read from Redis at most once per `maxAgeMs`: several scrapers (or
 * a scrape's two gauges) share one read, so scraping costs Redis a few commands per interval.
 */
export function cachedQueueFigures(queues: Queue[], maxAgeMs = 2000): () => Promise<QueueFigures[]> {
  let cached: { at: number; figures: Promise<QueueFigures[]> } | null = null
  return () => {
    if (!cached || Date.now() - cached.at > maxAgeMs) {
      const figures = Promise.all(queues.map(read))
      cached = { at: Date.now(), figures }
      figures.catch(() => {
        if (cached?.figures === figures) cached = null // a failed read is not kept
      })
    }
    return cached.figures
  }
}
