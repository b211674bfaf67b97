import * as z from 'zod/mini'
import { isoDate, pageFields, text } from './fields.ts'

// POST /api/fairs, GET /api/fairs, and the date range of a fair's numbers.

export const fairCreateBody = z.pipe(
  z
    .strictObject({
      title: z.string('title.tooShort').check(z.trim(), z.minLength(2, 'title.tooShort'), z.maxLength(80, 'title.tooLong')),
      startsAt: isoDate,
      endsAt: isoDate,
      description: z.optional(text(2000, 'description.tooLong')),
    })
    .check(z.refine((f) => Date.parse(f.startsAt) <= Date.parse(f.endsAt), { message: 'endsAt.beforeStart', path: ['endsAt'] })),
  z.transform((f) => ({ ...f, startsAt: new Date(f.startsAt).toISOString(), endsAt: new Date(f.endsAt).toISOString() })),
)

export const fairListQuery = z.object(pageFields)

/** GET /api/fairs/:id/stats and report.csv: ?from=&to= (ISO), either may be left out. */
export const dateRangeQuery = z
  .object({ from: z.optional(isoDate), to: z.optional(isoDate) })
  .check(z.refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), { message: 'range.order', path: ['to'] }))
