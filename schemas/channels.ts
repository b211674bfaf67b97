import * as z from 'zod/mini'
import { SRC } from './channel-src.ts'

// Share-link channels (?src=, docs/counting.md "Channels"): who a viewer came through. Only
// known shapes are stored, so a script cannot invent readable labels; the counting also caps
// the distinct channels per stream (server/counting/channels.ts).

export { SRC, srcOf } from './channel-src.ts'
export const src = z.string('src.invalid').check(z.maxLength(40, 'src.invalid'), z.regex(SRC, 'src.invalid'))

/** GET /api/streams/:id/qr.png, GET /api/fairs/:id/qr.png: the channel the QR's link carries. */
export const qrQuery = z.strictObject({ src: z.optional(src) })
