import { serve } from '@hono/node-server'
import { existsSync } from 'node:fs'
import { Hono, type Context } from 'hono'
import type { AppEnv } from './context.ts'
import { createApp } from './app.ts'
import { loadConfig, livekitEnabled, redisTargetOf, waitReplicasOf, type Config } from './env.ts'
import { connectRedis, describeTarget, waitReady, type RedisTarget } from './store/redis.ts'
import { checkReplicas } from './store/durability.ts'
import { findOrSpawnRedis, NoRedisError } from './lib/redis-launch.ts'
import { findOrSpawnLivekit } from './lib/livekit-launch.ts'
import { ensureOrganizer } from './demo/accounts.ts'
import { seedDemo } from './demo/seed.ts'
import { reminderOptions, startWorkers } from '../workers/main.ts'
import { createSseHub } from './overlay/sse-hub.ts'
import { defaultSseCapacity } from './overlay/sse-capacity.ts'
import { createMetadataPusher } from './overlay/livekit-metadata.ts'
import { batchingSink, eventsQueue } from './beacons/queue.ts'
import { remindersQueue } from './reminders/queue.ts'
import { serveWeb } from './static.ts'
import { guardedPreview, previewGuard } from './share/preview-guard.ts'
import { clientIp } from './middleware/rate-limit.ts'
import { compressJson } from './middleware/compress-json.ts'
import { Queue } from 'bullmq'
import type { DestinationStream } from 'pino'
import { keys, queues } from './store/keys.ts'
import { createLogger } from './observability/logger.ts'
import { createMetrics } from './observability/metrics.ts'
import { metricsRoute } from './routes/metrics.ts'
import { queueAdmin, QUEUE_ADMIN_PATH } from './routes/queue-admin.ts'

const WEB_DIST = 'web/dist'

export type Running = { url: string; redisUrl: string; redisTarget: RedisTarget; stop(): Promise<void> }

export type PlatformOptions = {
  /** Where pino writes its JSON lines (stdout when not given); tests read them here. */
  logDestination?: DestinationStream
}

/**
 * The embedded default: Redis found or spawned, API + web + workers on one port. `log` gets the
 * human start-up lines (address, logins) that `npm start` prints as plain text; everything the
 * running platform reports goes through pino as JSON.
 */
