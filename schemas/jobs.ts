import * as z from 'zod/mini'
import { pageFields, recordId, requiredText, text, wholeNumber } from './fields.ts'
import { dailyOutputRule } from './take-home.ts'

// POST /api/jobs, PATCH /api/jobs/:id, GET /api/jobs.

const money = z.number({ error: (issue) => (issue.input === undefined ? 'pay.required' : 'pay.notNumber') }).check(z.minimum(0, 'pay.negative'), z.maximum(1_000_000, 'pay.tooHigh'))
const age = wholeNumber('age.notWhole', 'age.notWhole').check(z.minimum(16, 'age.outOfRange'), z.maximum(80, 'age.outOfRange'))

const fields = {
  title: z.string('title.tooShort').check(z.trim(), z.minLength(2, 'title.tooShort'), z.maxLength(60, 'title.tooLong')),
  pay: z
    .object({ min: money, max: money, unit: z.enum(['month', 'day', 'hour', 'piece']) })
    .check(z.refine((p) => p.min <= p.max, { message: 'pay.order', path: ['min'] })),
  headcount: wholeNumber('headcount.required', 'headcount.notWhole').check(z.minimum(1, 'headcount.tooSmall'), z.maximum(100_000, 'headcount.tooBig')),
  // town: a gazetteer town's code or canonical name (schemas/gazetteer); the server checks it and
  // fills the canonical name and the coordinates itself (lat/lng sent by a client are dropped).
  location: z.object({
    town: requiredText(60, 'town.required', 'town.tooLong'),
    address: z.optional(text(200, 'address.tooLong')),
    shuttle: z.optional(text(100, 'shuttle.tooLong')),
  }),
  /** A skilled worker's typical day: pieces (pay per piece) or hours (pay per hour); schemas/take-home.ts. */
  dailyOutput: z.number('dailyOutput.notNumber'),
  tags: z.pipe(
    z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(12, 'tags.tooLong'))).check(z.maxLength(10, 'tags.tooMany')),
    z.transform((t: string[]) => [...new Set(t)]),
  ),
  ageMin: age,
  ageMax: age,
  description: text(2000, 'description.tooLong'),
}

/** Both ages given: the lower one first. The PATCH route checks it again on the merged job. */
export const agesInOrder = (j: { ageMin?: number | null; ageMax?: number | null }) => j.ageMin == null || j.ageMax == null || j.ageMin <= j.ageMax

/** The daily output fits the pay (schemas/take-home.ts); the PATCH route checks the merged job too. */
const dailyOutputFits = z.superRefine((j: { pay: { max: number; unit: 'month' | 'day' | 'hour' | 'piece' }; dailyOutput?: number }, ctx) => {
  const rule = dailyOutputRule(j.pay, j.dailyOutput)
  if (rule) ctx.addIssue({ code: 'custom', message: rule, path: ['dailyOutput'], input: j.dailyOutput })
})

export const jobCreateBody = z
  .strictObject({
    title: fields.title,
    pay: fields.pay,
    headcount: fields.headcount,
    location: fields.location,
    tags: z.optional(fields.tags),
    ageMin: z.optional(fields.ageMin),
    ageMax: z.optional(fields.ageMax),
    description: z.optional(fields.description),
    dailyOutput: z.optional(fields.dailyOutput),
  })
  .check(z.refine(agesInOrder, { message: 'age.order', path: ['ageMin'] }), dailyOutputFits)

/** Any subset; null removes an optional field. */
export const jobPatchBody = z.partial(
  z.strictObject({
    title: fields.title,
    pay: fields.pay,
    headcount: fields.headcount,
    location: fields.location,
    tags: fields.tags,
    ageMin: z.nullable(fields.ageMin),
    ageMax: z.nullable(fields.ageMax),
    description: z.nullable(fields.description),
    dailyOutput: z.nullable(fields.dailyOutput),
  }),
)

export const jobListQuery = z.object({ companyId: z.optional(z.string().check(z.maxLength(64))), status: z.optional(z.enum(['open', 'closed'])), ...pageFields })

