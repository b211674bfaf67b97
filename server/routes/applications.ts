import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'

// Mounted at /api: POST /streams/:id/applications, GET lists, PATCH /applications/:id, CSV.
export const applications = new Hono<AppEnv>()
