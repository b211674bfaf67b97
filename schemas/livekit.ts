import * as z from 'zod/mini'
import { viewerId } from './applications.ts'

// POST /api/streams/:id/token and /api/streams/:id/ingress.

export const tokenBody = z.strictObject({
  viewerId: z.optional(viewerId),
  name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(40))),
})

export const ingressBody = z.strictObject({ type: z.enum(['rtmp', 'whip']) })
