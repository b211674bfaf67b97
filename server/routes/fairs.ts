import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { notFound } from '../errors.ts'
import { jsonBody, queryOf } from '../lib/validate.ts'
import { fairCreateBody, fairListQuery } from '../../schemas/fairs.ts'
import { requireRole } from '../middleware/roles.ts'
import { createFair, getFair, listFairs } from '../store/fairs.ts'
import { listStreams } from '../store/streams.ts'
import { pageLimit } from '../store/paging.ts'
import { decorateStreams } from '../store/stream-rows.ts'

export const fairs = new Hono<AppEnv>()
  .post('/', requireRole('organizer'), jsonBody(fairCreateBody), async (c) => {
    const fair = await createFair(c.get('deps').redis, c.req.valid('json'))
    return c.json({ fair }, 201)
  })
  .get('/', queryOf(fairListQuery), async (c) => {
    const q = c.req.valid('query')
    return c.json(await listFairs(c.get('deps').redis, pageLimit(q.limit), q.cursor), 200)
  })
  .get('/:id', async (c) => {
    const { redis } = c.get('deps')
    const fair = await getFair(redis, c.req.param('id'))
    if (!fair) throw notFound('Fair')
    const page = await listStreams(redis, { fairId: fair.id }, 100)
    return c.json({ fair, streams: await decorateStreams(redis, page.items), next: page.next }, 200)
  })
