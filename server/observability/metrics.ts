import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { Queue } from 'bullmq'
import { cachedQueueFigures, QUEUE_STATES } from './queue-figures.ts'

/** What routes and middleware report; the Workers entry has none (no long-lived registry). */
export type PlatformCounters = {
  observeRequest(route: string, method: string, status: number, seconds: number): void
  applicationCreated(): void
  beaconEventsAccepted(count: number): void
  redisUnavailableAnswered(): void
}

export type MetricsSources = { sseConnections: () => number; queues: Queue[] }

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

/**
 * One registry per platform (tests run several in a process): the request histogram, the
 * counters the hot paths bump (a synchronous increment, no await), and gauges read at scrape time.
 */
export function createMetrics(sources: MetricsSources) {
  const registry = new Registry()
  const registers = [registry]
  collectDefaultMetrics({ register: registry })

  // Labels are the route pattern (/api/streams/:id/applications), never the raw path: bounded.
  const httpDuration = new Histogram({
    name: 'zhibo_http_request_duration_seconds',
    help: 'HTTP request duration by Hono route pattern, method and status class',
    labelNames: ['route', 'method', 'status_class'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  })
  const applications = new Counter({ name: 'zhibo_applications_created_total', help: 'Applications acknowledged with 201 (rate() gives applications per second)', registers })
  const beaconEvents = new Counter({ name: 'zhibo_beacon_events_accepted_total', help: 'Viewer beacon events accepted and durably queued for counting (rate() gives events per second)', registers })
  const redisUnavailable = new Counter({ name: 'zhibo_redis_unavailable_responses_total', help: 'Answers 503 REDIS_UNAVAILABLE', registers })
  const redisConnectionErrors = new Counter({ name: 'zhibo_redis_connection_errors_total', help: "ioredis 'error' events (failed connects and reconnects) by connection", labelNames: ['connection'] as const, registers })

  new Gauge({
    name: 'zhibo_sse_connections_open',
    help: 'Open live-overlay SSE connections in this process',
    registers,
    collect() {
      this.set(sources.sseConnections())
    },
  })
  const queueFigures = cachedQueueFigures(sources.queues)
  new Gauge({
    name: 'zhibo_queue_jobs',
    help: 'BullMQ jobs per queue and state (waiting, active, delayed, failed)',
    labelNames: ['queue', 'state'] as const,
    registers,
    async collect() {
      this.reset() // Redis unreachable: no series rather than stale ones
      for (const f of await queueFigures().catch(() => [])) for (const state of QUEUE_STATES) this.set({ queue: f.queue, state }, f.counts[state])
    },
  })
  new Gauge({
    name: 'zhibo_queue_oldest_waiting_job_age_seconds',
    help: 'Age of the oldest waiting job per queue (0 when none wait): how far the workers are behind',
    labelNames: ['queue'] as const,
    registers,
    async collect() {
      this.reset()
      for (const f of await queueFigures().catch(() => [])) this.set({ queue: f.queue }, f.oldestWaitingAgeSeconds)
    },
  })

  const counters: PlatformCounters = {
    observeRequest: (route, method, status, seconds) =>
      httpDuration.observe({ route: route || 'unmatched', method: METHODS.has(method) ? method : 'other', status_class: `${Math.floor(status / 100)}xx` }, seconds),
    applicationCreated: () => applications.inc(),
    beaconEventsAccepted: (count) => beaconEvents.inc(count),
    redisUnavailableAnswered: () => redisUnavailable.inc(),
  }
  return { registry, counters, countRedisErrors: (connection: string) => () => redisConnectionErrors.inc({ connection }) }
}

export type PlatformMetrics = ReturnType<typeof createMetrics>
