import { Queue, Worker } from 'bullmq'
import { connectRedis, describeTarget, type RedisTarget } from '../server/store/redis.ts'
import { loadConfig, redisTargetOf, type Config } from '../server/env.ts'
import { keys, queues } from '../server/store/keys.ts'
import { maskPersonalText } from '../server/lib/pii.ts'
import { createLogger } from '../server/observability/logger.ts'
import type { EventBatch } from '../server/counting/rows.ts'
import { countEventsProcessor } from './count-events.ts'
import { LIFECYCLE_SCHEDULES, lifecycleProcessor } from './lifecycle.ts'
import { sendReminderProcessor, type ReminderSettings } from './send-reminder.ts'
import { logSms } from '../server/sms/log.ts'
import { smsProviderOf, type SmsProvider } from '../server/sms/provider.ts'
import { remindersQueue, type ReminderJob } from '../server/reminders/queue.ts'

export type Workers = { close(): Promise<void> }

// A worker that dies mid-job loses its lock after LOCK_MS; the stalled check (every
// STALLED_MS) then hands the job to another worker: recovered within ~15 s.
const LOCK_MS = 10_000
const STALLED_MS = 5_000

/** Starts every worker against Redis (a URL, or a cluster); the embedded default calls this in-process. */
export type WorkerOptions = {
  eventConcurrency?: number
  /** 预约直播 reminders: how SMS go out (default: the log provider on stdout) and what they say. */
  sms?: SmsProvider
  reminders?: ReminderSettings
}

export async function startWorkers(redis: RedisTarget | string, log: (msg: string) => void = console.log, opts: WorkerOptions = {}): Promise<Workers> {
  const connection = connectRedis(redis, 'worker')
  const prefix = keys.queuePrefix()
  const common = { connection, prefix, lockDuration: LOCK_MS, stalledInterval: STALLED_MS }

  const lifecycle = new Queue(queues.lifecycle, { connection, prefix, defaultJobOptions: { removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } } })
  const reminders = remindersQueue(connection) // the stale-stream job drops an ended stream's reminders
  const lifecycleWorker = new Worker(queues.lifecycle, lifecycleProcessor(connection, reminders), { ...common, concurrency: 1 })
  const eventsWorker = new Worker<EventBatch>(queues.events, countEventsProcessor(connection, log), { ...common, concurrency: opts.eventConcurrency ?? 4 })
  const remindersWorker = new Worker<ReminderJob>(queues.reminders, sendReminderProcessor(connection, opts.sms ?? logSms(), opts.reminders ?? { sign: '直播带岗', publicUrl: 'http://localhost:8787' }), { ...common, concurrency: 4 })

  for (const w of [lifecycleWorker, eventsWorker, remindersWorker]) {
    w.on('error', (err) => log(`[workers] ${maskPersonalText(err.message)}`))
    w.on('failed', (job, err) => log(`[workers] ${job?.queueName}/${job?.name} attempt ${job?.attemptsMade} failed: ${maskPersonalText(err.message)}`))
  }
  for (const q of [lifecycle, reminders]) q.on('error', (err) => log(`[workers] ${maskPersonalText(err.message)}`))
  for (const s of LIFECYCLE_SCHEDULES) await lifecycle.upsertJobScheduler(s.id, { every: s.every }, { name: s.id })

  return {
    async close() {
      await Promise.all([eventsWorker.close(), lifecycleWorker.close(), remindersWorker.close()])
      await Promise.all([lifecycle.close(), reminders.close()])
      connection.disconnect()
    },
  }
}

/** The reminders' SMS provider and wording from the config; the log provider writes through `logger`. */
export const reminderOptions = (config: Config, logger: { info(fields: object, msg: string): void }): WorkerOptions => ({
  sms: smsProviderOf(config, (fields) => logger.info(fields, 'sms')),
  reminders: { sign: config.SMS_SIGN_NAME, publicUrl: config.PUBLIC_URL },
})

// `npm run workers`: a separate process, scaled by running more of them.
if (import.meta.url === `file://${process.argv[1]}`) {
  // REDIS_CLUSTER_NODES or REDIS_URL, read as the API reads them (server/env.ts).
  const config = loadConfig(process.env)
  const target = redisTargetOf(config) ?? { url: 'redis://127.0.0.1:6379' }
  const logger = createLogger(config.LOG_LEVEL) // JSON lines, masked, like the API's
  const workers = await startWorkers(target, (msg) => logger.warn(msg), reminderOptions(config, logger))
  logger.info(`workers running against ${describeTarget(target)}`)
  const stop = async () => {
    await workers.close()
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}
