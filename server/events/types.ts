export const EVENT_TYPES = ['join', 'beat', 'leave', 'impression', 'click'] as const
export type EventType = (typeof EVENT_TYPES)[number]

/** A beacon as accepted by POST /api/events, stamped with the server's receive time `t` (ms). */
export type CountedEvent = {
  id: string
  type: EventType
  streamId: string
  viewerId: string
  sessionId: string
  jobId?: string
  watchedMs?: number
  t: number
}

export type EventBatch = { events: CountedEvent[] }
