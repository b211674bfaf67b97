export const EVENT_TYPES = ['join', 'beat', 'leave', 'impression', 'click', 'like'] as const
export type EventType = (typeof EVENT_TYPES)[number]

/**
 * Accepted beacons as the counting script reads them: one flat array, ROW values per event —
 * id, type, viewerId, sessionId, jobId ('' if none), watchedMs (0 if none), seenAt, who, src. Flat,
 * because Lua then decodes one table per batch instead of one per event. `seenAt` is when the
 * event happened in the server's clock (receive time less the age the client reports): a
 * beat queued while the phone was offline must not make its session count as watching now.
 * `who` tags the sender's address (a short hash, never the address itself): one address may
 * start only so many new sessions per stream per minute ('' for events with no address).
 * `src` is the share channel a join came through (schemas/channels.ts; '' if none or not a join).
 */
export type EventRows = (string | number)[]
export const ROW = 9
/** Rows of jobs queued before the address tag have 7 values per event, before the channel 8. */
export const LEGACY_ROW = 7

/**
 * One request's accepted events, by stream, received at `t` (server ms); `admit` is the
 * new-session budget per address per stream per minute in force (0: none).
 */
export type Accepted = { t: number; streams: Map<string, EventRows>; admit: number }

/**
 * A BullMQ job's data. Per stream: the receive time of its first events (it picks the
 * dedupe bucket and is "now" for the wall-clock bound on watch time), its rows as one JSON
 * string, which the worker hands to Lua untouched (nothing in Node parses or re-encodes an
 * event after the API), the row width, and the admission budget. Jobs queued before the
 * address tag have neither `width` nor `admit`.
 */
export type EventBatch = { streams: Record<string, { t: number; rows: string; width?: number; admit?: number }> }

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
  /** Address tag (see EventRows); '' or absent: not limited per address. */
  who?: string
  /** Share channel of a join (see EventRows); '' or absent: direct. */
  src?: string
}

export function acceptedOf(events: CountedEvent[], admit = 0): Accepted {
  const streams = new Map<string, EventRows>()
  for (const e of events) {
    let rows = streams.get(e.streamId)
    if (!rows) streams.set(e.streamId, (rows = []))
    rows.push(e.id, e.type, e.viewerId, e.sessionId, e.jobId ?? '', e.watchedMs ?? 0, e.seenAt ?? e.t, e.who ?? '', e.src ?? '')
  }
  return { t: events[0]?.t ?? Date.now(), streams, admit }
}

export function batchOf(accepted: Accepted): EventBatch {
  const streams: EventBatch['streams'] = {}
  for (const [id, rows] of accepted.streams) streams[id] = { t: accepted.t, rows: JSON.stringify(rows), width: ROW, admit: accepted.admit }
  return { streams }
}
