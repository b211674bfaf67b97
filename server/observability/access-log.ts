import { createMiddleware } from 'hono/factory'
import { routePath } from 'hono/route'
import type { AppEnv } from '../context.ts'

/**
 * One line per request (request id, method, route pattern, status, ms) and its latency in the
 * histogram. The route is the pattern of the handler that answered (routeIndex after next()),
 * never the raw path, which holds ids. Health checks log at debug: a probe every few seconds.
 */
export const accessLog = createMiddleware<AppEnv>(async (c, next) => {
  const started = performance.now()
  await next()
  const ms = performance.now() - started
  const route = routePath(c)
  const log = c.get('log')
  const fields = { reqId: c.get('requestId'), method: c.req.method, route, status: c.res.status, ms: Math.round(ms * 10) / 10 }
  if (route.startsWith('/api/health')) log.debug(fields, 'request')
  else log.info(fields, 'request')
  c.get('deps').metrics?.observeRequest(route, c.req.method, c.res.status, ms / 1000)
})
