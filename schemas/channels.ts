import * as z from 'zod/mini'

// Share-link channels (?src=, docs/counting.md "Channels"): who a viewer came through. Only
// known shapes are stored, so a script cannot invent readable labels; the counting also caps
// the distinct channels per stream (server/counting/channels.ts).

/** org (organizer), screen (大屏), poster, st-<station id>, rc-<recruiter id>; ≤ 40 chars. */
export const SRC = /^(?:org|screen|poster|st-[A-Za-z0-9_-]{1,37}|rc-[A-Za-z0-9_-]{1,37})$/
export const src = z.string('src.invalid').check(z.maxLength(40, 'src.invalid'), z.regex(SRC, 'src.invalid'))

/** The channel a share link carries, or undefined (direct) when absent or not known-shaped. */
export const srcOf = (value: string | null | undefined): string | undefined => (value && value.length <= 40 && SRC.test(value) ? value : undefined)

/** Channels a signed-in sharer tags links with. */
export const stationSrc = (userId: string) => `st-${userId}`
export const recruiterSrc = (userId: string) => `rc-${userId}`

/** GET /api/streams/:id/qr.png, GET /api/fairs/:id/qr.png: the channel the QR's link carries. */
export const qrQuery = z.strictObject({ src: z.optional(src) })
