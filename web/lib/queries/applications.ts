import { api, call, type ApplicantStatus } from '../api.ts'

// A stream's applicants (the hiring company's and organizers' view) and their workflow.

export const listApplicants = (streamId: string, query: Record<string, string>) => call(api.streams[':id'].applications.$get({ param: { id: streamId }, query }))
export const setApplicantStatus = (id: string, status: Exclude<ApplicantStatus, 'new'>) => call(api.applications[':id'].$patch({ param: { id }, json: { status } }))
