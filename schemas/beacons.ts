import * as z from 'zod/mini'
import { EVENT_TYPES } from '../server/counting/rows.ts'
import { clientId } from './fields.ts'
import { src } from './channels.ts'

// POST /api/events: what the viewer page reports (web/lib/beacons.ts), up to 100 at a time.

const id = clientId('id.invalid')
export const beacon = z.object({
  id,
  type: z.enum(EVENT_TYPES),
  streamId: z.string().check(z.minLength(1), z.maxLength(64)),
  viewerId: id,
  sessionId: id,
  jobId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  watchedMs: z.optional(z.int().check(z.minimum(0), z.maximum(3_600_000))),
  at: z.optional(z.union([z.string().check(z.maxLength(40)), z.number()])), // the client's clock: only its distance to sentAt is used
  src: z.optional(src), // the share channel (?src=) the session came through, on its join (docs/counting.md)
})
// sentAt: the client's clock when it sent the request. With each event's `at` it gives the
// event's age without trusting the phone's clock to agree with ours.
export const beaconBatch = z.object({ events: z.array(beacon).check(z.minLength(1), z.maxLength(100, 'events.tooMany')), sentAt: z.optional(z.number()) })
export type BeaconBatch = z.infer<typeof beaconBatch>
