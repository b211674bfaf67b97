import type { Context, Hono } from 'hono'
import { serveStatic } from '@hono/node-server/serve-static'

// The web build as the Node entry serves it (Workers: wrangler.toml [assets] + web/public/_headers).
// Files go out as the build precompressed them (scripts/precompress.ts: .br, else .gz), and
// caching follows the names: Vite puts a content hash in everything under /assets/, so a
// browser may keep those for a year; anything else may change on a deploy and is revalidated.

export const IMMUTABLE = 'public, max-age=31536000, immutable'
export const REVALIDATE = 'no-cache'

const cacheFor = (c: Context) => c.header('Cache-Control', c.req.path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE)

export function serveWeb(app: Hono, root: string) {
  app.use('/*', serveStatic({ root, precompressed: true, onFound: (_path, c) => cacheFor(c) }))
  // A hashed file that is not there (an old tab asking for a chunk of the build before): a 404,
  // not index.html under a .js name that the browser would refuse anyway.
  app.get('/assets/*', (c) => c.notFound())
  // Client-side routes (/watch/:id, /studio…) get the app's one page.
  app.get('*', serveStatic({ path: `${root}/index.html`, precompressed: true, onFound: (_path, c) => void c.header('Cache-Control', REVALIDATE) }))
}
