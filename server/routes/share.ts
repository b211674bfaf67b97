import { Hono, type Context } from 'hono'
import type { AppEnv } from '../context.ts'
import { notFound } from '../errors.ts'
import { queryOf } from '../lib/validate.ts'
import { qrQuery } from '../../schemas/channels.ts'
import { rateLimitByIp } from '../middleware/rate-limit.ts'
import { getStream } from '../store/streams.ts'
import { getFair } from '../store/fairs.ts'
import { qrPng, shareUrl } from '../share/qr.ts'

// Share links' QR codes (docs/http-api.md "Sharing"): public (a poster is printed for anyone),
// rate-limited per address, and cacheable — a code depends only on the id, the channel and
// PUBLIC_URL, never on the request's Host (a forged Host cannot make a code point elsewhere).
const QR_PER_MINUTE = 120
const limit = rateLimitByIp('qr', () => QR_PER_MINUTE)

async function answer(c: Context<AppEnv>, page: 'watch' | 'fairs', id: string, src: string | undefined) {
  const png = await qrPng(shareUrl(c.get('deps').config.PUBLIC_URL, page, id, src))
  return c.body(png as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=86400' })
}

// Mounted at /api.
export const share = new Hono<AppEnv>()
  .get('/streams/:id/qr.png', limit, queryOf(qrQuery), async (c) => {
    const stream = await getStream(c.get('deps').redis, c.req.param('id'))
    if (!stream) throw notFound('Stream')
    return answer(c, 'watch', stream.id, c.req.valid('query').src)
  })
  .get('/fairs/:id/qr.png', limit, queryOf(qrQuery), async (c) => {
    const fair = await getFair(c.get('deps').redis, c.req.param('id'))
    if (!fair) throw notFound('Fair')
    return answer(c, 'fairs', fair.id, c.req.valid('query').src)
  })
