import { api, call } from '../api.ts'
import { pageQuery } from './page-query.ts'

// Every request about streams the pages make, by name: GET/POST/PATCH /api/streams…

type StreamFilter = { status?: 'live' | 'scheduled' | 'ended'; companyId?: string; fairId?: string; openJobs?: 'true' }
export type StreamCreate = Parameters<typeof api.streams.$post>[0]['json']
export type StreamPatch = Parameters<(typeof api.streams)[':id']['$patch']>[0]['json']

export const listStreams = (filter: StreamFilter, limit: number, cursor?: string) => call(api.streams.$get({ query: { ...filter, ...pageQuery(limit, cursor) } }))
export const loadStream = (id: string) => call(api.streams[':id'].$get({ param: { id } }))

export const createStream = (json: StreamCreate) => call(api.streams.$post({ json }))
export const updateStream = (id: string, json: StreamPatch) => call(api.streams[':id'].$patch({ param: { id }, json }))
/** Go live ('start') or finish ('end'). */
export const moveStream = (id: string, to: 'start' | 'end') => call(to === 'start' ? api.streams[':id'].start.$post({ param: { id } }) : api.streams[':id'].end.$post({ param: { id } }))

/** Pin a job card over the video, or clear it (null). */
export const pinJob = (id: string, jobId: string | null) => call(api.streams[':id'].pin.$post({ param: { id }, json: { jobId } }))
/** Where OBS (rtmp) or a WHIP encoder sends the picture. */
export const streamIngress = (id: string, type: 'rtmp' | 'whip') => call(api.streams[':id'].ingress.$post({ param: { id }, json: { type } }))
/** A LiveKit join token: the host's when signed in as the owner, else a viewer's for `viewerId`. */
export const joinToken = (id: string, viewerId?: string) => call(api.streams[':id'].token.$post({ param: { id }, json: viewerId ? { viewerId } : {} }))

