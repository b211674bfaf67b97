export const EVENT_TYPES = ['join', 'beat', 'leave', 'impression', 'click'] as const
export type EventType = (typeof EVENT_TYPES)[number]

/**
 * One accepted beacon as the counting script reads it. `seenAt` is when it happened, in the
 * server's clock (receive time less the age the client reports): a beat queued while the
 * phone was offline must not make its session count as watching now.
 */
export type EventRow = [id: string, type: EventType, viewerId: string, sessionId: string, jobId: string, watchedMs: number, seenAt: number]

/** One request's accepted events, by stream, received at `t` (server ms). */
export type Accepted = { t: number; streams: Map<string, EventRow[]> }

/**
 * A BullMQ job's data. Per stream: the receive time of its first events (it picks the
 * dedupe bucket) and its rows as one JSON string, which the worker hands to Lua untouched:
 * nothing in Node parses or re-encodes an event after the API.
 */
export type EventBatch = { streams: Record<string, { t: number; rows: string }> }

/** A beacon with its receive time, written out: tests and jobs queued before the row format. */
export type CountedEvent = {
  id: string
  type: EventType
  streamId: string
  viewerId: string
  sessionId: string
  jobId?: string
  watchedMs?: number
  t: number
  seenAt?: number
}

export function acceptedOf(events: CountedEvent[]): Accepted {
  const streams = new Map<string, EventRow[]>()
  for (const e of events) {
    const row: EventRow = [e.id, e.type, e.viewerId, e.sessionId, e.jobId ?? '', e.watchedMs ?? 0, e.seenAt ?? e.t]
    const rows = streams.get(e.streamId)
    if (rows) rows.push(row)
    else streams.set(e.streamId, [row])
  }
  return { t: events[0]?.t ?? Date.now(), streams }
}

export function batchOf(accepted: Accepted): EventBatch {
  const streams: EventBatch['streams'] = {}
  for (const [id, rows] of accepted.streams) streams[id] = { t: accepted.t, rows: JSON.stringify(rows) }
  return { streams }
}
