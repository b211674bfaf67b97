import { Hono, type Context } from 'hono'
import type { Config } from './env.ts'
import { requestId } from 'hono/request-id'
import type { AppEnv, Deps } from './context.ts'
import { errorBody, onError } from './errors.ts'
import { limitBody, requireJson } from './middleware/body.ts'
import { session } from './middleware/session.ts'
import { sameOrigin } from './middleware/same-origin.ts'
import { securityHeaders } from './middleware/security-headers.ts'
import { noSuchApiRoute, wrongMethod } from './middleware/unknown-route.ts'
import { health } from './routes/health.ts'
import { auth, me } from './routes/auth.ts'
import { admin } from './routes/admin.ts'
import { jobs } from './routes/jobs.ts'
import { fairs } from './routes/fairs.ts'
import { streams } from './routes/streams.ts'
import { overlay } from './routes/overlay.ts'
import { beacons } from './routes/beacons.ts'
import { stats } from './routes/stats.ts'
import { applications } from './routes/applications.ts'
import { livekit } from './routes/livekit.ts'
import { comments } from './routes/comments.ts'
import { assistants } from './routes/assistants.ts'
import { company } from './routes/company.ts'
import { applicationStatus } from './routes/application-status.ts'
import { station } from './routes/station.ts'
import { screenLinks } from './routes/screen-links.ts'
import { share } from './routes/share.ts'
import { reservations } from './routes/reservations.ts'
import { apiDocs } from './openapi/routes.ts'
import { consoleLogger } from './observability/app-logger.ts'
import { accessLog } from './observability/access-log.ts'

const OTHER_BODY_TYPES = {
  '/api/events': ['text/plain'], // navigator.sendBeacon
  '/api/livekit/webhook': ['application/webhook+json'],
}

/** Runtime-agnostic app: node.ts passes in its long-lived connections. */
export const createApp = (deps: Deps) => buildApp(deps.config, () => deps)

/**
 * The app for a runtime that opens its connections per request (Workers): built once per
 * isolate, `depsOf` finds each request's connections (e.g. in the env it is fetched with).
 */
export const createAppPerRequest = (config: Config, depsOf: (c: Context<AppEnv>) => Deps) => buildApp(config, depsOf)

function buildApp(config: Config, depsOf: (c: Context<AppEnv>) => Deps) {
  const app = new Hono<AppEnv>()
  app.use(securityHeaders(config)) // first: it also dresses errors and, on Node, the web app
  app.use(requestId())
  const consoleLog = consoleLogger(config.LOG_LEVEL) // where no logger is given (Workers, tests)
  app.use(async (c, next) => {
    const deps = depsOf(c)
    c.set('deps', deps)
    c.set('log', deps.log ?? consoleLog)
    await next()
  })
  app.use(accessLog)
  app.onError(onError)
  app.notFound((c) => c.json(errorBody(c, 'NOT_FOUND', `No route for ${c.req.method} ${c.req.path}`), 404))

  app.route('/api/health', health)
  app.use('/api/*', wrongMethod(app), sameOrigin, limitBody, requireJson(OTHER_BODY_TYPES), session)
  const routes = app
    .route('/api/auth', auth)
    .route('/api/me', me)
    .route('/api/admin', admin)
    .route('/api/jobs', jobs)
    .route('/api/fairs', fairs)
    .route('/api/streams', streams)
    .route('/api/streams', overlay)
    .route('/api', stats)
    .route('/api/events', beacons)
    .route('/api', applications)
    .route('/api', livekit)
    .route('/api', comments)
    .route('/api/company', assistants)
    .route('/api/company', company)
    .route('/api', applicationStatus)
    .route('/api/station', station)
    .route('/api', screenLinks)
    .route('/api', reservations)
    .route('/api', share)
  app.route('/api', apiDocs(() => app)) // the OpenAPI document of this very app, and its reference page
  app.all('/api/*', noSuchApiRoute) // registered last: only what no route above answered
  return routes
}

export type AppType = ReturnType<typeof createApp>
