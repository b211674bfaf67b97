import { resolver, uniqueSymbol } from 'hono-openapi'
import type * as z from 'zod/mini'

/**
 * Marks a validator middleware with the zod schema it checks, where hono-openapi's
 * generateSpecs looks for it (as its own validator() does): the document's request bodies and
 * queries are then the very schemas the routes validate with. Nothing changes at run time.
 */
export const documented = <M extends object>(target: 'json' | 'query', schema: z.ZodMiniType, middleware: M): M =>
  Object.assign(middleware, { [uniqueSymbol]: { target, ...resolver(schema as never) } })
