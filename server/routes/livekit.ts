import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'

// Mounted at /api: POST /streams/:id/token, POST /streams/:id/ingress, POST /livekit/webhook.
export const livekit = new Hono<AppEnv>()
