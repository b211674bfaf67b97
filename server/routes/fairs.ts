import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../context.ts'
import { notFound } from '../errors.ts'
import { isoDate, jsonBody, queryOf } from '../lib/validate.ts'
import { requireRole } from '../middleware/roles.ts'
import { createFair, getFair, listFairs } from '../store/fairs.ts'
import { listStreams } from '../store/streams.ts'
import { pageLimit } from '../store/paging.ts'
import { decorateStreams } from '../store/stream-rows.ts'

const createSchema = z
  .object({
    title: z.string().trim().min(2, 'At least 2 characters').max(80),
    startsAt: isoDate,
    endsAt: isoDate,
    description: z.string().trim().max(2000).optional(),
  })
  .strict()
  .refine((f) => Date.parse(f.startsAt) <= Date.parse(f.endsAt), { message: 'The fair must end after it starts', path: ['endsAt'] })
  .transform((f) => ({ ...f, startsAt: new Date(f.startsAt).toISOString(), endsAt: new Date(f.endsAt).toISOString() }))

const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).optional(), cursor: z.string().max(512).optional() })

export const fairs = new Hono<AppEnv>()
  .post('/', requireRole('organizer'), jsonBody(createSchema), async (c) => {
    const fair = await createFair(c.get('deps').redis, c.req.valid('json'))
    return c.json({ fair }, 201)
  })
  .get('/', queryOf(listQuery), async (c) => {
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
