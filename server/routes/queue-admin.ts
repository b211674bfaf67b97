import { Hono } from 'hono'
import type { Queue } from 'bullmq'
import { serveStatic } from '@hono/node-server/serve-static'
import { createBullBoard } from '@bull-board/api'
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter'
import { HonoAdapter } from '@bull-board/hono'
import type { AppEnv } from '../context.ts'
import { onError } from '../errors.ts'
import { session } from '../middleware/session.ts'
import { sameOrigin } from '../middleware/same-origin.ts'
import { requireRole } from '../middleware/roles.ts'

export const QUEUE_ADMIN_PATH = '/admin/queues'

/**
 * Bull Board for operators (Node only): every queue's jobs, retries and failures. Outside /api,
 * so the session, the organizer check and the cross-site write check are applied here, before
 * any of the board's pages, assets or API routes: anonymous 401, other roles 403.
 */
export function queueAdmin(queues: Queue[]) {
  const board = new HonoAdapter(serveStatic)
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter: board, options: { uiConfig: { boardTitle: '直播带岗 queues' } } })
  board.setBasePath(QUEUE_ADMIN_PATH)
  return new Hono<AppEnv>()
    .onError(onError)
    .use('*', session, requireRole('organizer'), sameOrigin)
    .route('/', board.registerPlugin())
}