export async function startPlatform(given: Config, log: (msg: string) => void = console.log, opts: PlatformOptions = {}): Promise<Running> {
  const logger = createLogger(given.LOG_LEVEL, opts.logDestination)
  const warn = (msg: string) => logger.warn(msg)
  const redisHandle = await findOrSpawnRedis(redisTargetOf(given), given.DATA_DIR)
  // With a fixed port, LiveKit's webhooks can be pointed back at us (PORT=0 is for tests).
  const livekitHandle = given.PORT ? await findOrSpawnLivekit(given, given.PORT) : null
  const config = livekitHandle?.config ?? given
  const redis = connectRedis(redisHandle.target, 'api')
  await waitReady(redis)
  // Acknowledged applications wait for this many replicas (server/store/durability.ts).
  const durability = await checkReplicas(redis, waitReplicasOf(config), config.REDIS_WAIT_TIMEOUT_MS)
  if (durability.warning) log(durability.warning)

  const organizer = await ensureOrganizer(redis, config)
  const demo = config.DEMO ? await seedDemo(redis) : null
  const workers = config.IN_PROCESS_WORKERS ? await startWorkers(redisHandle.target, warn, reminderOptions(config, logger)) : null

  const metadata = livekitEnabled(config) ? createMetadataPusher(config, redis, warn) : null
  const sseHub = createSseHub({
    redisTarget: redisHandle.target,
    redis,
    onState: metadata?.onState,
    maxConnections: config.SSE_MAX_CONNECTIONS ?? defaultSseCapacity(),
    maxPerAddress: config.SSE_MAX_PER_IP,
  })
  // Its own connection: BullMQ defines ~60 scripts on the connection it is given, and ioredis
  // copies every one of them onto each MULTI/pipeline the API later builds on that connection.
  const queueConnection = connectRedis(redisHandle.target, 'api')
  const queue = eventsQueue(queueConnection)
  const beaconSink = batchingSink(queue)
  // Read-only here (depth, age, the admin board): the workers own the lifecycle schedules.
  const lifecycleQueue = new Queue(queues.lifecycle, { connection: queueConnection, prefix: keys.queuePrefix() })
  const reminderQueue = remindersQueue(queueConnection) // 预约直播: the API queues, moves and drops reminders
  const metrics = createMetrics({ sseConnections: () => sseHub.connections(), queues: [queue, lifecycleQueue, reminderQueue] })
  redis.on('error', metrics.countRedisErrors('api'))
  queueConnection.on('error', metrics.countRedisErrors('queue'))
  // Without a listener BullMQ console.errors the whole error object on every failed reconnect.
  for (const q of [queue, lifecycleQueue, reminderQueue]) q.on('error', (err) => logger.warn({ queue: q.name, error: err.message }, 'queue connection error'))
  const app = new Hono()
  app.use('/api/*', compressJson())
  app.route('/', createApp({ redis, config, sseHub, beaconSink, reminderQueue, log: logger, metrics: metrics.counters }))
  // Node only, after createApp so its headers, request id and access log apply, before the web app.
  app.route('/', metricsRoute(metrics.registry, config.METRICS_TOKEN))
  app.route(QUEUE_ADMIN_PATH, queueAdmin([queue, lifecycleQueue, reminderQueue]))
  if (existsSync(`${WEB_DIST}/index.html`)) {
    const guard = previewGuard() // a flood of page loads cannot become Redis load (share/preview-guard.ts)
    serveWeb(app, WEB_DIST, (page, id, src, c) => guardedPreview(guard, redis, config.PUBLIC_URL, clientIp(c as Context<AppEnv>), page, id, src))
  }
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: '0.0.0.0' }, () => resolve(s))
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.PORT
  const url = `http://localhost:${port}`
  // The demo's live room has a picture: a generated scene published as its recruiter. Loaded
  // lazily (rtc-node's native part) and not awaited, so a slow LiveKit never delays start-up.
  const broadcaster =
    config.DEMO && livekitEnabled(config)
      ? import('./demo/broadcaster.ts').then((m) => m.startDemoBroadcaster(config, redis, (msg) => logger.info(msg))).catch((err: Error) => (warn(`demo broadcaster: ${err.message}`), null))
      : null

  log(`直播带岗 running at ${url}  (redis: ${describeTarget(redisHandle.target)}${durability.replicas ? `, writes wait for ${durability.replicas} replica` : ''}${redisHandle.spawned ? ', spawned' : ''}; livekit: ${livekitEnabled(config) ? `${config.LIVEKIT_URL}${livekitHandle?.spawned ? ', spawned' : ''}` : 'disabled — no video, everything else works (install livekit-server or set LIVEKIT_URL)'})`)
  if (!existsSync(`${WEB_DIST}/index.html`)) log('web app not built: run `npm run build` (npm start does this for you)')
  if (organizer) log(`organizer login: ${organizer.email} / ${organizer.password}`)
  else log('no organizer account: set ORGANIZER_EMAIL and ORGANIZER_PASSWORD')
  if (demo) {
    log('demo data created; demo logins:')
    for (const d of demo) log(`  ${d.role.padEnd(20)} ${d.email.padEnd(26)} ${d.password}  ${d.note}`)
  }

  return {
    url,
    redisUrl: redisHandle.url,
    redisTarget: redisHandle.target,
    async stop() {
      await sseHub.close() // ends open SSE responses so the server can close
      metadata?.close()
      await new Promise<void>((r) => server.close(() => r()))
      await (await broadcaster)?.stop()
      await beaconSink.flush()
      await queue.close()
      await lifecycleQueue.close()
      await reminderQueue.close()
      await workers?.close()
      queueConnection.disconnect()
      redis.disconnect()
      await redisHandle.stop()
      await livekitHandle?.stop()
    },
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let config: Config
  try {
    config = loadConfig(process.env)
  } catch (err) {
    console.error((err as Error).message)
    process.exit(1)
  }
  try {
    const running = await startPlatform(config)
    const stop = async () => {
      await running.stop()
      process.exit(0)
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  } catch (err) {
    if (err instanceof NoRedisError) {
      console.error(`No Redis: ${err.message}. Install it (apt-get install redis-server / brew install redis) or set REDIS_URL=redis://host:6379 (REDIS_CLUSTER_NODES=host:port,… for a cluster)`)
      process.exit(1)
    }
    throw err
  }
}
