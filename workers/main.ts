import { Queue, Worker } from 'bullmq'
import { connectRedis } from '../server/store/redis.ts'
import { keys, queues } from '../server/store/keys.ts'
import { endStaleStreams } from './end-stale-streams.ts'

export type Workers = { close(): Promise<void> }

/** Starts every worker against redisUrl; the embedded default calls this in-process. */
export async function startWorkers(redisUrl: string, log: (msg: string) => void = console.log): Promise<Workers> {
  const connection = connectRedis(redisUrl, 'worker')
  const prefix = keys.queuePrefix()
  const lifecycle = new Queue(queues.lifecycle, { connection, prefix })
  const worker = new Worker(
    queues.lifecycle,
    async (job) => {
      if (job.name === 'end-stale-streams') return endStaleStreams(connection)
      throw new Error(`Unknown lifecycle job ${job.name}`)
    },
    { connection, prefix, concurrency: 1 },
  )
  worker.on('error', (err) => log(`[workers] ${err.message}`))
  lifecycle.on('error', (err) => log(`[workers] ${err.message}`))
  await lifecycle.upsertJobScheduler('end-stale-streams', { every: 5 * 60_000 }, { name: 'end-stale-streams' })
  return {
    async close() {
      await worker.close()
      await lifecycle.close()
      connection.disconnect()
    },
  }
}

// `npm run workers`: a separate process, scaled by running more of them.
if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
  const workers = await startWorkers(url)
  console.log(`workers running against ${url}`)
  const stop = async () => {
    await workers.close()
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}
