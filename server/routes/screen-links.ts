import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { ApiError, notFound } from '../errors.ts'
import { jsonBody } from '../lib/validate.ts'
import { requireRole } from '../middleware/roles.ts'
import { clientIp, hit } from '../middleware/rate-limit.ts'
import { getFair } from '../store/fairs.ts'
import { createScreenLink, fairOfScreenToken, listScreenLinks, revokeScreenLink, type ScreenLink } from '../store/screen-links.ts'
import { fairStatsOf } from './stats.ts'
import { screenLinkBody } from '../../schemas/screen-links.ts'

// A wall screen refreshes every 10 s; a few share a hall's address.
const SCREEN_LIMIT_PER_MINUTE = 120

/** Where the web app shows the 大屏 for a token (web/pages/reports/BigScreen.tsx). */
export const screenPath = (token: string) => `/screen/s/${token}`

const view = (l: ScreenLink) => ({ id: l.id, fairId: l.fairId, label: l.label, createdAt: l.createdAt })

// Mounted at /api. The organizer makes and revokes read-only 大屏 links; the link's token reads
// the fair's numbers (no personal data in them) without a session.
export const screenLinks = new Hono<AppEnv>()
  .post('/fairs/:id/screen-links', requireRole('organizer'), jsonBody(screenLinkBody), async (c) => {
    const { redis } = c.get('deps')
    const fair = await getFair(redis, c.req.param('id'))
    if (!fair) throw notFound('Fair')
    const made = await createScreenLink(redis, fair.id, c.req.valid('json').label ?? '')
    if (!made) throw new ApiError('CONFLICT', 'This fair has 100 screen links; revoke some first')
    const url = `${c.get('deps').config.PUBLIC_URL}${screenPath(made.token)}` // never the request's Host
    return c.json({ ...view(made.link), token: made.token, url }, 201)
  })
  .get('/fairs/:id/screen-links', requireRole('organizer'), async (c) => {
    const { redis } = c.get('deps')
    const fair = await getFair(redis, c.req.param('id'))
    if (!fair) throw notFound('Fair')
    return c.json({ items: (await listScreenLinks(redis, fair.id)).map(view) }, 200)
  })
  .delete('/screen-links/:id', requireRole('organizer'), async (c) => {
    if (!(await revokeScreenLink(c.get('deps').redis, c.req.param('id')))) throw notFound('Screen link')
    return c.body(null, 204)
  })
  .get('/screen/:token/stats', async (c) => {
    await hit(c, 'screen', clientIp(c), SCREEN_LIMIT_PER_MINUTE, 60)
    const { redis } = c.get('deps')
    const fairId = await fairOfScreenToken(redis, c.req.param('token'))
    const fair = fairId ? await getFair(redis, fairId) : null
    if (!fair) throw notFound('Screen link')
    c.header('Cache-Control', 'private, no-store')
    const stats = await fairStatsOf(redis, fair)
    // a recruiter's channel is named by a person's account name: not on a public screen
    const channels = stats.channels.map(({ name, ...row }) => (row.src.startsWith('rc-') || !name ? row : { ...row, name }))
    return c.json({ fair, ...stats, channels }, 200)
  })
