import type { Context, Hono } from 'hono'
import { methodNotAllowed } from 'hono/method-not-allowed'
import type { AppEnv } from '../context.ts'
import { errorBody } from '../errors.ts'

/**
 * The last handler under /api/*: an unknown path answers the JSON error shape here, before
 * server/node.ts's web-app fallback could answer it with index.html.
 */
export const noSuchApiRoute = (c: Context<AppEnv>) => c.json(errorBody(c, 'NOT_FOUND', `No route for ${c.req.method} ${c.req.path}`), 404)

/** A known path asked with a method it does not have: 405 with Allow, in the JSON error shape. */
export const wrongMethod = (app: Hono<AppEnv>) =>
  methodNotAllowed<AppEnv>({
    app,
    onMethodNotAllowed: (c, methods) => {
      c.header('Allow', methods.join(', '))
      return c.json(errorBody(c, 'METHOD_NOT_ALLOWED', `${c.req.method} is not allowed on ${c.req.path}; use ${methods.join(', ')}`), 405)
    },
  })
