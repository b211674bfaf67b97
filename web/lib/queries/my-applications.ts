import { api, call } from '../api.ts'

// 我的报名 and the station's screen: how applications are going.

/** GET /api/applications/:id/status with the receipt this device was given. */
export const applicationProgress = (id: string, receipt: string) => call(api.applications[':id'].status.$get({ param: { id }, query: { receipt } }))
/** GET /api/station/applications: what the signed-in station filed (masked). */
export const stationApplications = (limit: number, cursor?: string) => call(api.station.applications.$get({ query: { limit: String(limit), ...(cursor ? { cursor } : {}) } }))
