import type { Context, Hono } from 'hono'
import { serveStatic } from '@hono/node-server/serve-static'
import { readFileSync } from 'node:fs'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { withPreview, type Preview } from './share/preview.ts'

// The web build as the Node entry serves it (Workers: wrangler.toml [assets] + web/public/_headers).
// Files go out as the build precompressed them (scripts/precompress.ts: .br, else .gz), and
// caching follows the names: Vite puts a content hash in everything under /assets/, so a
// browser may keep those for a year; anything else may change on a deploy and is revalidated.

export const IMMUTABLE = 'public, max-age=31536000, immutable'
export const REVALIDATE = 'no-cache'

const cacheFor = (c: Context) => c.header('Cache-Control', c.req.path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE)

/** The link preview of a watch or fair page (server/share/preview.ts), null for an unknown id. */
export type PreviewOf = (page: 'watch' | 'fairs', id: string, src: string | undefined, c: Context) => Promise<Preview | null>

// A shared link is opened by many phones at once (a WeChat group): the same page is compressed
// once and kept (the recent ones, by their text), not compressed per request (~2–5 ms at brotli's best).
const PACKED_MAX = 200
const packed = new Map<string, { br?: Buffer; gzip?: Buffer }>()
function packedOf(html: string, encoding: 'br' | 'gzip'): Buffer {
  let entry = packed.get(html)
  if (!entry) {
    if (packed.size >= PACKED_MAX) packed.delete(packed.keys().next().value!)
    packed.set(html, (entry = {}))
  }
  const raw = Buffer.from(html)
  return (entry[encoding] ??= encoding === 'br' ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }) : gzipSync(raw))
}

/**
 * A page's own HTML (its title and og: tags), compressed as the build compresses the rest:
 * brotli (best quality: every byte counts on the viewer's first load), else gzip, else plain.
 * Revalidated like index.html, and never the generic page under another name: each URL is its
 * own document (Vary: Accept-Encoding for the encodings).
 */
function sendHtml(c: Context, html: string) {
  const accepts = c.req.header('accept-encoding') ?? ''
  const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null
  const body = encoding ? packedOf(html, encoding) : Buffer.from(html)
  c.header('Content-Type', 'text/html; charset=utf-8')
  c.header('Cache-Control', REVALIDATE)
  c.header('Vary', 'Accept-Encoding')
  if (encoding) c.header('Content-Encoding', encoding)
  c.header('Content-Length', String(body.length))
  return c.body(new Uint8Array(body))
}

export function serveWeb(app: Hono, root: string, preview?: PreviewOf) {
  app.use('/*', serveStatic({ root, precompressed: true, onFound: (_path, c) => cacheFor(c) }))
  // A hashed file that is not there (an old tab asking for a chunk of the build before): a 404,
  // not index.html under a .js name that the browser would refuse anyway.
  app.get('/assets/*', (c) => c.notFound())
  // A shared watch or fair link names its stream or fair to link previews (unknown id: the app's page).
  if (preview) {
    const index = readFileSync(`${root}/index.html`, 'utf8')
    for (const page of ['watch', 'fairs'] as const) {
      app.get(`/${page}/:id`, async (c, next) => {
        // Redis away: the app's page still loads (it says what is wrong itself)
        const found = await preview(page, c.req.param('id'), c.req.query('src'), c).catch(() => null)
        return found ? sendHtml(c, withPreview(index, found)) : next()
      })
    }
  }
  // Client-side routes (/watch/:id, /studio…) get the app's one page.
  app.get('*', serveStatic({ path: `${root}/index.html`, precompressed: true, onFound: (_path, c) => void c.header('Cache-Control', REVALIDATE) }))
}
