import { api, call } from '../api.ts'

// The recruiter's own company: GET/PATCH /api/company (its 招聘电话).

export const loadCompany = () => call(api.company.$get())
export const updateCompany = (json: { hiringPhone?: string | null }) => call(api.company.$patch({ json }))
