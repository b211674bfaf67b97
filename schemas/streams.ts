import * as z from 'zod/mini'
import { pageFields, recordId, text, utcDate } from './fields.ts'
import type { Rule } from './rules.ts'

// POST /api/streams, PATCH /api/streams/:id, GET /api/streams, POST /api/streams/:id/pin.

const fields = {
  title: z.string('title.tooShort').check(z.trim(), z.minLength(2, 'title.tooShort'), z.maxLength(80, 'title.tooLong')),
  scheduledAt: utcDate,
  jobIds: z
    .array(recordId, 'jobIds.none')
    .check(
      z.minLength(1, 'jobIds.none'),
      z.maxLength(30, 'jobIds.tooMany'),
      z.refine((ids) => new Set(ids).size === ids.length, 'jobIds.repeated'),
    ),
  fairId: recordId,
  description: text(2000, 'description.tooLong'),
}

export const streamCreateBody = z.strictObject({
  title: fields.title,
  scheduledAt: fields.scheduledAt,
  jobIds: fields.jobIds,
  fairId: z.nullish(fields.fairId),
  description: z.optional(fields.description),
})

/** Any subset; null detaches the fair or removes the description. */
export const streamPatchBody = z.partial(
  z.strictObject({
    title: fields.title,
    scheduledAt: fields.scheduledAt,
    jobIds: fields.jobIds,
    fairId: z.nullable(fields.fairId),
    description: z.nullable(fields.description),
  }),
)

export const streamListQuery = z.object({
  status: z.optional(z.enum(['live', 'scheduled', 'ended'])),
  fairId: z.optional(z.string().check(z.maxLength(64))),
  companyId: z.optional(z.string().check(z.maxLength(64))),
  // Ended streams only when a job of theirs still takes applications (home: 岗位仍可报名).
  openJobs: z.optional(z.enum(['true'])),
  ...pageFields,
})

/** Pin a job card over the video, or clear it (null). */
export const pinBody = z.strictObject({ jobId: z.nullable(recordId) })

const HOUR = 3600_000
/**
 * A new or changed start time: from an hour ago (a stream scheduled a moment late still goes
 * live) to 366 days ahead. Not in the schema because it depends on the clock: the server passes
 * its own (a test can set it), the web the browser's.
 */
export function scheduleProblem(iso: string, now: Date): Rule | null {
  const t = Date.parse(iso)
  if (t < now.getTime() - HOUR) return 'scheduledAt.tooEarly'
  if (t > now.getTime() + 366 * 24 * HOUR) return 'scheduledAt.tooLate'
  return null
}
