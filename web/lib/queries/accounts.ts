import { api, call, type UserStatus } from '../api.ts'
import { pageQuery } from './page-query.ts'

// Accounts: signing up and in, and the organizer's recruiter and station lists.

export type RegisterBody = Parameters<typeof api.auth.register.$post>[0]['json']
export type LoginBody = Parameters<typeof api.auth.login.$post>[0]['json']
export type StationBody = Parameters<typeof api.admin.stations.$post>[0]['json']

export const register = (json: RegisterBody) => call(api.auth.register.$post({ json }))
export const login = (json: LoginBody) => call(api.auth.login.$post({ json }))
export const loadMe = () => call(api.me.$get())
export const logout = () => call(api.auth.logout.$post())

export const listRecruiters = (status: UserStatus, limit: number, cursor?: string) => call(api.admin.recruiters.$get({ query: { status, ...pageQuery(limit, cursor) } }))
export const moveRecruiter = (userId: string, to: 'approve' | 'suspend') =>
  call(to === 'approve' ? api.admin.recruiters[':userId'].approve.$post({ param: { userId } }) : api.admin.recruiters[':userId'].suspend.$post({ param: { userId } }))

export const listStations = (limit: number, cursor?: string) => call(api.admin.stations.$get({ query: pageQuery(limit, cursor) }))
export const createStation = (json: StationBody) => call(api.admin.stations.$post({ json }))
