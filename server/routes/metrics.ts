import { Hono } from 'hono'
import { createHash, timingSafeEqual } from 'node:crypto'
import type { Registry } from 'prom-client'
import type { AppEnv } from '../context.ts'
import { ApiError, onError } from '../errors.ts'

const digest = (s: string) => createHash('sha256').update(s).digest()

/**
 * GET /metrics for Prometheus (Node only: server/node.ts mounts it; a Worker has no long-lived
 * registry and wrangler's assets never route /metrics to it). Behind `Authorization: Bearer
 * METRICS_TOKEN`; with no token configured the endpoint does not exist (404), so an operator
 * who forgot the token gets no open metrics.
 */
export function metricsRoute(registry: Registry, token: string | undefined) {
  const expected = token ? digest(token) : null
  return new Hono<AppEnv>().onError(onError).get('/metrics', async (c) => {
    if (!expected) throw new ApiError('NOT_FOUND', 'Metrics are off: set METRICS_TOKEN')
    const given = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
    // Compared as digests: equal length, constant time, whatever the caller sent.
    if (!given || !timingSafeEqual(digest(given), expected)) {
      throw new ApiError('UNAUTHENTICATED', 'Send Authorization: Bearer <METRICS_TOKEN>', undefined, { 'WWW-Authenticate': 'Bearer realm="metrics"' })
    }
    c.header('Cache-Control', 'no-store')
    return c.body(await registry.metrics(), 200, { 'Content-Type': registry.contentType })
  })
}
