import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'

// Mounted at /api/streams: pin, overlay state (GET /:id/live) and SSE (GET /:id/live/events).
export const live = new Hono<AppEnv>()
