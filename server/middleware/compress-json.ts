import { compress } from 'hono/compress'

/**
 * gzip for the API's JSON answers on the Node entry (Workers: Cloudflare compresses). JSON only:
 * the overlay's text/event-stream must reach the viewer event by event (a compressor holds
 * events back until its buffer fills), and a CSV export keeps its Content-Length, which the
 * dashboards' download progress bar fills against.
 */
export const compressJson = () => compress({ contentTypeFilter: /^application\/json\b/i })
