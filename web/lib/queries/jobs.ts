import { api, call } from '../api.ts'
import { pageQuery } from './page-query.ts'

// Every request about jobs the pages make, by name: GET/POST/PATCH /api/jobs…

export type JobCreate = Parameters<typeof api.jobs.$post>[0]['json']
export type JobPatch = Parameters<(typeof api.jobs)[':id']['$patch']>[0]['json']

export const listCompanyJobs = (companyId: string, limit: number, cursor?: string) => call(api.jobs.$get({ query: { companyId, ...pageQuery(limit, cursor) } }))
export const createJob = (json: JobCreate) => call(api.jobs.$post({ json }))
export const updateJob = (id: string, json: JobPatch) => call(api.jobs[':id'].$patch({ param: { id }, json }))
export const closeJob = (id: string) => call(api.jobs[':id'].close.$post({ param: { id } }))
