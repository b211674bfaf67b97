import { api, call } from '../api.ts'
import { pageQuery } from './page-query.ts'

// The recruiter's 场控 assistants: POST/GET/DELETE /api/company/assistants.

export type AssistantBody = Parameters<typeof api.company.assistants.$post>[0]['json']

export const listAssistants = (limit: number, cursor?: string) => call(api.company.assistants.$get({ query: pageQuery(limit, cursor) }))
export const createAssistant = (json: AssistantBody) => call(api.company.assistants.$post({ json }))
export const removeAssistant = (userId: string) => call(api.company.assistants[':userId'].$delete({ param: { userId } }))
