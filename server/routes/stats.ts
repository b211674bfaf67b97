import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { ApiError, notFound } from '../errors.ts'
import { currentUser } from '../middleware/roles.ts'
import { getStream } from '../store/streams.ts'
import { computeStats, getReport } from '../store/stats.ts'

// Mounted at /api/streams: GET /:id/stats for the stream's company or an organizer.
export const stats = new Hono<AppEnv>().get('/:id/stats', async (c) => {
  const user = currentUser(c)
  const { redis } = c.get('deps')
  const stream = await getStream(redis, c.req.param('id'))
  if (!stream) throw notFound('Stream')
  const owner = user.role === 'recruiter' && user.status === 'approved' && user.companyId === stream.companyId
  if (!owner && user.role !== 'organizer') throw new ApiError('FORBIDDEN', 'Only the stream’s company and organizers can see its numbers')
  const report = stream.status === 'ended' ? await getReport(redis, stream.id) : null
  c.header('Cache-Control', 'private, no-store')
  return c.json(report ?? (await computeStats(redis, stream)), 200)
})
