import type { InferResponseType } from 'hono/client'
import { api, call } from '../api.ts'

// The dashboards' numbers: GET /api/streams/:id/stats, /api/fairs/:id/stats, /api/stats/overview,
// and their CSV exports.

export type StreamStats = InferResponseType<(typeof api.streams)[':id']['stats']['$get'], 200>
export type FairStats = InferResponseType<(typeof api.fairs)[':id']['stats']['$get'], 200>
export type OverviewStats = InferResponseType<typeof api.stats.overview.$get, 200>

/** A date input value (YYYY-MM-DD) as the start or the end of that local day, ISO. */
export function dayBound(value: string | undefined, end: boolean): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined
  const d = new Date(`${value}T${end ? '23:59:59.999' : '00:00:00'}`)
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString()
}

/** The stats query for a fair from the page's ?from=&to= (date input values). */
export const rangeQuery = (from?: string, to?: string) => {
  const q: { from?: string; to?: string } = {}
  const f = dayBound(from, false)
  const t = dayBound(to, true)
  if (f) q.from = f
  if (t) q.to = t
  return q
}

export const loadStreamStats = (id: string) => call(api.streams[':id'].stats.$get({ param: { id } }))
export const loadFairStats = (id: string, from?: string, to?: string) => call(api.fairs[':id'].stats.$get({ param: { id }, query: rangeQuery(from, to) }))
export const loadOverview = () => call(api.stats.overview.$get())
/** The 大屏 through a read-only link's token (no session). */
export const loadScreenStats = (token: string) => call(api.screen[':token'].stats.$get({ param: { token } }))
/** A fair's 大屏 links: make (the token is shown only then), list, revoke. */
export const createScreenLink = (fairId: string, label: string) => call(api.fairs[':id']['screen-links'].$post({ param: { id: fairId }, json: label ? { label } : {} }))
export const listScreenLinks = (fairId: string) => call(api.fairs[':id']['screen-links'].$get({ param: { id: fairId } }))
export const revokeScreenLink = (id: string) => call(api['screen-links'][':id'].$delete({ param: { id } }))
/** The raw responses (not parsed): downloadCsv streams them with progress. */
export const fairReportCsv = (id: string, from?: string, to?: string) => api.fairs[':id']['report.csv'].$get({ param: { id }, query: rangeQuery(from, to) })
export const fairChannelsCsv = (id: string, from?: string, to?: string) => api.fairs[':id']['channels.csv'].$get({ param: { id }, query: rangeQuery(from, to) })
export const applicantsCsv = (id: string) => api.streams[':id']['applications.csv'].$get({ param: { id } })
