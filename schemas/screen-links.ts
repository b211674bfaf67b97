import * as z from 'zod/mini'
import { text } from './fields.ts'

// POST /api/fairs/:id/screen-links: a read-only 大屏 link for a hall's wall screen.
export const screenLinkBody = z.strictObject({ label: z.optional(text(30, 'label.tooLong')) })
