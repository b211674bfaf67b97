import type { MiddlewareHandler } from 'hono'
import { compress } from 'hono/compress'

const JSON_TYPE = /^application\/json\b/i
// Below 1 KiB (compress's default threshold) gzip's own framing eats most of the gain.
const gzip = compress({ contentTypeFilter: JSON_TYPE })

/**
 * gzip for the API's JSON answers on the Node entry (Workers: Cloudflare compresses). JSON only:
 * the overlay's text/event-stream must reach the viewer event by event (a compressor holds
 * events back until its buffer fills), and a CSV export keeps its Content-Length, which the
 * dashboards' download progress bar fills against.
 */
export const compressJson = (): MiddlewareHandler => (c, next) =>
  gzip(c, async () => {
    await next()
    // c.json() sets no Content-Length, so the threshold would never apply and `{"ok":true}`
    // would grow: the JSON is in memory anyway, so give it its length.
    if (!JSON_TYPE.test(c.res.headers.get('Content-Type') ?? '') || c.res.headers.has('Content-Length') || !c.res.body) return
    const body = await c.res.arrayBuffer()
    const sized = new Response(body, c.res)
    sized.headers.set('Content-Length', String(body.byteLength))
    c.res = sized
  })
