import { Hono } from 'hono'
import type { Redis } from 'ioredis'
import type { Config } from '../env.ts'
import { securityHeaders } from '../middleware/security-headers.ts'
import { withPreview } from './preview.ts'
import { guardedPreview, previewGuard } from './preview-guard.ts'

/** The assets binding (wrangler.toml [assets] binding = "ASSETS"): fetches the built web app's files. */
export type Assets = { fetch(request: Request): Promise<Response> }
type Env = { Bindings: { redis: Redis; assets: Assets } }

/** /watch/:id and /fairs/:id reach the Worker first (run_worker_first) for their link previews. */
export const isPreviewPath = (path: string) => /^\/(?:watch|fairs)\/[^/]+$/.test(path)

/**
 * Link previews on Workers (server/static.ts does it on Node): the app's page from the assets
 * binding with the stream's or fair's own title and og: tags, under the same security headers
 * as every answer. An unknown id, or Redis away: the app's page as the assets serve it.
 */
export function previewPages(config: Config) {
  const app = new Hono<Env>().use(securityHeaders(config))
  const guard = previewGuard() // per isolate: a flood of page loads cannot become Redis load
  // the binding's answer has immutable headers: a copy, so the security headers can be set on it
  const appPage = async (assets: Assets, req: Request) => {
    const res = await assets.fetch(req)
    return new Response(res.body, res)
  }
  for (const page of ['watch', 'fairs'] as const) {
    app.get(`/${page}/:id`, async (c) => {
      const { redis, assets } = c.env
      const address = c.req.header('cf-connecting-ip') ?? 'unknown'
      const found = await guardedPreview(guard, redis, config.PUBLIC_URL, address, page, c.req.param('id'), c.req.query('src')).catch(() => null)
      if (!found) return appPage(assets, c.req.raw)
      const index = await assets.fetch(new Request(new URL('/', c.req.url)))
      if (!index.ok) return appPage(assets, c.req.raw)
      // Cloudflare compresses it on the way out; revalidated like the app's page
      return c.html(withPreview(await index.text(), found), 200, { 'Cache-Control': 'no-cache' })
    })
  }
  return app
}
