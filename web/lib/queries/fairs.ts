import { api, call } from '../api.ts'
import { pageQuery } from './page-query.ts'

// Every request about job fairs the pages make, by name: GET/POST /api/fairs…

export type FairCreate = Parameters<typeof api.fairs.$post>[0]['json']

export const listFairs = (limit: number, cursor?: string) => call(api.fairs.$get({ query: pageQuery(limit, cursor) }))
export const loadFair = (id: string) => call(api.fairs[':id'].$get({ param: { id } }))
export const createFair = (json: FairCreate) => call(api.fairs.$post({ json }))
